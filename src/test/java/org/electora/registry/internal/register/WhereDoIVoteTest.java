package org.electora.registry.internal.register;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.electora.geography.PollingStation;
import org.electora.registry.internal.SyntheticPeople;
import org.electora.support.Api;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lookup answers from memory (current election, station answers): what it keeps must never outlive a change —
 * a newly called election and an edited station show in the very next lookup.
 */
@ElectoraIntegrationTest
class WhereDoIVoteTest {

    private static final long SEED = 7_2026L;

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;
    @Autowired RegisterReference reference;
    @Autowired LookupRateLimiter limiter;
    @Autowired WhereDoIVote lookup;
    @Autowired JdbcClient jdbc;

    private final SplittableRandom random = new SplittableRandom(SEED);

    @BeforeEach
    void freshLimits() {
        limiter.reset();
    }

    @Test
    void aNewlyCalledElectionIsTheLookupsElectionAtOnce() {
        ElectionFixture.Counting first = fixture.election(LocalDate.now().plusDays(20));
        PollingStation a = first.domestic().get(5);
        PollingStation b = first.domestic().get(6);
        long voter = voter(first, "1991-03-14");
        register(first, voter, a);
        String id = nationalIdOf(voter);
        assertThat(lookup.lookup(id, "1991-03-14").station().name()).isEqualTo(a.name());

        ElectionFixture.Counting second = fixture.election(LocalDate.now().plusDays(21));
        register(second, voter, b);
        WhereDoIVote.Answer answer = lookup.lookup(id, "1991-03-14");

        assertThat(answer.electionName()).isEqualTo(second.election().name());
        assertThat(answer.station().name()).isEqualTo(b.name());
        assertThat(answer.station().hours().opens().toLocalDate()).isEqualTo(second.election().pollingDay());
    }

    @Test
    void anEditedStationShowsInTheNextLookup() {
        ElectionFixture.Counting election = fixture.election(LocalDate.now().plusDays(22));
        List<PollingStation> domestic = election.domestic();
        PollingStation station = domestic.get(domestic.size() - 2);
        long voter = voter(election, "1988-08-08");
        register(election, voter, station);
        String id = nationalIdOf(voter);
        assertThat(lookup.lookup(id, "1988-08-08").station().address()).isEqualTo(station.address());
        Api admin = Api.admin(port);

        var edited = admin.put("/api/v1/stations/" + station.id().value(), edit(station, "School No. 9, " + station.address(), 0));
        WhereDoIVote.Answer after = lookup.lookup(id, "1988-08-08");
        var restored = admin.put("/api/v1/stations/" + station.id().value(), edit(station, station.address(), 1));

        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(after.station().address()).isEqualTo("School No. 9, " + station.address());
        assertThat(restored.status()).as(restored.body()).isEqualTo(200);
        assertThat(lookup.lookup(id, "1988-08-08").station().address()).isEqualTo(station.address());
    }

    /** The station as it is, but for its address; {@code edits} earlier edits of this test. */
    private static Map<String, Object> edit(PollingStation station, String address, int edits) {
        Map<String, Object> body = new HashMap<>(Map.of("name", station.name(), "address", address,
                "version", station.version() + edits));
        body.put("latitude", station.coordinates() == null ? null : java.math.BigDecimal.valueOf(station.coordinates().latitude()));
        body.put("longitude", station.coordinates() == null ? null : java.math.BigDecimal.valueOf(station.coordinates().longitude()));
        body.put("capacity", station.capacity());
        return body;
    }

    private long voter(ElectionFixture.Counting election, String dateOfBirth) {
        SeededSettlement first = SeededSettlement.first(reference, jdbc, election.map().id().value());
        String digits = String.format("%08d", random.nextInt(100_000_000));
        String id = digits + SyntheticPeople.luhn(digits);
        var r = Api.admin(port).postRaw("/api/v1/register/imports", "text/csv", RegisterCsv.HEADER + "\n" + id
                + ",Rzayev,Orxan,Elman oglu," + dateOfBirth + ",M," + first.region() + "," + first.name() + ",Xatai street,3,,,,ACTIVE,,\n");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return jdbc.sql("SELECT id FROM voter WHERE national_id = ?").param(id).query(Long.class).single();
    }

    private String nationalIdOf(long voter) {
        return jdbc.sql("SELECT national_id FROM voter WHERE id = ?").param(voter).query(String.class).single();
    }

    private void register(ElectionFixture.Counting election, long voter, PollingStation station) {
        jdbc.sql("INSERT INTO registration (election_id, voter_id, station_id, reason) VALUES (?, ?, ?, 'RESIDENCE')")
                .params(election.election().id().value(), voter, station.id().value()).update();
    }
}
