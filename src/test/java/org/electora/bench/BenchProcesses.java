package org.electora.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
            return new Cpu(ofTicks(ticks(app.pid(), false)), ofTicks(postgresTicks(postmaster)),
                    ofTicks(ticks(ProcessHandle.current().pid(), false)));
        }

        /**
         * The postmaster's own time and its reaped children's, plus each live backend's. A backend that exits while its
         * siblings are read would be in neither sum (or in both): the reading is repeated until the reaped children's
         * time is the same before and after it. The ceiling's eight backends all exit at its end, when it is read; the
         * first readings of the ceiling's PostgreSQL time (0.02 ms per row in run 55) lost them.
         */
        private static long postgresTicks(long postmaster) {
            long total = 0;
            for (int attempt = 0; attempt < 20; attempt++) {
                long reapedBefore = ticks(postmaster, true);
                long live = ProcessHandle.of(postmaster).stream().flatMap(ProcessHandle::children)
                        .mapToLong(child -> ticks(child.pid(), false)).sum();
                long reapedAfter = ticks(postmaster, true);
                total = reapedAfter + live;
                if (reapedBefore == reapedAfter) {
                    break;
                }
            }
            return total;
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
                return statTicks(Path.of("/proc", Long.toString(pid), "stat"), withReapedChildren);
            } catch (IOException | RuntimeException gone) {
                return 0; // a backend that exited between listing and reading: counted by its postmaster once reaped
            }
        }

        private static Duration ofTicks(long ticks) {
            return Duration.ofMillis(ticks * 10);
        }
    }

    /**
     * The app's CPU time (user + system, clock ticks) by kind of thread, from {@code /proc/<pid>/task/*}: which part of
     * the app's CPU the work itself took and which the JVM's own threads (the JIT compilers and the garbage collector).
     * A thread that ended between two readings is missing from the later one, so its time is lost, not negative.
     */
    record AppThreads(Map<String, Long> ticks) {

        /** Thread names (as {@code comm} shows them, cut at 15 characters) to the kind they are counted under. */
        private static final Map<Pattern, String> KINDS = kinds();

        private static Map<Pattern, String> kinds() {
            Map<Pattern, String> kinds = new LinkedHashMap<>();
            kinds.put(Pattern.compile("http-nio-.*"), "request threads");
            kinds.put(Pattern.compile("protocol-writer.*"), "writer");
            kinds.put(Pattern.compile("scheduling-.*"), "scheduled work");
            kinds.put(Pattern.compile("C[12] CompilerThre.*"), "JIT compilers");
            kinds.put(Pattern.compile("(GC Thread|G1 |VM Thread).*"), "garbage collector");
            return kinds;
        }

        static AppThreads now(Process app) {
            Map<String, Long> ticks = new HashMap<>();
            try (var tasks = Files.list(Path.of("/proc", Long.toString(app.pid()), "task"))) {
                tasks.forEach(task -> {
                    try {
                        String name = Files.readString(task.resolve("comm")).strip();
                        String kind = KINDS.entrySet().stream().filter(k -> k.getKey().matcher(name).matches())
                                .map(Map.Entry::getValue).findFirst().orElse("other");
                        ticks.merge(task.getFileName() + "\t" + kind, statTicks(task.resolve("stat"), false), Long::sum);
                    } catch (IOException | RuntimeException gone) {
                        // the thread ended while the tasks were listed
                    }
                });
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new AppThreads(ticks);
        }

        /** CPU per operation by kind, the kinds with the most first, e.g. "request threads 0.29 ms, JIT compilers 0.18 ms". */
        String since(AppThreads earlier, long operations) {
            Map<String, Long> byKind = new HashMap<>();
            ticks.forEach((thread, now) -> byKind.merge(thread.substring(thread.indexOf('\t') + 1),
                    now - earlier.ticks.getOrDefault(thread, 0L), Long::sum));
            return byKind.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(e -> String.format("%s %.2f ms", e.getKey(), e.getValue() * 10.0 / operations))
                    .collect(Collectors.joining(", "));
        }
    }

    /** utime + stime (and the reaped children's if asked) of a process or thread, from its {@code stat} file. */
    private static long statTicks(Path stat, boolean withReapedChildren) throws IOException {
        String text = Files.readString(stat);
        String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
        // fields after the command: state(3) ... utime(14) stime(15) cutime(16) cstime(17), so index = field - 3
        long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return withReapedChildren ? own + Long.parseLong(f[13]) + Long.parseLong(f[14]) : own;
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
