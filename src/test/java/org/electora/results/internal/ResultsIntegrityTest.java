package org.electora.results.internal;

import java.util.List;

import org.electora.geography.PollingStation;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database's own guarantees about results rows (V20): a protocol's election is its contest's and its
 * constituency its station's, and a station result exists only beside its station's protocol. Written past the
 * application on purpose: these hold whatever code writes the rows.
 */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultsIntegrityTest {

    @Autowired ElectionFixture fixture;
    @Autowired JdbcTemplate jdbc;

    private ElectionFixture.Counting election;
    private long electionId;
    private long contest;

    @BeforeAll
    void election() {
        election = fixture.counting();
        electionId = election.election().id().value();
        contest = election.contest().id().value();
    }

    private void insertProtocol(long electionId, long contestId, PollingStation station, long constituencyId) {
        jdbc.update("""
                        INSERT INTO protocol (election_id, contest_id, station_id, constituency_id, status, version, counted_version)
                        VALUES (?, ?, ?, ?, 'ACCEPTED', 1, 1)""",
                electionId, contestId, station.id().value(), constituencyId);
    }

    @Test
    void aProtocolsConstituencyMustBeItsStations() {
        List<PollingStation> stations = election.domestic();
        PollingStation station = stations.getFirst();
        long otherConstituency = stations.stream().map(s -> s.constituencyId().value())
                .filter(c -> c != station.constituencyId().value()).findFirst().orElseThrow();

        assertThatThrownBy(() -> insertProtocol(electionId, contest, station, otherConstituency))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("protocol_station_fkey");
    }

    @Test
    void aProtocolsElectionMustBeItsContests() {
        long otherElection = fixture.counting().election().id().value();
        PollingStation station = election.domestic().get(1);

        assertThatThrownBy(() -> insertProtocol(otherElection, contest, station, station.constituencyId().value()))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("protocol_contest_fkey");
    }

    @Test
    void aStationResultNeedsItsStationsProtocol() {
        PollingStation station = election.domestic().get(2);

        assertThatThrownBy(() -> jdbc.update("""
                        INSERT INTO station_result (contest_id, station_id, constituency_id, version, voters_on_list,
                                                    ballots_issued, valid, invalid, share_base, votes)
                        VALUES (?, ?, ?, 1, 100, 50, 48, 2, 48, '{30,18}')""",
                contest, station.id().value(), station.constituencyId().value()))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("station_result_protocol_fkey");
    }
}
