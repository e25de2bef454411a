package org.electora.registry.internal.register;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.electora.geography.PollingStation;
import org.electora.platform.CurrentStaff;
import org.electora.registry.internal.SyntheticPeople;
import org.electora.support.Api;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assignment by address, set-based: which rule wins for each address (house range over street over settlement, then
 * the narrower range, then the older rule), the report of addresses no rule covers, and a second run adding nobody.
 * Streets are unique to the run; the settlement-wide rule goes to the last settlement of the map, which no other
 * test expects uncovered.
 */
@ElectoraIntegrationTest
class AssignmentByAddressTest {

    private static final long SEED = 13_2026L;

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;
    @Autowired RegisterReference reference;
    @Autowired JdbcClient jdbc;

    private final SplittableRandom random = new SplittableRandom(SEED);

    @Test
    void eachVoterGetsTheMostSpecificRuleAndUncoveredStreetsAreReportedUntilARuleCoversThem() {
        ElectionFixture.Counting election = fixture.election(LocalDate.now().plusDays(50));
        long map = election.map().id().value();
        Api admin = Api.admin(port);
        CurrentStaff.runAsSystem(() -> {
            reference.seedSettlements(map);
            return null;
        });
        List<String> last = jdbc.sql("SELECT region, name FROM register_settlement WHERE map_version_id = ? ORDER BY region DESC, name DESC LIMIT 1")
                .param(map).query((rs, i) -> List.of(rs.getString(1), rs.getString(2))).single();
        String region = last.get(0);
        String settlement = last.get(1);
        List<PollingStation> stations = election.domestic();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String ranged = "Range street " + run;
        String plain = "Plain street " + run;
        String uncoveredStreet = "Lost street " + run;

        long wholeStreet = stations.get(0).id().value();
        long oneToTen = stations.get(1).id().value();
        long fiveToSeven = stations.get(2).id().value();
        long alsoFiveToSeven = stations.get(3).id().value();   // same width as 5-7, added later: loses the tie
        long plainStreet = stations.get(4).id().value();
        rule(admin, region, settlement, ranged, null, null, wholeStreet);
        rule(admin, region, settlement, ranged, 1, 10, oneToTen);
        rule(admin, region, settlement, ranged, 5, 7, fiveToSeven);
        rule(admin, region, settlement, ranged, 5, 7, alsoFiveToSeven);
        rule(admin, region, settlement, plain, null, null, plainStreet);

        Map<String, Long> expected = new LinkedHashMap<>();
        List<String> rows = new ArrayList<>();
        Map<String, String> houses = new LinkedHashMap<>();
        houses.put("3", ranged);      // 1-10
        houses.put("6a", ranged);     // 5-7 (the number before the letter), the older of the two
        houses.put("7", ranged);      // 5-7
        houses.put("12", ranged);     // outside every range: the whole street
        houses.put("b/n", ranged);    // no number: the whole street
        houses.put("1", plain);       // the plain street's rule
        Map<String, Long> byHouse = Map.of("3", oneToTen, "6a", fiveToSeven, "7", fiveToSeven, "12", wholeStreet,
                "b/n", wholeStreet, "1", plainStreet);
        houses.forEach((house, street) -> {
            String id = nationalId();
            rows.add(row(id, region, settlement, street, house));
            expected.put(id, byHouse.get(house));
        });
        String lost = nationalId();
        rows.add(row(lost, region, settlement, uncoveredStreet, "5"));
        importOk(admin, rows);
        String assignments = "/api/v1/register/assignments?election=" + election.election().id().value();

        var first = admin.post(assignments, Map.of());

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        expected.forEach((id, station) -> assertThat(stationOf(id, election)).as("voter at house %s", id).containsExactly(station));
        assertThat(stationOf(lost, election)).isEmpty();
        assertThat(first.json().get("uncovered").asLong()).isPositive();
        List<Map<String, Object>> uncovered = new ArrayList<>();
        first.json().get("uncoveredAddresses").forEach(a -> uncovered.add(Map.of("street", a.get("street").asString(),
                "settlement", a.get("settlement").asString(), "voters", a.get("voters").asLong())));
        assertThat(uncovered).contains(Map.of("street", uncoveredStreet, "settlement", settlement, "voters", 1L));
        assertThat(first.body()).doesNotContain(lost);

        // the settlement-wide rule covers the lost street; voters already on a list stay where they are
        rule(admin, region, settlement, null, null, null, stations.get(5).id().value());
        var second = admin.post(assignments, Map.of());
        var third = admin.post(assignments, Map.of());

        assertThat(second.status()).as(second.body()).isEqualTo(200);
        long settlementStation = jdbc.sql("""
                        SELECT station_id FROM assignment_rule WHERE map_version_id = ? AND region = ? AND settlement = ?
                          AND street IS NULL ORDER BY id LIMIT 1""")
                .params(map, region, settlement).query(Long.class).single();   // the oldest settlement-wide rule
        assertThat(stationOf(lost, election)).containsExactly(settlementStation);
        expected.forEach((id, station) -> assertThat(stationOf(id, election)).containsExactly(station));
        assertThat(third.json().get("assigned").asLong()).isZero();
        assertThat(third.json().get("onAList").asLong()).isEqualTo(second.json().get("onAList").asLong());
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE type = 'register.assigned' AND subject = ?")
                .param("election:" + election.election().id().value()).query(Long.class).single()).isEqualTo(3);
    }

    private List<Long> stationOf(String nationalId, ElectionFixture.Counting election) {
        return jdbc.sql("""
                        SELECT r.station_id FROM registration r JOIN voter v ON v.id = r.voter_id
                        WHERE v.national_id = ? AND r.election_id = ? AND r.active""")
                .params(nationalId, election.election().id().value()).query(Long.class).list();
    }

    private void rule(Api admin, String region, String settlement, String street, Integer from, Integer to, long station) {
        Map<String, Object> body = new HashMap<>(Map.of("region", region, "settlement", settlement, "stationId", station));
        body.put("street", street);
        body.put("houseFrom", from);
        body.put("houseTo", to);
        var r = admin.post("/api/v1/register/assignment-rules", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private void importOk(Api admin, List<String> rows) {
        var r = admin.postRaw("/api/v1/register/imports", "text/csv", RegisterCsv.HEADER + "\n" + String.join("\n", rows) + "\n");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private String row(String id, String region, String settlement, String street, String house) {
        return id + ",Əliyev,Tural,Rasim oglu,1975-05-05,M," + region + "," + settlement + "," + street + "," + house + ",,,,ACTIVE,,";
    }

    private String nationalId() {
        String digits = String.format("%08d", random.nextInt(100_000_000));
        return digits + SyntheticPeople.luhn(digits);
    }
}
