package org.electora.publication.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.electora.election.ElectionAction;
import org.electora.election.ElectionStatus;
import org.electora.election.ElectionStatusChanged;
import org.electora.geography.PollingStation;
import org.electora.platform.CurrentStaff;
import org.electora.publication.Publishing;
import org.electora.publication.ResultsSnapshot;
import org.electora.publication.SnapshotContent;
import org.electora.results.ProtocolSource;
import org.electora.results.ProtocolStatus;
import org.electora.results.ProtocolSubmission;
import org.electora.results.Protocols;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.ProtocolBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electora.support.ProtocolBuilder.aProtocol;

/**
 * The scheduler's round (every {@code electora.publication.interval} in production; called by hand here, the tests'
 * interval being an hour): it publishes an election once something public changed in it — a counted protocol, a
 * quarantine, an annulment — and nothing when nothing did; an election still under embargo gets no snapshot.
 */
@ElectoraIntegrationTest
class PublicationSchedulerTest {

    @Autowired PublicationScheduler scheduler;
    @Autowired ElectionFixture fixture;
    @Autowired Protocols protocols;
    @Autowired Publishing publishing;
    @Autowired JdbcTemplate jdbc;

    @Test
    void aRoundPublishesWhatChangedAndNothingWhenNothingDid() {
        ElectionFixture.Counting election = fixture.counting();
        long electionId = election.election().id().value();
        long contest = election.contest().id().value();
        PollingStation first = election.domestic().get(0);
        PollingStation broken = election.domestic().get(1);
        PollingStation annulled = election.domestic().get(2);

        // Closing the polls marked it: the first round publishes it, with nothing counted yet.
        scheduler.publishDirty();
        ResultsSnapshot empty = publishing.latest(electionId).orElseThrow();
        assertThat(publishing.parsed(electionId, empty.sequence()).orElseThrow().nation().stationsCounted()).isZero();

        submit(contest, first, aProtocol().withVotes(500, 300, 100));
        submit(contest, annulled, aProtocol().withVotes(400, 200, 100));
        scheduler.publishDirty();
        ResultsSnapshot counted = publishing.latest(electionId).orElseThrow();
        assertThat(counted.sequence()).isEqualTo(empty.sequence() + 1);
        SnapshotContent content = publishing.parsed(electionId, counted.sequence()).orElseThrow();
        assertThat(content.nation().stationsCounted()).isEqualTo(2);
        assertThat(content.nation().votes()).containsExactly(900L, 500L, 200L);

        scheduler.publishDirty();
        assertThat(publishing.latest(electionId).orElseThrow().sequence()).as("nothing changed").isEqualTo(counted.sequence());

        var quarantined = submit(contest, broken, aProtocol().withLine(10, 999));
        assertThat(quarantined).isEqualTo(ProtocolStatus.QUARANTINED);
        scheduler.publishDirty();
        ResultsSnapshot afterQuarantine = publishing.latest(electionId).orElseThrow();
        assertThat(afterQuarantine.sequence()).isEqualTo(counted.sequence() + 1);
        assertThat(station(electionId, afterQuarantine, broken).protocolStatus()).isEqualTo("QUARANTINED");

        CurrentStaff.runAsSystem(() -> protocols.annul(protocols.protocol(contest, annulled.id().value()).orElseThrow().id(), 1,
                "Seal of the ballot box broken", "CEC 1/1"));
        scheduler.publishDirty();
        ResultsSnapshot afterAnnulment = publishing.latest(electionId).orElseThrow();
        assertThat(afterAnnulment.sequence()).isEqualTo(afterQuarantine.sequence() + 1);
        SnapshotContent last = publishing.parsed(electionId, afterAnnulment.sequence()).orElseThrow();
        assertThat(last.nation().stationsCounted()).isEqualTo(1);
        assertThat(last.nation().votes()).containsExactly(500L, 300L, 100L);
    }

    @Test
    void anElectionUnderEmbargoGetsNoSnapshot() {
        // Counting already, but its polls close tomorrow: the round tries it and publishes nothing (PUB-001). The
        // election module no longer lets polls close before the last station has (ELE-012), so the state is made in
        // the database, and the scheduler told of it as the status change would: the embargo is the second guard.
        ElectionFixture.Counting election = fixture.election(LocalDate.now(ZoneOffset.UTC).plusDays(1),
                ElectionAction.START_CAMPAIGN, ElectionAction.OPEN_POLLS);
        long id = election.election().id().value();
        assertThat(jdbc.update("UPDATE election SET status = 'COUNTING', version = version + 1 WHERE id = ?", id)).isOne();
        scheduler.on(new ElectionStatusChanged(election.election().id(), ElectionStatus.POLLING, ElectionStatus.COUNTING));

        scheduler.publishDirty();
        scheduler.publishDirty();

        assertThat(publishing.snapshots(election.election().id().value())).isEmpty();
    }

    private ProtocolStatus submit(long contest, PollingStation s, ProtocolBuilder p) {
        return CurrentStaff.runAsSystem(() -> protocols.submit(new ProtocolSubmission(UUID.randomUUID(), contest,
                s.id().value(), p.lines(), p.votesByBallotOrder(), null, null), ProtocolSource.ELECTRONIC)).status();
    }

    private SnapshotContent.Station station(long electionId, ResultsSnapshot snapshot, PollingStation s) {
        return publishing.parsed(electionId, snapshot.sequence()).orElseThrow().stations().stream()
                .filter(st -> st.code().equals(s.code())).findFirst().orElseThrow();
    }
}
