package org.electora.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.results.MatrixCast.Actor;
import org.electora.platform.CurrentStaff;
import org.electora.support.Api;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.ProtocolBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electora.support.ProtocolBuilder.aProtocol;

/**
 * Every results endpoint × every role and scope, over real HTTP (with publishing and certifying, the CEC's commands
 * of the publication module that act on results). The expected status of each cell is written out in
 * {@link #MATRIX}: roles are checked first (403 for a role that never may), then the scope against the station
 * (403 outside it). Live tallies are for the CEC, constituency commissions and auditors; everyone else reads the
 * published snapshots.
 */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultsAuthorizationMatrixTest {

    static final String MATRIX = """
            endpoint                                   ANON CEC CON_OWN CON_FOR PEC_OWN PEC_FOR CSL_OWN CSL_OTH CSL_DOM ACCR OBS JOUR AUD
            POST /protocols                             401 201   201     403     201     403     201     403     403    403  403  403 403
            GET  /protocols/{id}                        401 200   200     403     200     403     200     403     403    403  403  403 200
            POST /protocols/{id}/acceptance             401 200   200     403     403     403     403     403     403    403  403  403 403
            POST /protocols/{id}/release                401 200   200     403     403     403     403     403     403    403  403  403 403
            POST /protocols/{id}/annulment              401 200   200     403     403     403     403     403     403    403  403  403 403
            PUT  /protocols/{id}/versions/1/scan        401 201   201     403     201     403     201     403     403    403  403  403 403
            GET  /protocols/{id}/versions/1/scan        401 200   200     403     200     403     200     403     403    403  403  403 200
            GET  /contests/{c}/tallies/national         401 200   200     200     403     403     403     403     403    403  403  403 200
            GET  /contests/{c}/tallies/regions          401 200   200     200     403     403     403     403     403    403  403  403 200
            GET  /contests/{c}/tallies/constituencies   401 200   200     200     403     403     403     403     403    403  403  403 200
            GET  /contests/{c}/tallies/countries        401 200   200     200     403     403     403     403     403    403  403  403 200
            POST /contests/{c}/constituencies/{k}/summary-protocol             401 201 201 403 403 403 403 403 403 403 403 403 403
            GET  /contests/{c}/constituencies/{k}/summary-protocol             401 200 200 200 403 403 403 403 403 403 403 403 200
            POST /contests/{c}/constituencies/{k}/summary-protocol/withdrawal  401 200 403 403 403 403 403 403 403 403 403 403 403
            POST /elections/{e}/snapshots                                      401 201 403 403 403 403 403 403 403 403 403 403 403
            POST /elections/{e}/certification                                  401 200 403 403 403 403 403 403 403 403 403 403 403
            """;

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
    private static final String PASSWORD = "matrix password 1";

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;
    @Autowired Protocols protocols;
    @Autowired ConstituencyProtocols constituencyProtocols;
    @Autowired ElectoralMap map;

    private final Map<Actor, Api> apis = new EnumMap<>(Actor.class);
    private MatrixCast cast;
    private PollingStation domestic;
    private PollingStation abroad;

    @BeforeAll
    void staff() {
        ElectionFixture.Counting e = fixture.counting();
        Api admin = Api.admin(port);
        cast = MatrixCast.create(e, admin, "mx", PASSWORD);
        domestic = cast.domestic;
        abroad = cast.abroad;
        apis.put(Actor.ANON, Api.anonymous(port));
        cast.members.forEach((actor, m) -> apis.put(actor, Api.as(port, m.username(), PASSWORD)));
    }

    private PollingStation target(Actor actor) {
        return cast.target(actor);
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointAnswersEveryRoleAsTheMatrixSays() {
        List<String> rows = MATRIX.lines().filter(l -> !l.isBlank()).toList();
        List<Actor> columns = Arrays.stream(rows.getFirst().trim().split("\\s+")).skip(1).map(Actor::valueOf).toList();
        assertThat(columns).containsExactly(Actor.values());
        List<DynamicTest> cells = new ArrayList<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] cols = row.trim().split("\\s+");
            String method = cols[0];
            String path = cols[1];
            for (int i = 0; i < columns.size(); i++) {
                Actor actor = columns.get(i);
                int expected = Integer.parseInt(cols[i + 2]);
                cells.add(DynamicTest.dynamicTest(method + " " + path + " as " + actor + " → " + expected, () -> {
                    Api.Response r = call(method, path, actor);
                    assertThat(r.status()).as("%s %s as %s: %s", method, path, actor, r.body()).isEqualTo(expected);
                }));
            }
        }
        return cells.stream();
    }

    /** One election with an accepted, scanned protocol at both stations, shared by the cells that only read. */
    private record Readable(long contest, Map<PollingStation, Long> protocols) {
    }

    private Readable readable;

    /** The shared election: the two stations' constituencies counted in full and signed, their protocols scanned. */
    private Readable readable() {
        if (readable == null) {
            long contest = fixture.counting().contest().id().value();
            Map<PollingStation, Long> ids = new HashMap<>();
            for (PollingStation s : List.of(domestic, abroad)) {
                long id = prepare(contest, s, ProtocolSource.ELECTRONIC, aProtocol());
                CurrentStaff.runAsSystem(() -> protocols.attachScan(new ProtocolId(id), 1, "image/png", PNG));
                ids.put(s, id);
            }
            // The stations abroad may belong to a domestic constituency: each constituency is signed once.
            ids.keySet().stream().filter(s -> s == domestic || !s.constituencyId().equals(domestic.constituencyId()))
                    .forEach(s -> signed(contest, s));
            readable = new Readable(contest, ids);
        }
        return readable;
    }

    /** Every other station of the station's constituency gets an accepted protocol, so that it may sign. */
    private void counted(long contest, PollingStation station) {
        for (PollingStation s : map.stations(station.constituencyId())) {
            if (protocols.protocol(contest, s.id().value()).isEmpty()) {
                prepare(contest, s, ProtocolSource.ELECTRONIC, aProtocol());
            }
        }
    }

    private void signed(long contest, PollingStation station) {
        counted(contest, station);
        CurrentStaff.runAsSystem(() -> constituencyProtocols.sign(contest, station.constituencyId().value()));
    }

    /**
     * Calls the endpoint as the actor: reads on the shared election, writes on a fresh election with the protocol in
     * the state the endpoint needs (so that one cell's success never changes another's answer).
     */
    private Api.Response call(String method, String path, Actor actor) {
        PollingStation station = target(actor);
        Api api = apis.get(actor);
        if (method.equals("GET")) {
            Readable r = readable();
            String url = "/api/v1" + path.replace("{c}", Long.toString(r.contest()))
                    .replace("{k}", Long.toString(station.constituencyId().value()))
                    .replace("{id}", Long.toString(r.protocols().get(station)));
            if (path.endsWith("/scan")) {
                Api.Bytes b = api.getBytes(url);
                if (b.status() == 200) {
                    assertThat(b.headers().firstValue("Content-Type")).hasValue("image/png");
                    assertThat(b.body()).isEqualTo(PNG);
                }
                return new Api.Response(b.status(), new String(b.body()), b.headers());
            }
            return api.get(url);
        }
        ElectionFixture.Counting election = fixture.counting();
        long contest = election.contest().id().value();
        if (path.startsWith("/elections/{e}/")) {
            long electionId = election.election().id().value();
            if (path.endsWith("/certification")) {
                // Certification needs every constituency signed.
                for (var k : map.constituencies(election.map().id())) {
                    signed(contest, map.stations(k.id()).getFirst());
                }
            }
            return api.post("/api/v1" + path.replace("{e}", Long.toString(electionId)),
                    Map.of("version", election.election().version()));
        }
        if (method.equals("POST") && path.equals("/protocols")) {
            return api.post("/api/v1/protocols", aProtocol().body(contest, station.id().value()));
        }
        if (path.contains("/summary-protocol")) {
            if (path.endsWith("/withdrawal")) {
                signed(contest, station);
            } else {
                counted(contest, station);
            }
            String url = "/api/v1" + path.replace("{c}", Long.toString(contest))
                    .replace("{k}", Long.toString(station.constituencyId().value()));
            return api.post(url, Map.of("reason", "Recount ordered", "decisionReference", "CEC 12/4"));
        }
        long id = switch (path) {
            case "/protocols/{id}/acceptance" -> prepare(contest, station, ProtocolSource.DOUBLE_ENTRY, aProtocol());
            case "/protocols/{id}/release" -> prepare(contest, station, ProtocolSource.ELECTRONIC, aProtocol().withLine(10, 999));
            default -> prepare(contest, station, ProtocolSource.ELECTRONIC, aProtocol());
        };
        String url = "/api/v1" + path.replace("{id}", Long.toString(id));
        Map<String, Object> decision = Map.of("version", 1, "reason", "matrix", "decisionReference", "M-1");
        return method.equals("PUT") ? api.putBytes(url, "image/png", PNG) : api.post(url, decision);
    }

    private long prepare(long contest, PollingStation station, ProtocolSource source, ProtocolBuilder p) {
        return CurrentStaff.runAsSystem(() -> protocols.submit(new ProtocolSubmission(UUID.randomUUID(), contest,
                station.id().value(), p.lines(), p.votesByBallotOrder(), null, null), source)).protocol().value();
    }
}
