package org.electora.geography;

import java.io.Reader;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

import org.electora.platform.Problem;

/**
 * Loads a whole map from CSV (format in docs/map-csv.md) as a new map version. The file is validated entirely first;
 * if anything is wrong every problem is reported (line and rule code) and nothing is written.
 */
public interface MapImport {

    ImportOutcome importCsv(NewMap map, Reader csv);

    /** What the imported version is called: the country (ISO 3166-1 alpha-2), a name, the capital's time zone. */
    record NewMap(String countryCode, String name, ZoneId capitalZone) {
        public NewMap {
            Objects.requireNonNull(countryCode);
            Objects.requireNonNull(name);
            Objects.requireNonNull(capitalZone);
        }
    }

    sealed interface ImportOutcome {
        record Imported(MapVersionId version, int regions, int constituencies, int stations) implements ImportOutcome {
        }

        record Rejected(List<Problem> problems) implements ImportOutcome {
            public Rejected {
                problems = List.copyOf(problems);
            }
        }
    }
}
