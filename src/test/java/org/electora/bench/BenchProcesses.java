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

    /**
     * CPU time (user + system) used so far by the application, its PostgreSQL and this load generator. Throughput on a
     * shared machine depends on what else runs; CPU per operation much less so, which makes it the figure to compare
     * changes with. PostgreSQL's includes backends that have exited (the postmaster's reaped children).
     */
    record Cpu(Duration app, Duration postgres, Duration client) {

        static Cpu now(Process app, Path pgDataDir) {
            long postmaster;
            try {
                postmaster = Long.parseLong(Files.readAllLines(pgDataDir.resolve("postmaster.pid")).getFirst().strip());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            long pgTicks = ticks(postmaster, true) + ProcessHandle.of(postmaster).stream().flatMap(ProcessHandle::children)
                    .mapToLong(child -> ticks(child.pid(), false)).sum();
            return new Cpu(ofTicks(ticks(app.pid(), false)), ofTicks(pgTicks), ofTicks(ticks(ProcessHandle.current().pid(), false)));
        }

        Cpu minus(Cpu earlier) {
            return new Cpu(app.minus(earlier.app), postgres.minus(earlier.postgres), client.minus(earlier.client));
        }

        String perOperation(long operations, String what) {
            return String.format("CPU per %s: app %.2f ms, PostgreSQL %.2f ms, load generator %.2f ms", what,
                    app.toNanos() / 1e6 / operations, postgres.toNanos() / 1e6 / operations, client.toNanos() / 1e6 / operations);
        }

        /** utime + stime (and the reaped children's, for the postmaster) from /proc, in clock ticks (USER_HZ = 100). */
        private static long ticks(long pid, boolean withReapedChildren) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // fields after the command: state(3) ... utime(14) stime(15) cutime(16) cstime(17), so index = field - 3
                long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                return withReapedChildren ? own + Long.parseLong(f[13]) + Long.parseLong(f[14]) : own;
            } catch (IOException | RuntimeException gone) {
                return 0; // a backend that exited between listing and reading: counted by its postmaster once reaped
            }
        }

        private static Duration ofTicks(long ticks) {
            return Duration.ofMillis(ticks * 10);
        }
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
