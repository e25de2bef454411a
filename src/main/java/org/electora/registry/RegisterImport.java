package org.electora.registry;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.electora.platform.Problem;

/**
 * Bulk import of the population register (docs/register-csv.md): the whole file is validated, then applied in one
 * transaction, upserting by national id. A file with any problem changes nothing; the same file twice changes
 * nothing the second time.
 */
public interface RegisterImport {

    /** Imports a CSV stream; {@code size} (bytes, or -1 if unknown) and {@code progress} only feed a progress bar. */
    Report importCsv(InputStream csv, long size, Progress progress);

    enum Outcome { APPLIED, REJECTED }

    /**
     * What an import did. {@code problems} holds the first {@link #PROBLEMS_PER_RULE} problems of each rule code,
     * {@code problemCounts} every problem counted by rule code. Warnings, kept and counted alike, do not reject the
     * file: they name the rows an applied file did not (wholly) apply, because a registry decision recorded on the
     * voter outranks the population register (docs/register.md, "Imports and status decisions").
     */
    record Report(long importId, Outcome outcome, long rows, long inserted, long updated, long unchanged,
                  Map<String, Long> problemCounts, List<Problem> problems, String sourceSha256,
                  Map<String, Long> warningCounts, List<Problem> warnings) {

        public static final int PROBLEMS_PER_RULE = 50;

        public Report {
            problemCounts = Map.copyOf(problemCounts);
            problems = List.copyOf(problems);
            warningCounts = Map.copyOf(warningCounts);
            warnings = List.copyOf(warnings);
        }

        public long changed() {
            return inserted + updated;
        }
    }

    /** Hears how far an import has got: bytes read, then each phase by name. */
    interface Progress {
        Progress NONE = new Progress() {
        };

        default void read(long bytes) {
        }

        default void phase(String name) {
        }
    }
}
