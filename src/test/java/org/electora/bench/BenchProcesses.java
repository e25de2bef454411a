package org.electora.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the benchmarks share about the Electora process they start: waiting on its log, clearing its work folder. */
final class BenchProcesses {

    private BenchProcesses() {
    }

    /** Waits until the app's log matches {@code pattern}; fails fast if the app exits first. */
    static Matcher awaitLog(Process process, Path log, Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (Files.exists(log)) {
                    Matcher m = pattern.matcher(Files.readString(log, StandardCharsets.UTF_8));
                    if (m.find()) {
                        return m;
                    }
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("Electora exited (" + process.exitValue() + "); see " + log);
                }
                Thread.sleep(200);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("Timed out waiting for /" + pattern + "/ in " + log);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
