package org.electora.bench;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The results benchmark (bench/README.md), run by bench/replay.sh against the packaged application:
 * <ol>
 *   <li>bulk import of the whole Russian 2018 file in a fresh Electora; its tallies (nation, regions, TIKs) are compared
 *       with the file's sums;</li>
 *   <li>a second fresh Electora gets only the map and the election; 8 HTTP clients replay every protocol through
 *       {@code POST /api/v1/protocols} (one CEC account and token each, constituencies split between clients);</li>
 *   <li>the ceiling: 8 JDBC threads insert the same rows as single-row transactions into the same database, before and
 *       after the replay (the ratio uses the mean);</li>
 *   <li>the naive endpoint ({@code naive.NaiveEndpoint}): the same rows through the same clients into a minimal Spring
 *       endpoint that parses, checks and inserts one row, on the same database;</li>
 *   <li>the national totals are compared with the file's sums.</li>
 * </ol>
 * Output goes to standard output on purpose: this is a command-line report, not part of the application.
 */
public final class ReplayBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN_PASSWORD = "bench-admin-password-" + UUID.randomUUID();

    private final Map<String, String> options;
    private final Path work;
    private final Path file;
    private final int clients;
    private final List<Row> rows;

    /** One station's row of the file: lines 1..12 and 8 candidates. */
    record Row(String region, String tik, int uik, long[] lines, long[] votes) {
        /** Breaks a hard relation of the RU-PRESIDENTIAL-2018 template (the app quarantines such rows). */
        boolean breaksRelations() {
            long[] l = lines;
            boolean ru01 = l[1] == l[2] + l[3] + l[4] + l[5] + l[10] - l[11];
            boolean ru02 = l[6] + l[7] == l[8] + l[9];
            boolean ru03 = l[9] == Arrays.stream(votes).sum();
            return !(ru01 && ru02 && ru03);
        }
    }

    private ReplayBenchmark(Map<String, String> options) throws IOException {
        this.options = options;
        this.work = Path.of(options.getOrDefault("work", "target/bench")).toAbsolutePath();
        this.file = Path.of(options.getOrDefault("file", "../shared/data/russia-2018-president-uik/2018-president-uik.csv")).toAbsolutePath();
        this.clients = Integer.parseInt(options.getOrDefault("clients", "8"));
        List<Row> all = read(file);
        // --limit=N replays only the first N rows (for profiling); the figures to report use the whole file.
        this.rows = options.containsKey("limit") ? all.subList(0, Integer.parseInt(options.get("limit"))) : all;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String a : args) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        new ReplayBenchmark(options).run();
    }

    private void run() throws Exception {
        System.out.printf("Electora results benchmark — %s (%,d rows), %d clients, %d CPU(s) visible%n", file, rows.size(),
                clients, Runtime.getRuntime().availableProcessors());
        if (!options.containsKey("skip-import")) {
            bulkImport();
        }
        replay();
    }

    // ---- 1. bulk import ----

    private void bulkImport() throws Exception {
        System.out.println("\n== 1. Bulk import of the whole file (HistoricImport, one transaction, COPY) ==");
        App app = App.start(this, "import", 54393, 18093, "EVERYTHING");
        try {
            Matcher m = app.awaitLog(Pattern.compile("Imported election (\\d+) \\(contest (\\d+)\\) on map version (\\d+).* in (\\d+) ms"),
                    Duration.ofMinutes(10));
            long contest = Long.parseLong(m.group(2));
            System.out.printf("import: %,d rows in %,d ms (%,.0f rows/s), application start %,d ms%n", rows.size(),
                    Long.parseLong(m.group(4)), rows.size() * 1000.0 / Long.parseLong(m.group(4)), app.startedMillis);
            Http admin = Http.admin(app.httpPort);
            List<Row> counted = rows.stream().filter(r -> !r.breaksRelations()).toList();
            int differences = compare("nation", sums(counted, r -> "nation"),
                    Map.of("nation", admin.get("/api/v1/contests/" + contest + "/tallies/national")));
            Map<String, JsonNode> regions = new HashMap<>();
            admin.get("/api/v1/contests/" + contest + "/tallies/regions").forEach(t -> regions.put(t.get("name").asString(), t));
            differences += compare("region", sums(counted, Row::region), regions);
            Map<String, String> tikByCode = new HashMap<>();
            try (Connection c = app.jdbc(); var rs = c.createStatement().executeQuery(
                    "SELECT c.code, r.name || '|' || c.name FROM constituency c JOIN region r ON r.id = c.region_id")) {
                while (rs.next()) {
                    tikByCode.put(rs.getString(1), rs.getString(2));
                }
            }
            Map<String, JsonNode> tiks = new HashMap<>();
            admin.get("/api/v1/contests/" + contest + "/tallies/constituencies")
                    .forEach(t -> tiks.put(tikByCode.get(t.get("key").asString()), t));
            differences += compare("constituency (TIK)", sums(counted, r -> r.region() + "|" + r.tik()), tiks);
            System.out.println(differences == 0
                    ? "import totals: MATCH — nation, " + regions.size() + " regions and " + tiks.size() + " TIKs equal the file's sums"
                    : "import totals: " + differences + " DIFFERENCE(S)");
        } finally {
            app.stop();
        }
    }

    // ---- 2.–6. replay over HTTP, ceiling, totals ----

    private void replay() throws Exception {
        System.out.println("\n== 2. Replay of every protocol through POST /api/v1/protocols ==");
        App app = App.start(this, "replay", 54394, 18094, "MAP_AND_ELECTION");
        try {
            Matcher m = app.awaitLog(Pattern.compile("Imported election (\\d+) \\(contest (\\d+)\\) on map version (\\d+)"),
                    Duration.ofMinutes(10));
            long contest = Long.parseLong(m.group(2));
            long mapVersion = Long.parseLong(m.group(3));
            System.out.printf("map and election ready (contest %d, map version %d), application start %,d ms%n", contest,
                    mapVersion, app.startedMillis);
            Map<String, Long> stationIds = new HashMap<>();
            try (Connection c = app.jdbc(); PreparedStatement ps = c.prepareStatement("""
                    SELECT r.name || '|' || c.name || '|' || s.number, s.id FROM polling_station s
                    JOIN constituency c ON c.id = s.constituency_id JOIN region r ON r.id = c.region_id
                    WHERE s.map_version_id = ?""")) {
                ps.setLong(1, mapVersion);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stationIds.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            Http admin = Http.admin(app.httpPort);
            List<Http> clientsHttp = new ArrayList<>();
            for (int i = 1; i <= clients; i++) {
                String user = "bench-cec-" + i;
                admin.post("/api/v1/staff", Map.of("username", user, "displayName", "Benchmark client " + i, "role", "CEC_ADMIN",
                        "scopeKind", "NATIONAL", "password", ADMIN_PASSWORD), 201);
                clientsHttp.add(Http.signIn(app.httpPort, user, ADMIN_PASSWORD));
            }
            // Constituencies are dealt round-robin to clients: no two clients ever queue on one constituency's tally row.
            Map<String, Integer> clientOfTik = new HashMap<>();
            List<List<Row>> work = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                work.add(new ArrayList<>());
            }
            for (Row r : rows) {
                int c = clientOfTik.computeIfAbsent(r.region() + "|" + r.tik(), k -> clientOfTik.size() % clients);
                work.get(c).add(r);
            }

            // The ceiling is measured before and after the replay, on the same database: on a shared machine one
            // measurement can land in a quiet or a busy minute, and the ratio uses the mean of the two.
            System.out.println("\n== 2a. Ceiling before the replay: plain JDBC, " + clients + " threads, one INSERT per transaction ==");
            double ceilingBefore = ceiling(app);
            System.out.printf("ceiling before: %,.0f rows/s%n", ceilingBefore);
            // For a profile of the replay alone: java bench/ProfileSplit.java <recording> <this instant>.
            System.out.println("replay starts at " + Instant.now());

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong peakHeap = new AtomicLong();
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                Http anonymous = Http.anonymous(app.httpPort);
                while (running.get()) {
                    peakHeap.accumulateAndGet(anonymous.heapUsed(), Math::max);
                    sleep(1000);
                }
            });
            checkpoint(app); // before the statistics are reset: the checkpoint is not the replay's
            if (options.containsKey("statements")) {
                Statements.reset(app);
            }
            BenchProcesses.Cpu cpuBefore = BenchProcesses.Cpu.now(app.process, app.dataDir);
            BenchProcesses.AppThreads threadsBefore = BenchProcesses.AppThreads.now(app.process);
            Replayed replayed = send(app.httpPort, "/api/v1/protocols", clientsHttp.stream().map(h -> h.token).toList(), work,
                    r -> body(contest, stationIds.get(r.region() + "|" + r.tik() + "|" + r.uik()), r));
            double seconds = replayed.seconds();
            BenchProcesses.Cpu replayCpu = BenchProcesses.Cpu.now(app.process, app.dataDir).minus(cpuBefore);
            String appThreads = BenchProcesses.AppThreads.now(app.process).since(threadsBefore, rows.size());
            running.set(false);
            sampler.join();
            double appRate = rows.size() / seconds;
            System.out.printf("replay: %s; app peak heap used %,d MiB (of -Xmx1g)%n", replayed.summary("protocols"),
                    peakHeap.get() / (1024 * 1024));

            System.out.println(byWindow(replayed.answeredAt(), seconds));
            System.out.println(replayCpu.perOperation(rows.size(), "protocol") + "  (load average "
                    + loadAverage() + ")");
            System.out.println("app CPU per protocol by thread: " + appThreads);
            double[] batches = Http.anonymous(app.httpPort).metric("electora_results_group_commit_batch_submissions");
            System.out.printf("group commit: %,.0f transactions, %.2f submissions per transaction%n", batches[1],
                    batches[1] == 0 ? 0 : batches[0] / batches[1]);
            // Where the writer's time went, per phase of a batch (BatchPhases): what to shorten next.
            Map<String, double[]> phases = Http.anonymous(app.httpPort).metricByTag("electora_results_group_commit_phase_seconds", "phase");
            double busy = phases.values().stream().mapToDouble(v -> v[0]).sum();
            if (busy > 0) {
                StringBuilder line = new StringBuilder("writer per transaction:");
                phases.forEach((phase, v) -> line.append(String.format(" %s %.2f ms,", phase, v[1] == 0 ? 0 : v[0] * 1e3 / v[1])));
                System.out.printf("%s total %.2f ms; busy %.0f %% of the replay%n", line, busy * 1e3 / batches[1],
                        100 * busy / seconds);
            }
            if (options.containsKey("statements")) {
                Statements.print(app);
            }

            System.out.println("\n== 5. Ceiling after the replay: plain JDBC, " + clients + " threads, one INSERT per transaction, same database ==");
            double ceilingAfter = ceiling(app);
            double ceiling = (ceilingBefore + ceilingAfter) / 2;
            System.out.printf("ceiling: %,.0f rows/s (before the replay %,.0f, after %,.0f)%n", ceiling, ceilingBefore, ceilingAfter);
            double naiveRate = options.containsKey("no-naive") ? 0
                    : naive(app, work, r -> body(contest, stationIds.get(r.region() + "|" + r.tik() + "|" + r.uik()), r));
            System.out.printf("%n== 6. ratio app/ceiling = %.2f (target >= 0.20); replay %s 60 s ==%n", appRate / ceiling,
                    seconds < 60 ? "under" : "NOT under");
            if (naiveRate > 0) {
                System.out.printf("naive endpoint/ceiling = %.2f; Electora/naive endpoint = %.2f%n", naiveRate / ceiling,
                        appRate / naiveRate);
            }

            List<Row> counted = rows.stream().filter(r -> !r.breaksRelations()).toList();
            int differences = compare("nation", sums(counted, r -> "nation"),
                    Map.of("nation", admin.get("/api/v1/contests/" + contest + "/tallies/national")));
            System.out.println(differences == 0
                    ? "national totals: MATCH (" + (rows.size() - counted.size()) + " rows break the file's own arithmetic and are excluded on both sides)"
                    : "national totals: " + differences + " DIFFERENCE(S)");
        } finally {
            app.stop();
        }
    }

    /** What replaying the rows through one endpoint gave: its time, each answer's latency and moment, the failures. */
    private record Replayed(int requests, double seconds, long[] sortedLatencies, long[][] answeredAt, int failures) {
        String summary(String what) {
            long[] l = sortedLatencies;
            return String.format("%,d %s in %.1f s = %,.0f %s/s; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; failures %d",
                    requests, what, seconds, requests / seconds, what, l[l.length / 2] / 1e6, l[(int) (l.length * 0.99)] / 1e6,
                    l[l.length - 1] / 1e6, failures);
        }
    }

    /**
     * Sends every row of {@code work} (one list per client) as a POST to {@code path}, each client on its own keep-alive
     * connection with its bearer token ({@code tokens} null: none), and waits for every answer; a status other than
     * 201 is a failure (the first five are printed). Shows its progress every 10 s on stderr: the whole file takes
     * minutes.
     */
    private Replayed send(int port, String path, List<String> tokens, List<List<Row>> work,
                          java.util.function.Function<Row, String> body) throws Exception {
        int total = work.stream().mapToInt(List::size).sum();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        long[][] latencies = new long[work.size()][];
        long[][] answeredAt = new long[work.size()][];
        AtomicBoolean running = new AtomicBoolean(true);
        long start = System.nanoTime();
        Thread progress = Thread.ofPlatform().daemon().start(() -> {
            for (int tick = 1; running.get(); tick++) {
                sleep(10_000);
                int n = answered.get();
                if (running.get() && n < total) {
                    System.err.printf("  … %,d of %,d protocols answered (%.0f %%) after %d s%n", n, total, 100.0 * n / total,
                            tick * 10);
                }
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < work.size(); i++) {
                int client = i;
                futures.add(pool.submit(() -> {
                    List<Row> mine = work.get(client);
                    long[] lat = new long[mine.size()];
                    long[] at = new long[mine.size()];
                    try (var http = new KeepAliveConnection(port, tokens == null ? null : tokens.get(client))) {
                        for (int k = 0; k < mine.size(); k++) {
                            String json = body.apply(mine.get(k));
                            long t0 = System.nanoTime();
                            KeepAliveConnection.Response response = http.postJson(path, json);
                            long t1 = System.nanoTime();
                            lat[k] = t1 - t0;
                            at[k] = t1 - start;
                            answered.incrementAndGet();
                            if (response.status() != 201 && failures.incrementAndGet() <= 5) {
                                System.out.println("FAILED " + response.status() + " " + response.body());
                            }
                        }
                    }
                    latencies[client] = lat;
                    answeredAt[client] = at;
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
            running.set(false);
            progress.interrupt();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Replayed(total, seconds, Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray(),
                answeredAt, failures.get());
    }

    /**
     * The naive endpoint ({@code naive.NaiveEndpoint}: Spring MVC and Jackson, checks of presence and sign, one
     * autocommitted INSERT per request, no authentication) as a separate process on the replay's database, the same
     * rows sent by the same clients after a checkpoint: what the issue calls "a minimal Spring endpoint that only
     * parses, checks and inserts one row", measured in the same run instead of quoted. {@code --no-naive} leaves it out.
     * Returns its rate in requests per second.
     */
    private double naive(App app, List<List<Row>> work, java.util.function.Function<Row, String> body) throws Exception {
        System.out.println("\n== 5b. The naive endpoint: Spring MVC + Jackson, one INSERT per request (autocommit), no"
                + " authentication, same clients, same database ==");
        try (Connection c = app.jdbc()) {
            c.createStatement().execute("CREATE TABLE bench_naive " + CEILING_COLUMNS);
        }
        int port = Integer.parseInt(options.getOrDefault("naive-http-port", "18095"));
        String password = Files.readString(app.dataDir.resolveSibling(app.dataDir.getFileName() + ".password")).strip();
        Path log = app.dataDir.resolveSibling("naive.log");
        // Launched as this benchmark was (bench/replay.sh): the application jar's libraries and the test classes.
        List<String> command = List.of(options.getOrDefault("java", "java"), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"),
                "-Dloader.path=" + System.getProperty("loader.path", "target/test-classes"),
                "-Dloader.main=org.electora.bench.naive.NaiveEndpoint",
                "-Dspring.config.location=classpath:/org/electora/bench/naive/naive.properties",
                "org.springframework.boot.loader.launch.PropertiesLauncher", "--server.port=" + port,
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + app.pgPort + "/electora",
                "--spring.datasource.username=postgres", "--spring.datasource.password=" + password);
        Process naive = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            BenchProcesses.awaitLog(naive, log, Pattern.compile("Started NaiveEndpoint"), Duration.ofMinutes(5));
            checkpoint(app);
            BenchProcesses.Cpu cpuBefore = BenchProcesses.Cpu.now(naive, app.dataDir);
            Replayed replayed = send(port, "/protocols", null, work, body);
            BenchProcesses.Cpu cpu = BenchProcesses.Cpu.now(naive, app.dataDir).minus(cpuBefore);
            System.out.println("naive endpoint: " + replayed.summary("requests"));
            System.out.println(cpu.perOperation(replayed.requests(), "request").replace("app", "naive endpoint")
                    + "  (load average " + loadAverage() + ")");
            try (Connection c = app.jdbc(); var rs = c.createStatement().executeQuery("SELECT count(*) FROM bench_naive")) {
                rs.next();
                System.out.printf("rows written by the naive endpoint: %,d%n", rs.getLong(1));
            }
            return replayed.requests() / replayed.seconds();
        } finally {
            naive.destroy();
            if (!naive.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                naive.destroyForcibly();
            }
            try (Connection c = app.jdbc()) {
                c.createStatement().execute("DROP TABLE bench_naive");
            }
        }
    }

    /**
     * The replay's rate in 10-second windows, and over all but its first 30 seconds: how much of the whole run the
     * cold start costs (the JIT compilers, docs/benchmarks.md run 33), against the rate the warm path keeps.
     */
    private static String byWindow(long[][] answeredAt, double seconds) {
        int windows = (int) Math.ceil(seconds / 10);
        long[] count = new long[Math.max(1, windows)];
        long afterWarmUp = 0;
        for (long[] client : answeredAt) {
            for (long at : client) {
                count[(int) Math.min(count.length - 1, at / 10_000_000_000L)]++;
                afterWarmUp += at >= 30_000_000_000L ? 1 : 0;
            }
        }
        StringBuilder line = new StringBuilder("protocols/s by 10 s window:");
        for (int w = 0; w < count.length; w++) {
            double width = Math.min(10, seconds - w * 10);
            line.append(String.format(" %,.0f", count[w] / width));
        }
        if (seconds > 40) {
            line.append(String.format("; after the first 30 s: %,.0f protocols/s", afterWarmUp / (seconds - 30)));
        }
        return line.toString();
    }

    private static String body(long contest, long station, Row r) {
        var b = new StringBuilder(400).append("{\"clientSubmissionId\":\"").append(UUID.randomUUID())
                .append("\",\"contestId\":").append(contest).append(",\"stationId\":").append(station).append(",\"lines\":{");
        for (int i = 0; i < r.lines().length; i++) {
            b.append(i == 0 ? "" : ",").append('"').append(i + 1).append("\":").append(r.lines()[i]);
        }
        b.append("},\"votes\":{");
        for (int i = 0; i < r.votes().length; i++) {
            b.append(i == 0 ? "" : ",").append('"').append(i + 1).append("\":").append(r.votes()[i]);
        }
        return b.append("},\"version\":null,\"reason\":null}").toString();
    }

    /**
     * A checkpoint before each measured phase, so that each starts from the same state: without it the WAL of the
     * map, the first ceiling's rows and the replay set off PostgreSQL's own checkpoint (max_wal_size) in the middle of
     * the next phase — in runs 41 and 44 (docs/benchmarks.md) the ceiling after the replay, which it slowed by up to
     * 39 %, so that the ratio looked better than it was.
     */
    private static void checkpoint(App app) throws Exception {
        try (Connection c = app.jdbc()) {
            c.createStatement().execute("CHECKPOINT");
        }
    }

    /** The ceiling's rows (and the naive endpoint's): shaped like {@code protocol_version}. */
    private static final String CEILING_COLUMNS = """
            (protocol_id bigint, number integer, election_id bigint, lines bigint[] NOT NULL,
                votes bigint[] NOT NULL, source text NOT NULL, client_submission_id uuid, content_sha256 text NOT NULL,
                submitted_by text NOT NULL, submitted_at timestamptz NOT NULL, reason text, violations text NOT NULL,
                PRIMARY KEY (protocol_id, number))""";

    private double ceiling(App app) throws Exception {
        checkpoint(app);
        try (Connection c = app.jdbc()) {
            c.createStatement().execute("CREATE TABLE bench_ceiling " + CEILING_COLUMNS);
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        BenchProcesses.Cpu cpuBefore = BenchProcesses.Cpu.now(app.process, app.dataDir);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            futures.add(pool.submit(() -> {
                try (Connection c = app.jdbc(); PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO bench_ceiling VALUES (?, 1, 1, ?, ?, 'IMPORT', ?, ?, 'bench', ?, NULL, '[]')")) {
                    c.setAutoCommit(true);
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    for (int k = next.getAndIncrement(); k < rows.size(); k = next.getAndIncrement()) {
                        Row r = rows.get(k);
                        ps.setLong(1, k);
                        ps.setArray(2, c.createArrayOf("bigint", Arrays.stream(r.lines()).boxed().toArray()));
                        ps.setArray(3, c.createArrayOf("bigint", Arrays.stream(r.votes()).boxed().toArray()));
                        ps.setObject(4, UUID.randomUUID());
                        ps.setString(5, HexFormat.of().formatHex(sha.digest((k + "|" + Arrays.toString(r.lines()) + "|"
                                + Arrays.toString(r.votes())).getBytes(StandardCharsets.UTF_8))));
                        ps.setTimestamp(6, Timestamp.from(Instant.now()));
                        ps.executeUpdate();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double rate = rows.size() / ((System.nanoTime() - start) / 1e9);
        System.out.println(BenchProcesses.Cpu.now(app.process, app.dataDir).minus(cpuBefore).perOperation(rows.size(), "row")
                + "  (load average " + loadAverage() + ")");
        pool.shutdown();
        try (Connection c = app.jdbc()) {
            c.createStatement().execute("DROP TABLE bench_ceiling");
        }
        return rate;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    // ---- the file and its sums ----

    private static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>(100_000);
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                long[] lines = new long[12];
                long[] votes = new long[8];
                for (int i = 0; i < 12; i++) {
                    lines[i] = Long.parseLong(r.get(3 + i));
                }
                for (int i = 0; i < 8; i++) {
                    votes[i] = Long.parseLong(r.get(15 + i));
                }
                rows.add(new Row(r.get(0), r.get(1), Integer.parseInt(r.get(2)), lines, votes));
            }
        }
        return rows;
    }

    /** Per key: stations, voters on the list (L1), issued (L3+L4+L5), valid (L10), invalid (L9), share base (L9+L10), votes. */
    private static Map<String, long[]> sums(List<Row> rows, java.util.function.Function<Row, String> key) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (Row r : rows) {
            long[] s = sums.computeIfAbsent(key.apply(r), k -> new long[14]);
            long[] l = r.lines();
            long[] add = {1, l[0], l[2] + l[3] + l[4], l[9], l[8], l[8] + l[9]};
            for (int i = 0; i < 6; i++) {
                s[i] += add[i];
            }
            for (int i = 0; i < 8; i++) {
                s[6 + i] += r.votes()[i];
            }
        }
        return sums;
    }

    private static final String[] FIELDS = {"stationsCounted", "votersOnList", "ballotsIssued", "valid", "invalid", "shareBase"};

    private static int compare(String level, Map<String, long[]> expected, Map<String, JsonNode> actual) {
        int differences = 0;
        for (var e : expected.entrySet()) {
            JsonNode t = actual.get(e.getKey());
            long[] want = e.getValue();
            long[] got = new long[14];
            if (t != null) {
                for (int i = 0; i < 6; i++) {
                    got[i] = t.get(FIELDS[i]).asLong();
                }
                for (int i = 0; i < t.get("votes").size(); i++) {
                    got[6 + i] = t.get("votes").get(i).asLong();
                }
            }
            if (!Arrays.equals(want, got)) {
                differences++;
                if (differences <= 5) {
                    System.out.println("DIFFERENCE " + level + " " + e.getKey() + ": file " + Arrays.toString(want)
                            + " app " + Arrays.toString(got));
                }
            }
        }
        if (actual.size() != expected.size()) {
            System.out.println("DIFFERENCE " + level + ": file has " + expected.size() + ", app " + actual.size());
            differences++;
        }
        return differences;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the application under test ----

    /** Electora as a separate process: embedded PostgreSQL (fsync on) in a fresh data directory, -Xmx1g, no demo. */
    /**
     * Where PostgreSQL's time goes during the replay ({@code --statements}: the app's embedded server loads
     * pg_stat_statements): the statements with the most execution time, nested ones (foreign-key checks) included.
     * The ceiling's inserts are left out; loading the extension costs a little, so figures of such a run are not
     * compared with runs without it.
     */
    private static final class Statements {
        static void reset(App app) throws Exception {
            try (Connection c = app.jdbc(); var st = c.createStatement()) {
                st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                st.execute("SELECT pg_stat_statements_reset()");
            }
        }

        static void print(App app) throws Exception {
            System.out.println("statements by execution time during the replay (pg_stat_statements):");
            System.out.printf("%8s %9s %9s %9s  %s%n", "calls", "total ms", "ms/call", "rows", "statement");
            try (Connection c = app.jdbc(); var st = c.createStatement(); var rs = st.executeQuery("""
                    SELECT calls, total_exec_time, rows, regexp_replace(query, '\\s+', ' ', 'g') AS query
                    FROM pg_stat_statements WHERE query NOT LIKE '%bench_ceiling%' AND query NOT LIKE '%pg_stat_statements%'
                    ORDER BY total_exec_time DESC LIMIT 20""")) {
                while (rs.next()) {
                    String query = rs.getString("query");
                    System.out.printf("%,8d %,9.0f %9.3f %,9d  %s%n", rs.getLong("calls"), rs.getDouble("total_exec_time"),
                            rs.getDouble("total_exec_time") / rs.getLong("calls"), rs.getLong("rows"),
                            query.length() > 100 ? query.substring(0, 100) + "…" : query);
                }
            }
        }
    }

    private static final class App {
        final Process process;
        final Path log;
        final Path dataDir;
        final int pgPort;
        final int httpPort;
        long startedMillis;

        private App(Process process, Path log, Path dataDir, int pgPort, int httpPort) {
            this.process = process;
            this.log = log;
            this.dataDir = dataDir;
            this.pgPort = pgPort;
            this.httpPort = httpPort;
        }

        static App start(ReplayBenchmark bench, String name, int defaultPgPort, int defaultHttpPort, String part) throws Exception {
            Path dir = bench.work.resolve(name);
            BenchProcesses.deleteRecursively(dir);
            Files.createDirectories(dir);
            int pgPort = Integer.parseInt(bench.options.getOrDefault(name + "-pg-port", Integer.toString(defaultPgPort)));
            int httpPort = Integer.parseInt(bench.options.getOrDefault(name + "-http-port", Integer.toString(defaultHttpPort)));
            List<String> command = new ArrayList<>(List.of(bench.options.getOrDefault("java", "java"), "-Xmx1g"));
            if (bench.options.containsKey("app-jvm")) {
                command.addAll(List.of(bench.options.get("app-jvm").split(" ")));
            }
            command.addAll(List.of("-jar",
                    bench.options.getOrDefault("jar", "target/electora-0.1.0-SNAPSHOT.jar"),
                    "--electora.demo.shape=NONE", "--electora.embedded-postgres.data-dir=" + dir.resolve("pg"),
                    "--electora.embedded-postgres.port=" + pgPort, "--server.port=" + httpPort,
                    "--electora.admin.initial-password=" + ADMIN_PASSWORD, "--electora.import.russia2018=" + bench.file,
                    "--electora.import.part=" + part));
            if (bench.options.containsKey("statements")) {
                command.add("--electora.embedded-postgres.statement-statistics=true");
            }
            Path log = dir.resolve("app.log");
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            App app = new App(p, log, dir.resolve("pg"), pgPort, httpPort);
            try {
                app.awaitLog(Pattern.compile("Started ElectoraApplication"), Duration.ofMinutes(15));
            } catch (RuntimeException notStarted) {
                app.stop(); // never leave an Electora (and its PostgreSQL) running behind a failed benchmark
                throw notStarted;
            }
            app.startedMillis = (System.nanoTime() - t0) / 1_000_000;
            return app;
        }

        Matcher awaitLog(Pattern pattern, Duration timeout) {
            return BenchProcesses.awaitLog(process, log, pattern, timeout);
        }

        Connection jdbc() throws Exception {
            String password = Files.readString(dataDir.resolveSibling(dataDir.getFileName() + ".password")).strip();
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/electora", "postgres", password);
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** A keep-alive HTTP/1.1 client with one bearer token (obtained once: no password check per request). */
    private static final class Http {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;
        private final String token;

        private Http(int port, String token) {
            this.base = "http://127.0.0.1:" + port;
            this.token = token;
        }

        static Http anonymous(int port) {
            return new Http(port, null);
        }

        static Http signIn(int port, String username, String password) {
            var r = anonymous(port).postRaw("/api/v1/auth/tokens",
                    JSON.writeValueAsString(Map.of("username", username, "password", password)));
            if (r.statusCode() != 201) {
                throw new IllegalStateException("sign-in of " + username + ": " + r.statusCode() + " " + r.body());
            }
            return new Http(port, JSON.readTree(r.body()).get("token").asString());
        }

        static Http admin(int port) {
            return signIn(port, "admin", ADMIN_PASSWORD);
        }

        JsonNode get(String path) {
            var r = send(request(path).GET().build());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + ": " + r.statusCode() + " " + r.body());
            }
            return JSON.readTree(r.body());
        }

        void post(String path, Object body, int expected) {
            var r = postRaw(path, JSON.writeValueAsString(body));
            if (r.statusCode() != expected) {
                throw new IllegalStateException("POST " + path + ": " + r.statusCode() + " " + r.body());
            }
        }

        HttpResponse<String> postRaw(String path, String json) {
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        }

        /** A distribution summary's {sum, count} from the Prometheus endpoint ({0, 0} if absent). */
        double[] metric(String name) {
            double[] total = new double[2];
            metricByTag(name, null).values().forEach(v -> {
                total[0] += v[0];
                total[1] += v[1];
            });
            return total;
        }

        /**
         * A timer's or summary's {sum, count} per value of one tag (all series under one key when {@code tag} is
         * null), in the order the Prometheus endpoint lists them.
         */
        Map<String, double[]> metricByTag(String name, String tag) {
            Map<String, double[]> byTag = new LinkedHashMap<>();
            String text = send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).GET().build()).body();
            Pattern value = tag == null ? null : Pattern.compile(tag + "=\"([^\"]*)\"");
            for (String line : text.lines().toList()) {
                boolean sum = line.startsWith(name + "_sum{") || line.startsWith(name + "_sum ");
                if (!sum && !line.startsWith(name + "_count{") && !line.startsWith(name + "_count ")) {
                    continue;
                }
                String key = "";
                if (value != null) {
                    var m = value.matcher(line);
                    if (!m.find()) {
                        continue;
                    }
                    key = m.group(1);
                }
                byTag.computeIfAbsent(key, k -> new double[2])[sum ? 0 : 1] +=
                        Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
            return byTag;
        }

        /** Heap in use now, summed over the heap pools, from the Prometheus endpoint. */
        long heapUsed() {
            try {
                String text = send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).GET().build()).body();
                long sum = 0;
                for (String line : text.lines().toList()) {
                    if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                        sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    }
                }
                return sum;
            } catch (RuntimeException e) {
                return 0;
            }
        }

        private HttpRequest.Builder request(String path) {
            var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
            return token == null ? b : b.header("Authorization", "Bearer " + token);
        }

        private HttpResponse<String> send(HttpRequest request) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
