package org.electora.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.electora.demo.DemoShape;
import org.electora.demo.internal.DemoMapGenerator;

/** Named canonical fixtures. */
public final class Fixtures {

    private Fixtures() {
    }

    /** The small demo republic's map CSV (3 regions, 6 constituencies, 60 stations, 5 abroad in 4 countries). */
    public static String smallRepublicMap() {
        return DemoMapGenerator.mapCsv(DemoShape.SMALL);
    }

    public static String resource(String path) {
        try (var in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
