package org.electora.results;

import java.io.Reader;
import java.time.Duration;
import java.util.List;

import org.electora.election.ContestId;
import org.electora.election.ElectionId;
import org.electora.geography.MapVersionId;
import org.electora.platform.Problem;

/**
 * Bulk import of a historic election's per-station results (a CSV and its {@link HistoricMapping}). The whole file is
 * validated first (rule codes HIS-0xx, every problem with its line); only a clean file is written, in one transaction:
 * a new map version (regions → constituencies → stations), the election with its candidates moved to COUNTING, and
 * every protocol with source {@link ProtocolSource#IMPORT} — ACCEPTED, or QUARANTINED (not counted) where the
 * template's hard control relations fail — then the tallies. CEC administrators only.
 */
public interface HistoricImport {

    /** Which parts to write: everything, or only the map and the election (e.g. to replay the protocols over HTTP). */
    enum Part { EVERYTHING, MAP_AND_ELECTION }

    Outcome importCsv(HistoricMapping mapping, Reader csv, Part part, Progress progress);

    /** Told how far each phase ("validate", "load") has come; {@code total} is -1 while unknown. */
    @FunctionalInterface
    interface Progress {
        void advanced(String phase, long done, long total);

        static Progress none() {
            return (phase, done, total) -> { };
        }
    }

    /** A row imported but not counted: the relations it breaks (rule codes). */
    record Quarantined(int line, String stationCode, List<String> ruleCodes) {
        public Quarantined {
            ruleCodes = List.copyOf(ruleCodes);
        }
    }

    sealed interface Outcome {
        /**
         * {@code withoutNumbers}: stations put on the map without a protocol (rows with every count empty, under
         * {@code rows.without-numbers=skip}): expected, and never reporting.
         */
        record Imported(MapVersionId mapVersion, ElectionId election, ContestId contest, int regions, int constituencies,
                        int stations, int accepted, List<Quarantined> quarantined, int withoutNumbers, Duration took)
                implements Outcome {
            public Imported {
                quarantined = List.copyOf(quarantined);
            }
        }

        record Rejected(List<Problem> problems) implements Outcome {
            public Rejected {
                problems = List.copyOf(problems);
            }
        }
    }
}
