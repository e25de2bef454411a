package org.electora.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

import org.electora.registry.internal.SyntheticPeople;
import org.electora.registry.internal.SyntheticRegister;
import tools.jackson.databind.json.JsonMapper;

/**
 * "Where do I vote?" under load (issue 4), run by bench/lookup.sh against the packaged application:
 * <ol>
 *   <li>starts Electora as a separate process (-Xmx1g, demo map, fresh embedded PostgreSQL under the work directory,
 *       the lookup's rate limit raised so that the benchmark measures the lookup, not the limiter);</li>
 *   <li>generates N synthetic voters ({@link SyntheticRegister}, the generator of the register benchmark), imports
 *       them through {@code POST /api/v1/register/imports}, adds one assignment rule per settlement and runs
 *       {@code POST /api/v1/register/assignments}, so the voters have stations;</li>
 *   <li>open-loop load: requests are scheduled at a fixed rate and each one's latency is measured from its scheduled
 *       time (a slow server delays the schedule's requests and that delay is counted — no coordinated omission);
 *       70 % found, 15 % wrong date of birth, 15 % unknown national id;</li>
 *   <li>the baseline: the same load against {@code GET /actuator/health}.</li>
 * </ol>
 * Output goes to standard output on purpose: this is a command-line report, not part of the application.
 */
public final class LookupBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN_PASSWORD = "bench-admin-password-" + UUID.randomUUID();
    private static final long SEED = 20240207L;
    private static final String[] OUTCOMES = {"found", "wrong date of birth", "unknown id"};

    private final Map<String, String> options;
    private final Path work;
    private final int voters;
    private final int rate;
    private final int seconds;
    private final int warmup;
    private final String demo;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    private LookupBenchmark(Map<String, String> options) {
        this.options = options;
        this.work = Path.of(options.getOrDefault("work", "target/bench-lookup")).toAbsolutePath();
        this.voters = Integer.parseInt(options.getOrDefault("voters", "100000"));
        this.rate = Integer.parseInt(options.getOrDefault("rate", "500"));
        this.seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
        this.warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
        this.demo = options.getOrDefault("demo", "FULL");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String a : args) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        new LookupBenchmark(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        System.out.printf("Electora lookup benchmark — %,d voters, demo map %s, %d requests/s for %d s (after %d s warm-up), "
                + "%d CPU(s) visible%n", voters, demo, rate, seconds, warmup, Runtime.getRuntime().availableProcessors());
        System.out.println("load average at start (1, 5, 15 min): " + loadAverage());
        BenchProcesses.deleteRecursively(work);
        Files.createDirectories(work);
        int pgPort = Integer.parseInt(options.getOrDefault("pg-port", "54395"));
        int httpPort = Integer.parseInt(options.getOrDefault("http-port", "18095"));
        List<String> command = new ArrayList<>(List.of(options.getOrDefault("java", "java"), "-Xmx1g"));
        if (options.containsKey("app-jvm")) {
            command.addAll(List.of(options.get("app-jvm").split(" ")));
        }
        command.addAll(List.of("-jar", options.get("jar"), "--electora.demo.shape=" + demo,
                "--electora.embedded-postgres.data-dir=" + work.resolve("pg"), "--electora.embedded-postgres.port=" + pgPort,
                "--server.port=" + httpPort, "--electora.admin.initial-password=" + ADMIN_PASSWORD,
                // raised so the benchmark measures the lookup, not the limiter (the limiter still runs on every request)
                "--electora.registry.lookup.burst=100000000", "--electora.registry.lookup.per-minute=100000000"));
        Path log = work.resolve("app.log");
        long t0 = System.nanoTime();
        Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            BenchProcesses.awaitLog(app, log, Pattern.compile("Started ElectoraApplication"), Duration.ofMinutes(10));
            // the demo republic loads in an ApplicationRunner, after the "Started" line
            BenchProcesses.awaitLog(app, log, Pattern.compile("Demo republic \\(" + demo + "\\) loaded"), Duration.ofMinutes(10));
            System.out.printf("application start (demo map %s loaded): %,d ms%n", demo, (System.nanoTime() - t0) / 1_000_000);
            String base = "http://127.0.0.1:" + httpPort;
            String token = signIn(base);
            List<String[]> people = loadRegister(base, token, pgPort);

            System.out.println("\n== 1. GET /api/v1/public/where-do-i-vote ==");
            SplittableRandom random = new SplittableRandom(7);
            int total = rate * (seconds + warmup);
            String[] paths = new String[total];
            byte[] kinds = new byte[total];
            int unknownIndex = voters;
            for (int i = 0; i < total; i++) {
                int r = random.nextInt(100);
                String[] p = people.get(random.nextInt(people.size()));
                String id;
                String dob;
                if (r < 70) {
                    kinds[i] = 0;
                    id = p[0];
                    dob = p[1];
                } else if (r < 85) {
                    kinds[i] = 1;
                    id = p[0];
                    dob = LocalDate.parse(p[1]).plusDays(1 + random.nextInt(300)).toString();
                } else {
                    kinds[i] = 2;
                    String digits = String.format("%08d", (unknownIndex++ * 48271L + Math.floorMod(SEED, 100_000_000L)) % 100_000_000L);
                    id = digits + SyntheticPeople.luhn(digits);
                    dob = p[1];
                }
                paths[i] = "/api/v1/public/where-do-i-vote?nationalId=" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                        + "&dateOfBirth=" + dob;
            }
            int[] expected = {200, 404, 404};
            System.out.println("load average before: " + loadAverage());
            Cpu cpu = Cpu.of(app, work.resolve("pg/postmaster.pid"));
            report(load(base, paths, kinds, expected, 3), 3);
            System.out.println(cpu.perRequest(total));
            System.out.println("load average after:  " + loadAverage());

            System.out.println("\n== 2. Baseline: the same load against GET /actuator/health (the HTTP stack alone) ==");
            String[] health = new String[total];
            Arrays.fill(health, "/actuator/health");
            System.out.println("load average before: " + loadAverage());
            cpu = Cpu.of(app, work.resolve("pg/postmaster.pid"));
            report(load(base, health, new byte[total], new int[] {200}, 1), 1);
            System.out.println(cpu.perRequest(total));
            System.out.println("load average after:  " + loadAverage());

            System.out.println("\n== 3. POST /vote-abroad (public form): unknown id vs wrong date of birth, one client, in turn ==");
            voteAbroadTiming(base, people, unknownIndex);
            System.out.println("load average after:  " + loadAverage());
        } finally {
            app.destroy();
            if (!app.waitFor(60, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    /** Generates, imports and assigns the register; returns [national id, date of birth] of the active voters. */
    private List<String[]> loadRegister(String base, String token, int pgPort) throws Exception {
        String password = Files.readString(work.resolve("pg.password")).strip();
        long election;
        LocalDate pollingDay;
        Map<String, Long> stationOfSettlement = new LinkedHashMap<>();
        List<SyntheticRegister.Settlement> settlements = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/electora", "postgres", password)) {
            try (var rs = c.createStatement().executeQuery("SELECT id, polling_day FROM election ORDER BY id DESC LIMIT 1")) {
                rs.next();
                election = rs.getLong(1);
                pollingDay = rs.getObject(2, LocalDate.class);
            }
            // the same derivation as RegisterReference.seedSettlements: the settlement named at the end of a station's address
            try (var rs = c.createStatement().executeQuery("""
                    SELECT r.code, btrim(substring(ps.address FROM ',([^,]+)$')) AS settlement, min(ps.id)
                    FROM polling_station ps JOIN constituency c ON c.id = ps.constituency_id JOIN region r ON r.id = c.region_id
                    JOIN election e ON e.map_version_id = ps.map_version_id
                    WHERE ps.host_country IS NULL AND ps.address LIKE '%,%'
                    GROUP BY 1, 2 ORDER BY 1, 2""")) {
                while (rs.next()) {
                    settlements.add(new SyntheticRegister.Settlement(rs.getString(1), rs.getString(2)));
                    stationOfSettlement.put(rs.getString(1) + "|" + rs.getString(2), rs.getLong(3));
                }
            }
        }
        var csv = new ByteArrayOutputStream(voters * 160);
        SyntheticRegister.write(csv, voters, settlements, settlements.stream().limit(3).map(SyntheticRegister.Settlement::name).toList(),
                pollingDay, SEED);
        byte[] bytes = csv.toByteArray();
        long t = System.nanoTime();
        var r = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/register/imports")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/csv").timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("import: " + r.statusCode() + " " + r.body());
        }
        System.out.printf("register: %,d voters (%,d KiB CSV) imported through POST /api/v1/register/imports in %,d ms%n", voters,
                bytes.length / 1024, (System.nanoTime() - t) / 1_000_000);
        t = System.nanoTime();
        for (var e : stationOfSettlement.entrySet()) {
            String[] rs = e.getKey().split("\\|", 2);
            var rule = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/register/assignment-rules"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("region", rs[0], "settlement", rs[1],
                            "stationId", e.getValue())))).build());
            if (rule.statusCode() != 201) {
                throw new IllegalStateException("assignment rule: " + rule.statusCode() + " " + rule.body());
            }
        }
        long rulesMillis = (System.nanoTime() - t) / 1_000_000;
        t = System.nanoTime();
        var assigned = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/register/assignments?election=" + election))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.noBody()).build());
        if (assigned.statusCode() != 200) {
            throw new IllegalStateException("assignment: " + assigned.statusCode() + " " + assigned.body());
        }
        var report = JSON.readTree(assigned.body());
        System.out.printf("assignment rules: %,d (one per settlement) added one by one through POST /api/v1/register/assignment-rules "
                + "in %,d ms%n", stationOfSettlement.size(), rulesMillis);
        System.out.printf("assignment: %s voters assigned, %s uncovered, by POST /api/v1/register/assignments in %,d ms%n",
                report.get("assigned"), report.get("uncovered"), (System.nanoTime() - t) / 1_000_000);
        List<String[]> people = new ArrayList<>(voters);
        for (String line : new String(bytes, StandardCharsets.UTF_8).lines().skip(1).toList()) {
            String[] f = line.split(",", -1);
            // active voters with a domestic address: these have a station after the assignment
            if (f[13].equals("ACTIVE") && !f[6].isEmpty()) {
                people.add(new String[] {f[0], f[4]});
            }
        }
        return people;
    }

    record Result(long[][] latencies, int[] errors, double achievedRate, int sent) {
    }

    /**
     * Open loop: request i is due at start + i / rate; a scheduler thread waits for that instant and hands the request to a
     * virtual thread; latency = completion − due time. The first {@code warmup} seconds are not counted.
     */
    private Result load(String base, String[] paths, byte[] kinds, int[] expected, int outcomes) throws Exception {
        int total = paths.length;
        int skip = rate * warmup;
        long[] latency = new long[total];
        int[] errors = new int[outcomes];
        AtomicInteger printed = new AtomicInteger();
        HttpRequest[] requests = new HttpRequest[total];
        for (int i = 0; i < total; i++) {
            requests[i] = HttpRequest.newBuilder(URI.create(base + paths[i])).timeout(Duration.ofSeconds(30)).GET().build();
        }
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 100_000_000L;
        long measuredFrom = start + skip * interval;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                int k = i;
                threads.execute(() -> {
                    int status;
                    try {
                        status = client.send(requests[k], HttpResponse.BodyHandlers.ofByteArray()).statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    latency[k] = System.nanoTime() - due;
                    if (status != expected[kinds[k]]) {
                        latency[k] = -latency[k] - 1;
                        if (printed.incrementAndGet() <= 5) {
                            System.out.println("ERROR " + status + " " + paths[k]);
                        }
                    }
                });
            }
        }
        double achieved = (total - skip) / ((System.nanoTime() - measuredFrom) / 1e9);
        long[][] byOutcome = new long[outcomes + 1][];
        for (int o = 0; o <= outcomes; o++) {
            int oo = o;
            byOutcome[o] = java.util.stream.IntStream.range(skip, total).filter(i -> oo == outcomes || kinds[i] == oo)
                    .mapToLong(i -> latency[i] < 0 ? -(latency[i] + 1) : latency[i]).sorted().toArray();
        }
        for (int i = skip; i < total; i++) {
            if (latency[i] < 0) {
                errors[kinds[i]]++;
            }
        }
        return new Result(byOutcome, errors, achieved, total - skip);
    }

    private void report(Result r, int outcomes) {
        System.out.printf("sent %,d requests in the measured %d s; achieved %,.1f requests/s (completions over the measured window; "
                + "target %d)%n", r.sent(), seconds, r.achievedRate(), rate);
        line("overall", r.latencies()[outcomes], Arrays.stream(r.errors()).sum());
        if (outcomes > 1) {
            for (int o = 0; o < outcomes; o++) {
                line(OUTCOMES[o], r.latencies()[o], r.errors()[o]);
            }
            long[] notFound = java.util.stream.LongStream.concat(Arrays.stream(r.latencies()[1]), Arrays.stream(r.latencies()[2]))
                    .sorted().toArray();
            line("not found (both)", notFound, r.errors()[1] + r.errors()[2]);
            System.out.printf("p50 found − not found: %+.3f ms; p50 wrong date of birth − unknown id: %+.3f ms%n",
                    pct(r.latencies()[0], 0.5) - pct(notFound, 0.5), pct(r.latencies()[1], 0.5) - pct(r.latencies()[2], 0.5));
            System.out.printf("target p99 <= 20 ms: %s%n", pct(r.latencies()[outcomes], 0.99) <= 20 ? "MET" : "NOT MET");
        }
    }

    private static void line(String label, long[] sorted, int errors) {
        System.out.printf("  %-22s n=%,7d  p50 %7.2f ms  p99 %7.2f ms  max %8.2f ms  errors %d%n", label, sorted.length,
                pct(sorted, 0.5), pct(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, errors);
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }

    /**
     * The public vote-abroad form's timing for the two answers that must not differ: an id that is not in the register
     * and a voter's id with a wrong date of birth (both get "received"). Closed loop, one client, the two kinds in turn
     * so that both meet the same machine load; a session and its CSRF token from the form page, as a browser would.
     */
    private void voteAbroadTiming(String base, List<String[]> people, int unknownFrom) throws Exception {
        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new java.net.CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
        String page = browser.send(HttpRequest.newBuilder(URI.create(base + "/vote-abroad")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        var csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        var station = Pattern.compile("<option value=\"([0-9]+)\"").matcher(page);
        if (!csrf.find() || !station.find()) {
            throw new IllegalStateException("the vote-abroad page has no CSRF token or no station abroad");
        }
        int perKind = Integer.parseInt(options.getOrDefault("abroad-posts", "500"));
        int warm = perKind / 5;
        SplittableRandom random = new SplittableRandom(11);
        long[][] latencies = new long[2][perKind];
        int errors = 0;
        int unknownIndex = unknownFrom;
        for (int i = 0; i < 2 * (perKind + warm); i++) {
            int kind = i % 2;
            String[] p = people.get(random.nextInt(people.size()));
            String id;
            String dob;
            if (kind == 0) {
                String digits = String.format("%08d", (unknownIndex++ * 48271L + Math.floorMod(SEED, 100_000_000L)) % 100_000_000L);
                id = digits + SyntheticPeople.luhn(digits);
                dob = p[1];
            } else {
                id = p[0];
                dob = LocalDate.parse(p[1]).plusDays(1 + random.nextInt(300)).toString();
            }
            String form = "nationalId=" + id + "&dateOfBirth=" + dob + "&stationId=" + station.group(1)
                    + "&reason=ABROAD_CONSULAR&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
            long t = System.nanoTime();
            var r = browser.send(HttpRequest.newBuilder(URI.create(base + "/vote-abroad"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                    .build(), HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - t;
            if (r.statusCode() != 200 || !r.body().contains("id=\"answer\"")) {
                errors++;
            }
            int n = i / 2 - warm;
            if (n >= 0) {
                latencies[kind][n] = took;
            }
        }
        Arrays.sort(latencies[0]);
        Arrays.sort(latencies[1]);
        line("unknown id", latencies[0], 0);
        line("wrong date of birth", latencies[1], 0);
        System.out.printf("p50 wrong date of birth − unknown id: %+.3f ms (%d measured posts per kind after %d warm-up; %d errors)%n",
                pct(latencies[1], 0.5) - pct(latencies[0], 0.5), perKind, warm, errors);
    }

    /**
     * CPU time the application and PostgreSQL (the postmaster, its live backends, and backends it reaped) spent during a
     * phase, from /proc: unlike latency on a shared machine, this barely depends on what else runs.
     */
    record Cpu(long appTicks, long pgTicks, long startNanos, ProcessHandle app, long postmaster) {

        static final double MS_PER_TICK = 10;   // USER_HZ = 100 on Linux

        static Cpu of(Process app, Path postmasterPid) {
            long pg = -1;
            try {
                pg = Long.parseLong(Files.readAllLines(postmasterPid).getFirst().strip());
            } catch (IOException | RuntimeException e) {
                // no PostgreSQL figures then
            }
            ProcessHandle handle = app.toHandle();
            return new Cpu(ticks(handle.pid(), false), pgTicks(pg), System.nanoTime(), handle, pg);
        }

        String perRequest(int requests) {
            double app = (ticks(this.app.pid(), false) - appTicks) * MS_PER_TICK;
            double pg = postmaster < 0 ? Double.NaN : (pgTicks(postmaster) - pgTicks) * MS_PER_TICK;
            double wall = (System.nanoTime() - startNanos) / 1e6;
            return String.format("CPU per request (incl. warm-up, %,d requests, %.1f s): application %.3f ms, PostgreSQL %.3f ms"
                    + " (application %.0f %% and PostgreSQL %.0f %% of one core)", requests, wall / 1000, app / requests,
                    pg / requests, 100 * app / wall, 100 * pg / wall);
        }

        private static long pgTicks(long postmaster) {
            if (postmaster < 0) {
                return 0;
            }
            return ticks(postmaster, true) + ProcessHandle.of(postmaster).map(p -> p.descendants()
                    .mapToLong(d -> ticks(d.pid(), false)).sum()).orElse(0L);
        }

        /** utime + stime (+ cutime + cstime: reaped children) of /proc/pid/stat, in clock ticks. */
        private static long ticks(long pid, boolean withChildren) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // after "pid (comm) ": state is field 3, so utime (14) is f[11], stime f[12], cutime f[13], cstime f[14]
                long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                return withChildren ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private String signIn(String base) {
        var r = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/tokens")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", "admin", "password", ADMIN_PASSWORD))))
                .build());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("sign-in: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("token").asString();
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
