package org.electora.results;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.electora.election.ElectionId;
import org.electora.election.Elections;
import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.results.MatrixCast.Actor;
import org.electora.platform.CurrentStaff;
import org.electora.platform.Role;
import org.electora.support.Api;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.Fixtures;
import org.electora.support.ProtocolBuilder;
import org.electora.support.WebSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electora.support.ProtocolBuilder.aProtocol;

/**
 * Every staff page of the results desk, the double entry and the certification × every role and scope, over real
 * HTTP with signed-in sessions and their CSRF tokens (the JSON API is {@link ResultsAuthorizationMatrixTest}). The
 * expected answer of each cell is written out in {@link #MATRIX}:
 * <ul>
 *   <li>{@code 200}: the page (or the PDF) is shown;</li>
 *   <li>{@code done}: the form's change is made and the browser is sent back to the page (302);</li>
 *   <li>{@code 403}: the refusal page with AUTH-002;</li>
 *   <li>{@code login}: an anonymous visitor is sent to the login page (302).</li>
 * </ul>
 * A refused form ({@code 403}, {@code login}) is posted on data in the state that form needs (so that, were the check
 * missing, it would write) and must leave that election exactly as it was: its protocols, versions, scans,
 * decisions, double entries, summary protocol signatures and withdrawals, the election's status and snapshots, and
 * the audit events about any of them.
 * {@link #everyResultsAndPublicationEndpointIsAMatrixRowOrPublic()} fails for an endpoint of either module that is
 * in neither matrix nor in the list of public ones.
 */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultsWebAuthorizationMatrixTest {

    static final String MATRIX = """
            endpoint                                  ANON  CEC  CON_OWN CON_FOR PEC_OWN PEC_FOR CSL_OWN CSL_OTH CSL_DOM ACCR OBS JOUR AUD
            GET  /desk                                login 200  200     200     403     403     403     403     403     403  403 403  403
            GET  /desk/{c}/{k}                        login 200  200     403     403     403     403     403     403     403  403 403  403
            GET  /desk/{c}/{k}/summary-protocol.pdf   login 200  200     403     403     403     403     403     403     403  403 403  403
            POST /desk/{c}/{k}/signature              login done done    403     403     403     403     403     403     403  403 403  403
            POST /desk/{c}/{k}/withdrawal             login done 403     403     403     403     403     403     403     403  403 403  403
            GET  /desk/{c}/stations/{s}               login 200  200     403     403     403     403     403     403     403  403 403  403
            POST /desk/{c}/stations/{s}/decision      login done done    403     403     403     403     403     403     403  403 403  403
            GET  /entry                               login 200  200     200     200     200     200     200     200     403  403 403  403
            GET  /entry/{c}/{s}                       login 200  200     403     200     403     200     403     403     403  403 403  403
            GET  /entry/{c}/{s}/posted-copy.pdf       login 200  200     403     200     403     200     403     403     403  403 403  403
            GET  /entry/{c}/{s}/versions/1/scan       login 200  200     403     200     403     200     403     403     403  403 403  403
            POST /entry/{c}/{s}                       login done done    403     done    403     done    403     403     403  403 403  403
            POST /entry/{c}/{s}/resolution            login done done    403     403     403     403     403     403     403  403 403  403
            POST /entry/{c}/{s}/acceptance            login done done    403     403     403     403     403     403     403  403 403  403
            POST /entry/{c}/{s}/scan                  login done done    403     done    403     done    403     403     403  403 403  403
            GET  /certification                       login 200  403     403     403     403     403     403     403     403  403 403  403
            POST /certification/{e}                   login done 403     403     403     403     403     403     403     403  403 403  403
            GET  /historic-imports                    login 200  403     403     403     403     403     403     403     403  403 403  403
            POST /historic-imports                    login done 403     403     403     403     403     403     403     403  403 403  403
            GET  /historic-imports/{j}                login 200  403     403     403     403     403     403     403     403  403 403  403
            GET  /historic-imports/{j}/report.csv     login 200  403     403     403     403     403     403     403     403  403 403  403
            """;

    /**
     * Endpoints of the results and publication modules anyone may call without signing in (SecurityConfiguration's
     * public pages and API paths): what they serve is published by the CEC, never a live tally or protocol.
     */
    static final List<String> PUBLIC = List.of(
            // The published results pages: the latest snapshot, its regions, constituencies, stations, turnout,
            // abroad and corrections, and the scans of the counted protocols it names.
            "GET /results",
            "GET /results/elections/{id}",
            "GET /results/elections/{id}/regions/{code}",
            "GET /results/elections/{id}/constituencies/{*code}",
            "GET /results/elections/{id}/turnout",
            "GET /results/elections/{id}/abroad",
            "GET /results/elections/{id}/corrections",
            "GET /results/elections/{id}/stations/{*code}",
            "GET /results/elections/{id}/scans/{sha256}",
            // Open data: the files of a published snapshot.
            "GET /open-data/elections/{election}/{ref}/stations.csv",
            "GET /open-data/elections/{election}/{ref}/corrections.csv",
            "GET /open-data/elections/{election}/{ref}/results.json",
            "GET /open-data/elections/{election}/{ref}/results.xml",
            "GET /open-data/elections/{election}/{ref}/results.pdf",
            // The public snapshot API.
            "GET /api/v1/public/elections/{election}/snapshots",
            "GET /api/v1/public/elections/{election}/snapshots/{ref}");

    static final byte[] PNG = ResultsAuthorizationMatrixTest.PNG;
    private static final String PASSWORD = "web matrix password 1";

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;
    @Autowired Protocols protocols;
    @Autowired ConstituencyProtocols constituencyProtocols;
    @Autowired ElectoralMap map;
    @Autowired Elections elections;
    @Autowired JdbcTemplate jdbc;
    @Autowired ApplicationContext context;

    private final Map<Actor, WebSession> sessions = new EnumMap<>(Actor.class);
    private MatrixCast cast;
    private final Map<Actor, Role> roles = new EnumMap<>(Actor.class);
    private final Map<Actor, String> csrf = new EnumMap<>(Actor.class);
    /** Two CEC accounts that key the conflicting entries a supervisor resolves. */
    private WebSession keyerA;
    private WebSession keyerB;
    private PollingStation domestic;
    private PollingStation abroad;

    @BeforeAll
    void staff() {
        ElectionFixture.Counting e = fixture.counting();
        Api admin = Api.admin(port);
        cast = MatrixCast.create(e, admin, "mxw", PASSWORD);
        domestic = cast.domestic;
        abroad = cast.abroad;
        sessions.put(Actor.ANON, WebSession.anonymous(port));
        cast.members.forEach((actor, m) -> {
            sessions.put(actor, WebSession.signIn(port, m.username(), PASSWORD));
            roles.put(actor, m.role());
        });
        String run = UUID.randomUUID().toString().substring(0, 8);
        admin.createStaff("mxw-" + run + "-key-a", "CEC_ADMIN", "NATIONAL", null, PASSWORD);
        admin.createStaff("mxw-" + run + "-key-b", "CEC_ADMIN", "NATIONAL", null, PASSWORD);
        keyerA = WebSession.signIn(port, "mxw-" + run + "-key-a", PASSWORD);
        keyerB = WebSession.signIn(port, "mxw-" + run + "-key-b", PASSWORD);
    }

    private PollingStation target(Actor actor) {
        return cast.target(actor);
    }

    @Test
    void theColumnsAreEveryRoleAndTheAnonymousVisitor() {
        assertThat(Set.copyOf(roles.values())).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(Role.class));
        assertThat(roles).doesNotContainKey(Actor.ANON);
        assertThat(sessions).containsOnlyKeys(Actor.values());
    }

    @TestFactory
    Stream<DynamicTest> everyStaffPageAnswersEveryRoleAsTheMatrixSays() {
        List<String> rows = MATRIX.lines().filter(l -> !l.isBlank()).toList();
        List<Actor> columns = Arrays.stream(rows.getFirst().trim().split("\\s+")).skip(1).map(Actor::valueOf).toList();
        assertThat(columns).containsExactly(Actor.values());
        List<DynamicTest> cells = new ArrayList<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] cols = row.trim().split("\\s+");
            assertThat(cols).as(row).hasSize(columns.size() + 2);
            String method = cols[0];
            String path = cols[1];
            for (int i = 0; i < columns.size(); i++) {
                Actor actor = columns.get(i);
                String expected = cols[i + 2];
                assertThat(expected).as(row).isIn("200", "done", "403", "login");
                cells.add(DynamicTest.dynamicTest(method + " " + path + " as " + actor + " → " + expected, () -> {
                    if (method.equals("GET")) {
                        read(path, actor, expected);
                    } else {
                        write(path, actor, expected);
                    }
                }));
            }
        }
        return cells.stream();
    }

    /**
     * The forms that act on a station's protocol refuse whoever the matrix refuses also where the station has no
     * protocol yet: a 404 there (and a 403 where there is one) would tell an observer, or a commission of another
     * constituency, which stations have reported.
     */
    @TestFactory
    Stream<DynamicTest> refusedFormsSayNothingOfWhetherTheStationHasAProtocol() {
        List<DynamicTest> cells = new ArrayList<>();
        List<String> rows = MATRIX.lines().filter(l -> !l.isBlank()).toList();
        List<Actor> columns = Arrays.stream(rows.getFirst().trim().split("\\s+")).skip(1).map(Actor::valueOf).toList();
        for (String row : rows.subList(1, rows.size())) {
            String[] cols = row.trim().split("\\s+");
            if (!List.of("/desk/{c}/stations/{s}/decision", "/entry/{c}/{s}/acceptance", "/entry/{c}/{s}/scan").contains(cols[1])) {
                continue;
            }
            for (int i = 0; i < columns.size(); i++) {
                Actor actor = columns.get(i);
                if (cols[i + 2].equals("403")) {
                    cells.add(DynamicTest.dynamicTest("POST " + cols[1] + " without a protocol as " + actor + " → 403",
                            () -> write(cols[1], actor, "403", withoutProtocol(target(actor)))));
                }
            }
        }
        return cells.stream();
    }

    /** A counting election in which no station has a protocol, shared by the cells of the test above. */
    private final Map<PollingStation, Target> withoutProtocol = new HashMap<>();

    private Target withoutProtocol(PollingStation station) {
        Target t = withoutProtocol.computeIfAbsent(station, s -> {
            ElectionFixture.Counting e = fixture.counting();
            return new Target(e.election().id().value(), e.contest().id().value(), s);
        });
        assertThat(protocols.protocol(t.contest(), station.id().value())).isEmpty();
        return t;
    }

    // ---- reads ----

    /** One election with an accepted, scanned protocol at both stations and both stations' constituencies signed. */
    private record Readable(long election, long contest, Map<PollingStation, Long> protocols) {
    }

    private Readable readable;

    private Readable readable() {
        if (readable == null) {
            ElectionFixture.Counting e = fixture.counting();
            long contest = e.contest().id().value();
            Map<PollingStation, Long> ids = new HashMap<>();
            for (PollingStation s : List.of(domestic, abroad)) {
                long id = submit(contest, s, ProtocolSource.ELECTRONIC, aProtocol());
                CurrentStaff.runAsSystem(() -> protocols.attachScan(new ProtocolId(id), 1, "image/png", PNG));
                ids.put(s, id);
            }
            signed(contest, domestic);
            if (!abroad.constituencyId().equals(domestic.constituencyId())) {
                signed(contest, abroad);
            }
            readable = new Readable(e.election().id().value(), contest, ids);
        }
        return readable;
    }

    private void read(String path, Actor actor, String expected) {
        Readable r = readable();
        PollingStation station = target(actor);
        String url = path.replace("{c}", Long.toString(r.contest()))
                .replace("{k}", Long.toString(station.constituencyId().value()))
                .replace("{s}", Long.toString(station.id().value()));
        if (url.contains("{j}")) {
            url = url.replace("{j}", refusedImport());
        }
        if (url.indexOf('/', 1) < 0) {
            url += "?election=" + r.election();   // the overviews: /desk, /entry, /certification
        }
        WebSession.Page page = sessions.get(actor).get(url);
        String as = "GET " + url + " as " + actor;
        switch (expected) {
            case "200" -> {
                assertThat(page.status()).as(as + ": " + page.body()).isEqualTo(200);
                if (url.endsWith(".csv")) {
                    assertThat(page.body()).as(as).startsWith("line,rule,column,problem");
                } else if (url.endsWith(".pdf")) {
                    assertThat(new String(page.bytes(), 0, 5)).as(as).isEqualTo("%PDF-");
                } else if (url.endsWith("/scan")) {
                    assertThat(page.bytes()).as(as).isEqualTo(PNG);
                } else {
                    assertThat(page.body()).as(as).doesNotContain("id=\"refused\"");
                }
            }
            case "403" -> refused(page, as);
            case "login" -> toLogin(page, as);
            default -> throw new IllegalArgumentException(expected);
        }
    }

    private static void refused(WebSession.Page page, String as) {
        assertThat(page.status()).as(as + ": " + page.body()).isEqualTo(403);
        // The application's refusal page, not Spring Security's (e.g. for a missing CSRF token).
        assertThat(page.body()).as(as).contains("id=\"refused\"", "AUTH-002");
    }

    private static void toLogin(WebSession.Page page, String as) {
        assertThat(page.status()).as(as).isEqualTo(302);
        assertThat(page.location()).as(as).endsWith("/login");
    }

    // ---- writes ----

    /** The data a form acts on: the election, its contest, the station and its constituency. */
    private record Target(long election, long contest, PollingStation station) {
        long constituency() {
            return station.constituencyId().value();
        }
    }

    /** Targets of refused cells, one per row and station: a refusal leaves them as they were, so the next reuses it. */
    private final Map<String, Target> refusedTargets = new HashMap<>();

    private void write(String path, Actor actor, String expected) {
        PollingStation station = target(actor);
        Target t;
        if (expected.equals("done")) {
            t = prepared(path, station);
        } else {
            String key = path.contains("{e}") ? path : path + "@" + station.id().value();
            t = refusedTargets.computeIfAbsent(key, k -> prepared(path, station));
        }
        write(path, actor, expected, t);
    }

    private void write(String path, Actor actor, String expected, Target t) {
        PollingStation station = t.station();
        Map<String, Object> before = state(t);
        String url = path.replace("{e}", Long.toString(t.election())).replace("{c}", Long.toString(t.contest()))
                .replace("{k}", Long.toString(t.constituency())).replace("{s}", Long.toString(station.id().value()));
        WebSession session = sessions.get(actor);
        String token = csrf.computeIfAbsent(actor, a -> token(session));
        WebSession.Page page = path.endsWith("/scan")
                ? session.postFile(url, token, Map.of("version", "1"), "file", "scan.png", "image/png", PNG)
                : path.equals(HISTORIC) ? historicImport(session, token, false)
                : session.post(url, token, form(path, t));
        if (path.equals(HISTORIC) && page.status() == 302 && page.location().matches(".*/historic-imports/[0-9a-f-]{36}$")) {
            ended(session, page.location().replaceFirst("^https?://[^/]+", ""));
        }
        Map<String, Object> after = state(t);
        String as = "POST " + url + " as " + actor;
        switch (expected) {
            case "done" -> {
                assertThat(page.status()).as(as + ": " + page.body()).isEqualTo(302);
                assertThat(page.location()).as(as).endsWith(returnsTo(path, url, t));
                assertThat(after).as(as).isNotEqualTo(before);
                made(path, before, after, as);
            }
            case "403" -> {
                refused(page, as);
                assertThat(after).as(as + " changed nothing").isEqualTo(before);
            }
            case "login" -> {
                toLogin(page, as);
                assertThat(after).as(as + " changed nothing").isEqualTo(before);
            }
            default -> throw new IllegalArgumentException(expected);
        }
    }

    // ---- the historic import ----

    private static final String HISTORIC = "/historic-imports";
    /** The election name the matrix's imports give (their mapping file's), so that state() can count them. */
    private static final String HISTORIC_ELECTION = "Matrix historic import";

    /**
     * Sends the first 20 rows of the 2024 sample with the shipped 2024 mapping, the election renamed
     * {@link #HISTORIC_ELECTION}; {@code broken}: the first row's first count reads "12x" (HIS-003, refused).
     */
    private static WebSession.Page historicImport(WebSession session, String token, boolean broken) {
        List<String> rows = new ArrayList<>(Fixtures.resource("/fixtures/russia-2024-sample.csv").lines().limit(21).toList());
        if (broken) {
            rows.set(1, rows.get(1).replaceFirst("^([^,]*,[^,]*,[^,]*,)(\\d+),", "$1$2x,"));
        }
        String sample = String.join("\n", rows) + "\n";
        String electionName = HISTORIC_ELECTION;
        String mapping = Fixtures.resource(HistoricMapping.RUSSIA_2024_RESOURCE).replaceFirst("(?m)^election\\.name=.*$",
                "election.name=" + electionName);
        return session.postFiles(HISTORIC, token, Map.of("mapping", "file"), List.of(
                new WebSession.FilePart("file", "matrix.csv", "text/csv", sample.getBytes(StandardCharsets.UTF_8)),
                new WebSession.FilePart("mappingFile", "matrix.properties", "text/plain", mapping.getBytes(StandardCharsets.UTF_8))));
    }

    /** Follows an import's page until it has ended (the import runs in the background). */
    private static String ended(WebSession session, String jobPath) {
        return session.awaitState(jobPath, "WAITING", "RUNNING");
    }

    private String refusedImport;

    /** The id of an import the CEC started and that was refused (a count that is not a number), for its reads. */
    private String refusedImport() {
        if (refusedImport == null) {
            WebSession session = sessions.get(Actor.CEC);
            WebSession.Page page = historicImport(session, csrf.computeIfAbsent(Actor.CEC, a -> token(session)), true);
            assertThat(page.status()).as(page.body()).isEqualTo(302);
            String path = page.location().replaceFirst("^https?://[^/]+", "");
            assertThat(ended(session, path)).contains("data-state=\"REJECTED\"");
            refusedImport = path.substring(path.lastIndexOf('/') + 1);
        }
        return refusedImport;
    }

    /** A CSRF token of the session (any page with a form carries one; an anonymous visitor's is on the login page). */
    private static String token(WebSession session) {
        String home = session.get("/").body();
        return home.contains("name=\"_csrf\"") ? WebSession.csrf(home) : WebSession.csrf(session.get("/login").body());
    }

    /** A fresh counting election with what the form of {@code path} needs at {@code station}. */
    private Target prepared(String path, PollingStation station) {
        ElectionFixture.Counting e = fixture.counting();
        Target t = new Target(e.election().id().value(), e.contest().id().value(), station);
        switch (path) {
            case "/desk/{c}/{k}/signature" -> counted(t.contest(), station);
            case "/desk/{c}/{k}/withdrawal" -> signed(t.contest(), station);
            case "/desk/{c}/stations/{s}/decision", "/entry/{c}/{s}/acceptance" ->
                    submit(t.contest(), station, ProtocolSource.DOUBLE_ENTRY, aProtocol());
            case "/entry/{c}/{s}" -> { }
            case "/entry/{c}/{s}/resolution" -> {
                String entry = "/entry/" + t.contest() + "/" + station.id().value();
                for (var keyed : List.of(Map.entry(keyerA, aProtocol()), Map.entry(keyerB, aProtocol().withVotes(501, 299, 150)))) {
                    WebSession.Page page = keyed.getKey().post(entry, WebSession.csrf(keyed.getKey().get(entry).body()),
                            keying(keyed.getValue()));
                    assertThat(page.status()).as(page.body()).isEqualTo(302);
                }
                assertThat(entries(t)).as("two entries that differ").hasSize(2);
            }
            case "/entry/{c}/{s}/scan" -> submit(t.contest(), station, ProtocolSource.ELECTRONIC, aProtocol());
            case "/certification/{e}" -> map.constituencies(e.map().id())
                    .forEach(k -> signed(t.contest(), map.stations(k.id()).getFirst()));
            case HISTORIC -> { }
            default -> throw new IllegalArgumentException("No preparation for " + path);
        }
        return t;
    }

    private Map<String, String> form(String path, Target t) {
        return switch (path) {
            case "/desk/{c}/{k}/signature" -> Map.of();
            case "/desk/{c}/{k}/withdrawal" -> Map.of("reason", "Recount ordered", "decisionReference", "CEC 12/4");
            case "/desk/{c}/stations/{s}/decision" -> Map.of("action", "accept", "version", "1");
            case "/entry/{c}/{s}" -> keying(aProtocol());
            case "/entry/{c}/{s}/resolution" -> {
                Map<String, String> picks = new LinkedHashMap<>();
                aProtocol().lines().keySet().forEach(n -> picks.put("pick-line-" + n, "a"));
                aProtocol().votesByBallotOrder().keySet().forEach(n -> picks.put("pick-vote-" + n, "a"));
                yield picks;
            }
            case "/entry/{c}/{s}/acceptance" -> Map.of("version", "1");
            case "/certification/{e}" -> Map.of("version", Integer.toString(
                    elections.byId(new ElectionId(t.election())).orElseThrow().version()));
            default -> throw new IllegalArgumentException("No form for " + path);
        };
    }

    /** The double entry form's fields for the protocol. */
    private static Map<String, String> keying(ProtocolBuilder p) {
        Map<String, String> fields = new LinkedHashMap<>();
        p.lines().forEach((n, v) -> fields.put("line-" + n, Long.toString(v)));
        p.votesByBallotOrder().forEach((n, v) -> fields.put("vote-" + n, Long.toString(v)));
        return fields;
    }

    /** Where a form sends the browser back to after it was done. */
    private static String returnsTo(String path, String url, Target t) {
        return switch (path) {
            case "/certification/{e}" -> "/certification?election=" + t.election();
            case HISTORIC -> "";   // the new import's own page, /historic-imports/<id>: made() checks what it imported
            case "/desk/{c}/{k}/signature", "/desk/{c}/{k}/withdrawal" -> "/desk/" + t.contest() + "/" + t.constituency();
            default -> url.replaceAll("/(decision|resolution|acceptance|scan)$", "");
        };
    }

    /** What a form that was done has changed, besides anything else. */
    @SuppressWarnings("unchecked")
    private static void made(String path, Map<String, Object> before, Map<String, Object> after, String as) {
        switch (path) {
            case "/desk/{c}/{k}/signature" -> assertThat((List<?>) after.get("signatures")).as(as)
                    .hasSize(((List<?>) before.get("signatures")).size() + 1);
            case "/desk/{c}/{k}/withdrawal" -> assertThat((List<Map<String, Object>>) after.get("signatures")).as(as)
                    .last().extracting(s -> s.get("withdrawn")).isEqualTo(true);
            case "/desk/{c}/stations/{s}/decision", "/entry/{c}/{s}/acceptance" ->
                    assertThat((List<Map<String, Object>>) after.get("protocol")).as(as)
                            .singleElement().extracting(p -> p.get("status")).isEqualTo("ACCEPTED");
            case "/entry/{c}/{s}" -> assertThat((List<?>) after.get("entries")).as(as)
                    .hasSize(((List<?>) before.get("entries")).size() + 1);
            case "/entry/{c}/{s}/resolution" -> {
                assertThat((List<?>) before.get("protocol")).as(as).isEmpty();
                assertThat((List<?>) after.get("protocol")).as(as).hasSize(1);
            }
            case "/entry/{c}/{s}/scan" -> assertThat((List<Map<String, Object>>) after.get("versions")).as(as)
                    .singleElement().extracting(v -> v.get("scan_sha256")).isNotNull();
            case "/certification/{e}" -> assertThat((List<Map<String, Object>>) after.get("election")).as(as)
                    .singleElement().extracting(e -> e.get("status")).isEqualTo("RESULTS_CERTIFIED");
            case HISTORIC -> assertThat((Long) after.get("historic")).as(as).isEqualTo((Long) before.get("historic") + 1);
            default -> throw new IllegalArgumentException(path);
        }
    }

    /**
     * Everything the forms of this matrix write about the target: its station's protocol, versions (with their scans),
     * decisions and double entries, its constituency's summary protocol signatures and withdrawals, the election's
     * status, version and snapshots, and every audit event about the contest's protocols, entries and summary
     * protocols or about the election.
     */
    private Map<String, Object> state(Target t) {
        long s = t.station().id().value();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("protocol", jdbc.queryForList("SELECT id, status, version, counted_version, summary_signed_at"
                + " FROM protocol WHERE contest_id = ? AND station_id = ?", t.contest(), s));
        state.put("versions", jdbc.queryForList("SELECT v.number, v.source, v.content_sha256, v.scan_sha256 FROM protocol_version v"
                + " JOIN protocol p ON p.id = v.protocol_id WHERE p.contest_id = ? AND p.station_id = ? ORDER BY v.number", t.contest(), s));
        state.put("decisions", jdbc.queryForList("SELECT d.action, d.from_status, d.to_status, d.version, d.actor FROM protocol_decision d"
                + " JOIN protocol p ON p.id = d.protocol_id WHERE p.contest_id = ? AND p.station_id = ? ORDER BY d.at, d.action",
                t.contest(), s));
        state.put("entries", entries(t));
        state.put("signatures", jdbc.queryForList("SELECT c.round, c.signed_by, c.sha256, EXISTS (SELECT 1 FROM"
                + " constituency_protocol_withdrawal w WHERE w.constituency_protocol_id = c.id) AS withdrawn"
                + " FROM constituency_protocol c WHERE c.contest_id = ? AND c.constituency_id = ? ORDER BY c.round",
                t.contest(), t.constituency()));
        state.put("election", jdbc.queryForList("SELECT status, version FROM election WHERE id = ?", t.election()));
        state.put("snapshots", jdbc.queryForObject("SELECT count(*) FROM results_snapshot WHERE election_id = ?", Long.class, t.election()));
        // The elections the matrix's historic imports created (the import form writes a whole new election).
        state.put("historic", jdbc.queryForObject("SELECT count(*) FROM election WHERE name = ?", Long.class, HISTORIC_ELECTION));
        state.put("audit", jdbc.queryForList("""
                SELECT type, disposition, count(*) AS n FROM audit_event
                WHERE subject IN (SELECT 'protocol:' || id FROM protocol WHERE contest_id = ?)
                   OR subject LIKE 'protocol-entry:' || ? || ':%'
                   OR subject LIKE 'constituency-protocol:' || ? || ':%'
                   OR subject = 'election:' || ? OR subject LIKE 'election:' || ? || ':%'
                GROUP BY type, disposition ORDER BY type, disposition""",
                t.contest(), t.contest(), t.contest(), t.election(), t.election()));
        return state;
    }

    private List<Map<String, Object>> entries(Target t) {
        return jdbc.queryForList("SELECT id, operator, closed_version FROM protocol_entry WHERE contest_id = ? AND station_id = ? ORDER BY id",
                t.contest(), t.station().id().value());
    }

    // ---- data ----

    private long submit(long contest, PollingStation station, ProtocolSource source, ProtocolBuilder p) {
        return CurrentStaff.runAsSystem(() -> protocols.submit(new ProtocolSubmission(UUID.randomUUID(), contest,
                station.id().value(), p.lines(), p.votesByBallotOrder(), null, null), source)).protocol().value();
    }

    /** Every station of the station's constituency without a protocol gets an accepted one, so that it may sign. */
    private void counted(long contest, PollingStation station) {
        for (PollingStation s : map.stations(station.constituencyId())) {
            if (protocols.protocol(contest, s.id().value()).isEmpty()) {
                submit(contest, s, ProtocolSource.ELECTRONIC, aProtocol());
            }
        }
    }

    private void signed(long contest, PollingStation station) {
        counted(contest, station);
        CurrentStaff.runAsSystem(() -> constituencyProtocols.sign(contest, station.constituencyId().value()));
    }

    // ---- completeness ----

    /**
     * Every handler method of the results and publication modules (method + path) is a row of this matrix or of
     * {@link ResultsAuthorizationMatrixTest#MATRIX}, or is listed in {@link #PUBLIC}: an endpoint added without a row
     * fails here, and so does a row or public entry that names no endpoint. Path variables and the literal version
     * number of the API matrix compare as {@code {}}. The public ones do answer an anonymous visitor (not with a 401,
     * 403 or the login page).
     */
    @Test
    void everyResultsAndPublicationEndpointIsAMatrixRowOrPublic() {
        Set<String> mapped = new TreeSet<>();
        context.getBeansOfType(RequestMappingHandlerMapping.class).values().forEach(mapping ->
                mapping.getHandlerMethods().forEach((info, handler) -> {
                    String module = handler.getBeanType().getPackageName();
                    if (!module.startsWith("org.electora.results") && !module.startsWith("org.electora.publication")) {
                        return;
                    }
                    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                    assertThat(methods).as("%s answers every HTTP method", handler).isNotEmpty();
                    methods.forEach(m -> info.getPatternValues().forEach(p -> mapped.add(m.name() + " " + normalized(p))));
                }));
        assertThat(mapped).as("the mappings found").contains("POST /desk/{}/{}/signature", "POST /api/v1/protocols",
                "GET /results/elections/{}");

        Set<String> api = rows(ResultsAuthorizationMatrixTest.MATRIX, "/api/v1");
        Set<String> web = rows(MATRIX, "");
        Set<String> open = PUBLIC.stream().map(e -> e.split(" ")[0] + " " + normalized(e.split(" ")[1]))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(open).as("public endpoints listed once").hasSameSizeAs(PUBLIC).doesNotContainAnyElementsOf(api)
                .doesNotContainAnyElementsOf(web);
        Set<String> covered = new TreeSet<>(api);
        covered.addAll(web);
        covered.addAll(open);
        assertThat(mapped).as("endpoints of results/publication with no row in a matrix and not listed as public")
                .isSubsetOf(covered);
        assertThat(covered).as("matrix rows or public entries naming no endpoint").isSubsetOf(mapped);

        WebSession anonymous = WebSession.anonymous(port);
        for (String endpoint : PUBLIC) {
            String path = endpoint.split(" ")[1].replaceAll("\\{[^}]*}", "1");
            WebSession.Page page = anonymous.get(path);
            assertThat(page.status()).as("%s answers an anonymous visitor: %s", path, page.body()).isNotIn(401, 403);
            if (page.location() != null) {
                assertThat(page.location()).as(path).doesNotContain("/login");
            }
        }
    }

    private static Set<String> rows(String matrix, String prefix) {
        return matrix.lines().filter(l -> !l.isBlank()).skip(1).map(l -> l.trim().split("\\s+"))
                .map(cols -> cols[0] + " " + normalized(prefix + cols[1])).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The path with each variable ({@code {id}}, {@code {*code}}, {@code {ref:latest|\d+}}) or number as {@code {}}. */
    private static String normalized(String path) {
        return Arrays.stream(path.split("/", -1)).map(s -> s.matches("\\{.*}|\\d+") ? "{}" : s)
                .collect(Collectors.joining("/"));
    }
}
