package org.electora.publication;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.electora.election.ElectionId;
import org.electora.geography.Constituency;
import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.platform.CurrentStaff;
import org.electora.platform.Digests;
import org.electora.results.ProtocolId;
import org.electora.results.ProtocolSource;
import org.electora.results.ProtocolStatus;
import org.electora.results.ProtocolSubmission;
import org.electora.results.Protocols;
import org.electora.results.SubmissionOutcome;
import org.electora.results.Tallies;
import org.electora.results.Tally;
import org.electora.support.Api;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.PdfTexts;
import org.electora.support.ProtocolBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.electora.support.ProtocolBuilder.aProtocol;

/**
 * One election from the first counted protocols to the certified result, over real HTTP: partial, complete and
 * certified snapshots, their numbering and immutability, caching, compression, CSV and NIST ERR downloads, and the
 * constituency signatures certification waits for. The steps build on each other, hence the order.
 */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublishedSnapshotsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;
    @Autowired Protocols protocols;
    @Autowired Tallies tallies;
    @Autowired ElectoralMap map;
    @Autowired JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private ElectionFixture.Counting election;
    private Api admin;
    private long electionId;
    private long contest;
    private List<PollingStation> stations;
    private List<Constituency> constituencies;
    private PollingStation quarantined;
    private PollingStation missing;
    private ProtocolId quarantinedProtocol;
    /** What the snapshots must publish, summed from the protocols this test submitted. */
    private ExpectedTotals expected;

    @BeforeAll
    void election() {
        election = fixture.counting();
        admin = Api.admin(port);
        electionId = election.election().id().value();
        contest = election.contest().id().value();
        constituencies = map.constituencies(election.map().id());
        stations = constituencies.stream().flatMap(c -> map.stations(c.id()).stream()).toList();
        expected = new ExpectedTotals(map, election.map().id(), election.candidates().size());
        // Both in the first constituency, so that its signature has something to wait for.
        quarantined = stations.get(1);
        missing = stations.get(2);
    }

    private SubmissionOutcome submit(PollingStation s, ProtocolBuilder protocol) {
        SubmissionOutcome outcome = CurrentStaff.runAsSystem(() -> protocols.submit(new ProtocolSubmission(UUID.randomUUID(), contest,
                s.id().value(), protocol.lines(), protocol.votesByBallotOrder(), null, null), ProtocolSource.ELECTRONIC));
        if (outcome.status() == ProtocolStatus.ACCEPTED) {
            expected.count(s, protocol);
        }
        return outcome;
    }

    /** Varied but balanced numbers, so that a mix-up between stations shows. */
    private static ProtocolBuilder protocolFor(int i) {
        return aProtocol().withVotes(300 + i, 200 + 2L * i, 100 + (i % 7)).withInvalid(10 + (i % 5)).withVotersOnList(1500 + i);
    }

    private Api.Response publish() {
        return admin.post("/api/v1/elections/" + electionId + "/snapshots", Map.of());
    }

    private HttpResponse<byte[]> get(String path, String... headers) {
        try {
            var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
            for (int i = 0; i < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode latest() {
        var r = get("/api/v1/public/elections/" + electionId + "/snapshots/latest");
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private int snapshotCount() {
        return jdbc.queryForObject("SELECT count(*) FROM results_snapshot WHERE election_id = ?", Integer.class, electionId);
    }

    @Test
    @Order(1)
    void publishesAPartialSnapshotWhileStationsAreMissing() {
        for (int i = 3; i < 20; i++) {
            assertThat(submit(stations.get(i), protocolFor(i)).status()).isEqualTo(ProtocolStatus.ACCEPTED);
        }
        var published = publish();

        assertThat(published.status()).as(published.body()).isIn(200, 201);
        assertThat(published.json().get("status").asString()).isEqualTo("UNOFFICIAL_PARTIAL");
        JsonNode content = latest();
        assertThat(content.get("status").asString()).isEqualTo("UNOFFICIAL_PARTIAL");
        assertThat(content.get("nation").get("stationsCounted").asInt()).isEqualTo(17);
        assertThat(content.get("stations")).hasSize(stations.size());
        assertThat(content.get("shareBaseName").asString()).isNotBlank();
    }

    @Test
    @Order(2)
    void publishingAgainWithoutChangesCreatesNothing() {
        int before = snapshotCount();
        var latestBefore = publish().json();

        var again = publish();

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("sequence").asInt()).isEqualTo(latestBefore.get("sequence").asInt());
        assertThat(again.json().get("sha256").asString()).isEqualTo(latestBefore.get("sha256").asString());
        assertThat(snapshotCount()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void aNewProtocolGivesTheNextSequenceWithAnotherDigest() {
        JsonNode before = publish().json();
        submit(stations.get(20), protocolFor(20));

        publish();

        var list = get("/api/v1/public/elections/" + electionId + "/snapshots");
        JsonNode listed = JSON.readTree(list.body());
        JsonNode last = listed.get(listed.size() - 1);
        assertThat(last.get("sequence").asInt()).isEqualTo(before.get("sequence").asInt() + 1);
        assertThat(last.get("sha256").asString()).isNotEqualTo(before.get("sha256").asString());
        assertThat(last.get("generatedAt").asString()).matches(".*T.*[+-]\\d\\d:\\d\\d$");
        for (int i = 1; i < listed.size(); i++) {
            assertThat(listed.get(i).get("sequence").asInt()).isEqualTo(listed.get(i - 1).get("sequence").asInt() + 1);
        }
    }

    @Test
    @Order(4)
    void publicationsAtTheSameMomentQueueInsteadOfFailing() throws Exception {
        // The scheduler and an official's "publish now" (here four of them) for the same change: one snapshot, and
        // every caller gets it (201 for the one that made it, 200 for the others), never a 409.
        int before = snapshotCount();
        submit(stations.get(21), protocolFor(21));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<Api.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(pool.submit(this::publish));
        }
        List<Integer> statuses = new ArrayList<>();
        for (var answer : answers) {
            Api.Response response = answer.get();
            assertThat(response.status()).as(response.body()).isIn(200, 201);
            statuses.add(response.status());
        }
        pool.shutdown();

        assertThat(statuses.stream().filter(st -> st == 201).count()).isLessThanOrEqualTo(1);
        assertThat(snapshotCount()).isEqualTo(before + 1);
        assertThat(latest().get("nation").get("stationsCounted").asInt()).isEqualTo(19);
    }

    @Test
    @Order(4)
    void storedSnapshotsCannotBeChangedOrDeleted() {
        assertThatThrownBy(() -> jdbc.update("UPDATE results_snapshot SET status = 'CERTIFIED' WHERE election_id = ?", electionId))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("immutable");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM results_snapshot WHERE election_id = ?", electionId))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("immutable");
    }

    @Test
    @Order(5)
    void servesTheStoredBytesWithAStrongEtagAnd304() {
        JsonNode meta = publish().json();
        String sha = meta.get("sha256").asString();
        String numbered = "/api/v1/public/elections/" + electionId + "/snapshots/" + meta.get("sequence").asInt();

        var first = get(numbered);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(Digests.sha256(first.body())).isEqualTo(sha);
        assertThat(first.headers().firstValue("ETag")).contains("\"" + sha + "\"");
        assertThat(first.headers().firstValue("Cache-Control").orElseThrow()).contains("public", "immutable");

        var again = get(numbered, "If-None-Match", "\"" + sha + "\"");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();

        var latest = get("/api/v1/public/elections/" + electionId + "/snapshots/latest", "If-None-Match", "\"" + sha + "\"");
        assertThat(latest.statusCode()).isEqualTo(304);
        assertThat(get("/api/v1/public/elections/" + electionId + "/snapshots/999999").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(6)
    void compressesForClientsThatAcceptGzip() throws IOException {
        JsonNode meta = publish().json();

        var r = get("/api/v1/public/elections/" + electionId + "/snapshots/latest", "Accept-Encoding", "gzip");

        assertThat(r.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(r.headers().firstValue("ETag")).contains("\"" + meta.get("sha256").asString() + "-gzip\"");
        assertThat(r.headers().firstValue("Vary").orElseThrow()).contains("Accept-Encoding");
        byte[] plain = new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes();
        assertThat(Digests.sha256(plain)).isEqualTo(meta.get("sha256").asString());
        assertThat(r.body().length).isLessThan(plain.length / 3);
        var csv = get("/open-data/elections/" + electionId + "/latest/stations.csv", "Accept-Encoding", "gzip, deflate");
        assertThat(csv.headers().firstValue("Content-Encoding")).contains("gzip");
        var revalidated = get("/api/v1/public/elections/" + electionId + "/snapshots/latest", "Accept-Encoding", "gzip",
                "If-None-Match", r.headers().firstValue("ETag").orElseThrow());
        assertThat(revalidated.statusCode()).isEqualTo(304);
    }

    @Test
    @Order(7)
    void theEmbargoBaseIsTheLastStationToClose() {
        Instant lastClose = stations.stream().map(s -> election.election().closesAt(s.timeZone()).toInstant())
                .max(Instant::compareTo).orElseThrow();
        assertThat(latest().get("election").get("pollsClosed").asString()).isEqualTo(lastClose.toString());
    }

    @Test
    @Order(8)
    void stationsCsvHasEveryStationAndAddsUpToTheTallies() throws IOException {
        publish();
        var r = get("/open-data/elections/" + electionId + "/latest/stations.csv");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(new String(r.body(), StandardCharsets.UTF_8))).getRecords();

        assertThat(rows).hasSize(stations.size());
        Map<String, long[]> byConstituency = new HashMap<>(); // valid, votes 1..3
        for (CSVRecord row : rows) {
            if (!row.get("valid").isEmpty()) {
                long[] sums = byConstituency.computeIfAbsent(row.get("constituency_code"), k -> new long[4]);
                sums[0] += Long.parseLong(row.get("valid"));
                for (int order = 1; order <= 3; order++) {
                    sums[order] += Long.parseLong(row.get("votes_" + order));
                }
                assertThat(Long.parseLong(row.get("line_10"))).isEqualTo(Long.parseLong(row.get("valid")));
            }
        }
        for (Tally t : tallies.byConstituency(contest)) {
            long[] sums = byConstituency.getOrDefault(t.key(), new long[4]);
            assertThat(sums[0]).as(t.key()).isEqualTo(t.valid());
            for (int order = 1; order <= 3; order++) {
                assertThat(sums[order]).isEqualTo(t.votes().isEmpty() ? 0 : t.votes().get(order - 1));
            }
        }
        // And both are the sums of the protocols submitted here.
        assertThat(constituencies).isNotEmpty();
        for (Constituency c : constituencies) {
            long[] sums = byConstituency.getOrDefault(c.code(), new long[4]);
            ExpectedTotals.Sum want = expected.constituency(c.code());
            assertThat(sums[0]).as(c.code()).isEqualTo(want.valid());
            for (int order = 1; order <= 3; order++) {
                assertThat(sums[order]).as(c.code() + " votes " + order).isEqualTo(want.votes(order));
            }
        }
        CSVRecord missingRow = rows.stream().filter(row -> row.get("station_code").equals(missing.code())).findFirst().orElseThrow();
        assertThat(missingRow.get("protocol_status")).isEqualTo("NONE");
        assertThat(missingRow.get("valid")).isEmpty();
    }

    @Test
    @Order(9)
    void partialResultsValidateAsNistErrAndCarryTheTallies() {
        assertValidCdf("unofficial-partial");
    }

    @Test
    @Order(10)
    void aConstituencyCannotSignWhileAStationIsQuarantinedOrMissing() {
        SubmissionOutcome bad = submit(quarantined, aProtocol().withLine(10, 999));
        assertThat(bad.status()).isEqualTo(ProtocolStatus.QUARANTINED);
        quarantinedProtocol = bad.protocol();
        Constituency first = constituencies.getFirst();
        assertThat(quarantined.constituencyId()).isEqualTo(first.id());
        assertThat(missing.constituencyId()).isEqualTo(first.id());

        var refused = admin.post("/api/v1/contests/" + contest + "/constituencies/" + first.id().value() + "/summary-protocol", Map.of());

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("ruleCode").asString()).isEqualTo("RES-030");
        assertThat(refused.json().get("detail").asString()).contains(missing.code(), quarantined.code() + " (QUARANTINED)");
    }

    @Test
    @Order(11)
    void onceEveryStationIsCountedOrAnnulledTheSnapshotIsComplete() {
        for (int i = 0; i < stations.size(); i++) {
            PollingStation s = stations.get(i);
            if (s != quarantined && (i < 3 || i > 21)) {
                assertThat(submit(s, protocolFor(i)).status()).as(s.code()).isEqualTo(ProtocolStatus.ACCEPTED);
            }
        }
        var annulled = admin.post("/api/v1/protocols/" + quarantinedProtocol + "/annulment",
                Map.of("version", 1, "reason", "Protocol does not balance and the box was not sealed", "decisionReference", "ConEC 7/3"));
        assertThat(annulled.status()).as(annulled.body()).isEqualTo(200);

        var published = publish();

        assertThat(published.json().get("status").asString()).isEqualTo("UNOFFICIAL_COMPLETE");
        JsonNode nation = latest().get("nation");
        assertThat(nation.get("stationsCounted").asInt()).isEqualTo(stations.size() - 1);
        assertThat(nation.get("stationsAnnulled").asInt()).isEqualTo(1);
        assertValidCdf("unofficial-complete");
    }

    @Test
    @Order(12)
    void certificationWaitsForEveryConstituencyAndThenPublishesTheCertifiedResult() {
        for (Constituency c : constituencies.subList(0, constituencies.size() - 1)) {
            var signed = admin.post("/api/v1/contests/" + contest + "/constituencies/" + c.id().value() + "/summary-protocol", Map.of());
            assertThat(signed.status()).as(signed.body()).isEqualTo(201);
        }
        Constituency last = constituencies.getLast();
        int version = admin.get("/api/v1/elections/" + electionId).json().get("version").asInt();

        var refused = admin.post("/api/v1/elections/" + electionId + "/certification", Map.of("version", version));
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("ruleCode").asString()).isEqualTo("PUB-010");
        assertThat(refused.json().get("detail").asString()).contains(last.code());

        var signed = admin.post("/api/v1/contests/" + contest + "/constituencies/" + last.id().value() + "/summary-protocol", Map.of());
        assertThat(signed.status()).as(signed.body()).isEqualTo(201);
        Tally lastTally = tallies.byConstituency(contest).stream().filter(t -> t.key().equals(last.code())).findFirst().orElseThrow();
        assertThat(signed.json().get("totals").get("valid").asLong()).isEqualTo(lastTally.valid());
        assertThat(signed.json().get("totals").get("valid").asLong()).isEqualTo(expected.constituency(last.code()).valid());
        var again = admin.post("/api/v1/contests/" + contest + "/constituencies/" + last.id().value() + "/summary-protocol", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("ruleCode").asString()).isEqualTo("RES-032");

        var certified = admin.post("/api/v1/elections/" + electionId + "/certification", Map.of("version", version));

        assertThat(certified.status()).as(certified.body()).isEqualTo(200);
        assertThat(certified.json().get("status").asString()).isEqualTo("RESULTS_CERTIFIED");
        assertThat(latest().get("status").asString()).isEqualTo("CERTIFIED");
        assertValidCdf("certified");

        // The certified snapshot's PDF is the CEC's result protocol, with lines for the members' signatures.
        String pdf = PdfTexts.of(Api.anonymous(port).getBytes("/open-data/elections/" + electionId + "/latest/results.pdf?lang=en"));
        assertThat(pdf).contains("Protocol of", "on the result of the election", "Certified",
                "Signatures of the members of", "Chair", "Secretary");
    }

    /**
     * Our ERR JSON and XML for the latest snapshot: 0 schema errors, the given status, and for every GpUnit (the
     * nation, each region, constituency, host country and station) the same counts in both files, equal to the sums of
     * the protocols this test submitted.
     */
    private void assertValidCdf(String status) {
        var json = get("/open-data/elections/" + electionId + "/latest/results.json");
        var xml = get("/open-data/elections/" + electionId + "/latest/results.xml");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(xml.statusCode()).isEqualTo(200);

        assertThat(ErrSchemas.jsonErrors(json.body())).isEmpty();
        assertThat(ErrSchemas.xmlErrors(xml.body())).isEmpty();

        JsonNode report = JSON.readTree(json.body());
        assertThat(report.get("Status").asString()).isEqualTo(status);
        assertThat(report.get("GeneratedDate").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d");
        Tally nation = tallies.national(contest);
        JsonNode contestNode = report.get("Election").get(0).get("Contest").get(0);
        List<Long> nationalVotes = new ArrayList<>();
        for (JsonNode selection : contestNode.get("ContestSelection")) {
            for (JsonNode vc : selection.get("VoteCounts")) {
                if (vc.get("GpUnitId").asString().equals("gp-nation")) {
                    nationalVotes.add(vc.get("Count").asLong());
                }
            }
        }
        assertThat(nationalVotes).isEqualTo(nation.votes()).isEqualTo(expected.nation().votes());
        JsonNode country = report.get("GpUnit").get(0);
        assertThat(country.get("Type").asString()).isEqualTo("country");
        assertThat(country.get("TotalSubUnits").asInt()).isEqualTo(stations.size());
        assertThat(country.get("SubUnitsReported").asInt()).isEqualTo(expected.nation().counted() + annulledStations());

        Document doc = xml(xml.body());
        assertThat(text(doc, "/e:ElectionReport/e:Status")).isEqualTo(status);
        Map<String, ExpectedTotals.Sum> units = new java.util.LinkedHashMap<>();
        units.put("gp-nation", expected.nation());
        map.regions(election.map().id()).forEach(r -> units.put("gp-region-" + ncName(r.code()), expected.region(r.code())));
        constituencies.forEach(c -> units.put("gp-constituency-" + ncName(c.code()), expected.constituency(c.code())));
        stations.stream().filter(PollingStation::isAbroad).map(s -> s.abroad().hostCountry()).distinct()
                .forEach(code -> units.put("gp-abroad-" + ncName(code), expected.country(code)));
        stations.forEach(s -> units.put("gp-station-" + ncName(s.code()), expected.station(s.code())));
        assertThat(units.keySet()).contains("gp-region-" + ncName(expected.regionOf(stations.get(3))),
                "gp-constituency-" + ncName(stations.get(3).constituencyCode()), "gp-station-" + ncName(stations.get(3).code()));
        assertThat(units.get("gp-station-" + ncName(stations.get(3).code())).counted()).isEqualTo(1);
        int withVotes = 0;
        for (var unit : units.entrySet()) {
            String id = unit.getKey();
            ExpectedTotals.Sum want = unit.getValue();
            assertThat(text(doc, "/e:ElectionReport/e:GpUnit[@ObjectId='" + id + "']/@ObjectId")).as(id + " in the XML").isEqualTo(id);
            JsonNode jsonUnit = jsonGpUnit(report, id);
            assertThat(jsonUnit).as(id + " in the JSON").isNotNull();
            String ballots = "/e:ElectionReport/e:Election/e:BallotCounts[e:GpUnitId='" + id + "']";
            String registered = "/e:ElectionReport/e:GpUnit[@ObjectId='" + id + "']/e:VotersRegistered";
            String participated = "/e:ElectionReport/e:GpUnit[@ObjectId='" + id + "']/e:VotersParticipated";
            if (want.counted() == 0) {
                assertThat(count(doc, ballots + "/e:BallotsCast")).as(id).isNull();
                assertThat(count(doc, registered)).as(id).isNull();
                for (int order = 1; order <= election.candidates().size(); order++) {
                    assertThat(xmlVotes(doc, order, id)).as(id).isNull();
                    assertThat(jsonVotes(report, order, id)).as(id).isNull();
                }
                continue;
            }
            withVotes++;
            for (int order = 1; order <= election.candidates().size(); order++) {
                assertThat(xmlVotes(doc, order, id)).as(id + " votes " + order + " (XML)").isEqualTo(want.votes(order));
                assertThat(jsonVotes(report, order, id)).as(id + " votes " + order + " (JSON)").isEqualTo(want.votes(order));
            }
            assertThat(count(doc, ballots + "/e:BallotsCast")).as(id).isEqualTo(want.valid() + want.invalid());
            assertThat(count(doc, ballots + "/e:BallotsRejected")).as(id).isEqualTo(want.invalid());
            JsonNode jsonBallots = null;
            for (JsonNode bc : report.get("Election").get(0).get("BallotCounts")) {
                if (bc.get("GpUnitId").asString().equals(id)) {
                    jsonBallots = bc;
                }
            }
            assertThat(jsonBallots).as(id).isNotNull();
            assertThat(jsonBallots.get("BallotsCast").asLong()).as(id).isEqualTo(want.valid() + want.invalid());
            assertThat(jsonBallots.get("BallotsRejected").asLong()).as(id).isEqualTo(want.invalid());
            assertThat(count(doc, registered)).as(id).isEqualTo(want.voters());
            assertThat(count(doc, participated)).as(id).isEqualTo(want.issued());
            assertThat(jsonUnit.get("VotersRegistered").asLong()).as(id).isEqualTo(want.voters());
            assertThat(jsonUnit.get("VotersParticipated").asLong()).as(id).isEqualTo(want.issued());
        }
        assertThat(withVotes).isGreaterThan(expected.nation().counted());
        // No VoteCounts for a unit we did not expect: every one in the XML is among those checked above.
        NodeList all = nodes(doc, "/e:ElectionReport/e:Election/e:Contest/e:ContestSelection/e:VoteCounts/e:GpUnitId");
        assertThat(all.getLength()).isEqualTo(withVotes * election.candidates().size());
        assertThat(new String(xml.body(), StandardCharsets.UTF_8))
                .contains("xmlns=\"" + "http://itl.nist.gov/ns/voting/1500-100/v2" + "\"", "<Status>" + status + "</Status>");
    }

    private int annulledStations() {
        return quarantinedProtocol != null && protocols.protocol(contest, quarantined.id().value()).orElseThrow().status()
                == ProtocolStatus.ANNULLED ? 1 : 0;
    }

    /** The rest of an ERR object id after its lettered prefix, as docs/open-data.md describes it. */
    private static String ncName(String code) {
        return code.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static JsonNode jsonGpUnit(JsonNode report, String id) {
        for (JsonNode unit : report.get("GpUnit")) {
            if (unit.get("@id").asString().equals(id)) {
                return unit;
            }
        }
        return null;
    }

    private static Long jsonVotes(JsonNode report, int ballotOrder, String gpUnit) {
        for (JsonNode selection : report.get("Election").get(0).get("Contest").get(0).get("ContestSelection")) {
            if (selection.get("SequenceOrder").asInt() == ballotOrder) {
                for (JsonNode vc : selection.get("VoteCounts")) {
                    if (vc.get("GpUnitId").asString().equals(gpUnit)) {
                        return vc.get("Count").asLong();
                    }
                }
            }
        }
        return null;
    }

    private static Long xmlVotes(Document doc, int ballotOrder, String gpUnit) {
        return count(doc, "/e:ElectionReport/e:Election/e:Contest/e:ContestSelection[e:SequenceOrder='" + ballotOrder
                + "']/e:VoteCounts[e:GpUnitId='" + gpUnit + "']/e:Count");
    }

    private static final javax.xml.namespace.NamespaceContext ERR = new javax.xml.namespace.NamespaceContext() {
        public String getNamespaceURI(String prefix) {
            return "e".equals(prefix) ? "http://itl.nist.gov/ns/voting/1500-100/v2" : javax.xml.XMLConstants.NULL_NS_URI;
        }

        public String getPrefix(String uri) {
            return null;
        }

        public java.util.Iterator<String> getPrefixes(String uri) {
            return List.<String>of().iterator();
        }
    };

    private static Document xml(byte[] bytes) {
        try {
            var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static NodeList nodes(Document doc, String xpath) {
        try {
            XPath x = XPathFactory.newInstance().newXPath();
            x.setNamespaceContext(ERR);
            return (NodeList) x.evaluate(xpath, doc, XPathConstants.NODESET);
        } catch (javax.xml.xpath.XPathExpressionException e) {
            throw new IllegalStateException(xpath, e);
        }
    }

    /** The text of the single node an XPath selects, null when it selects none. */
    private static String text(Document doc, String xpath) {
        NodeList found = nodes(doc, xpath);
        assertThat(found.getLength()).as(xpath).isLessThanOrEqualTo(1);
        return found.getLength() == 0 ? null : found.item(0).getTextContent();
    }

    private static Long count(Document doc, String xpath) {
        String text = text(doc, xpath);
        return text == null ? null : Long.parseLong(text.trim());
    }
}
