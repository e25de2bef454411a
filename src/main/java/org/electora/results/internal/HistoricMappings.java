package org.electora.results.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.electora.platform.InvalidInput;
import org.electora.results.HistoricMapping;

/** The column mappings a historic import may take: the shipped ones by name, or a properties file read as sent. */
final class HistoricMappings {

    /** The mapping file is missing a key, or a value is wrong (a date, a time zone, a pattern without its group). */
    static final String UNUSABLE = "HIS-012";

    /** The shipped mappings, by the name the command line and the import page give them. */
    static final Map<String, Supplier<HistoricMapping>> SHIPPED = shipped();

    private static Map<String, Supplier<HistoricMapping>> shipped() {
        Map<String, Supplier<HistoricMapping>> m = new LinkedHashMap<>();
        m.put("russia-2018", HistoricMapping::russia2018);
        m.put("russia-2024", HistoricMapping::russia2024);
        return m;
    }

    private HistoricMappings() {
    }

    static Optional<HistoricMapping> shipped(String name) {
        return Optional.ofNullable(SHIPPED.get(name)).map(Supplier::get);
    }

    /** Reads a mapping file; one that cannot be used is refused with HIS-012, naming the key or value at fault. */
    static HistoricMapping read(Reader properties, String source) {
        try {
            return HistoricMapping.read(properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException broken) {
            throw new InvalidInput(UNUSABLE, "The mapping " + source + " is not usable: a key is missing or wrong ("
                    + broken.getClass().getSimpleName() + ": " + broken.getMessage() + "); docs/historic-import.md lists the keys");
        }
    }
}
