package org.electora.results.internal;

import java.util.List;
import java.util.function.Supplier;

import org.electora.geography.PollingStation;
import org.electora.platform.AccessDenied;
import org.electora.platform.Conflict;
import org.electora.platform.Role;
import org.electora.platform.Scope;
import org.electora.results.ProtocolAction;
import org.electora.results.ProtocolDecision;
import org.electora.results.ProtocolSource;
import org.electora.results.ProtocolStatus;
import org.electora.results.ProtocolVersion;
import org.electora.results.Protocols;
import org.electora.results.SubmissionOutcome;
import org.electora.support.AsStaff;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.ProtocolBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.electora.support.ProtocolBuilder.aProtocol;

/** Double entry of paper protocols: two operators, compared line by line, resolved by a supervisor. */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoubleEntryTest {

    @Autowired DoubleEntries entries;
    @Autowired Protocols protocols;
    @Autowired ElectionFixture fixture;
    @Autowired JdbcTemplate jdbc;
    @Autowired EntryStore entryStore;

    private ElectionFixture.Counting election;
    private long contest;

    @BeforeAll
    void election() {
        election = fixture.counting();
        contest = election.contest().id().value();
    }

    private static <T> T as(String username, Role role, Scope scope, Supplier<T> work) {
        return AsStaff.as(username, role, scope, work);
    }

    private DoubleEntries.Outcome key(String operator, PollingStation s, ProtocolBuilder p) {
        return as(operator, Role.PRECINCT_OPERATOR, new Scope.Station(s.id().value()),
                () -> entries.enter(contest, s.id().value(), p.lines(), p.votesByBallotOrder()));
    }

    private static Scope.Constituency constituencyOf(PollingStation s) {
        return new Scope.Constituency(s.constituencyId().value());
    }

    private long auditEvents(String type, PollingStation s) {
        return jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE type = ? AND subject = ?", Long.class,
                type, "protocol-entry:" + contest + ":" + s.id().value());
    }

    @Test
    void equalEntriesByTwoOperatorsAreVerifiedThenAcceptedBySupervisor() {
        PollingStation s = election.domestic().get(0);
        assertThat(key("de-a1", s, aProtocol().withVotes(400, 300, 200))).isInstanceOf(DoubleEntries.Outcome.Waiting.class);
        assertThat(protocols.protocol(contest, s.id().value())).isEmpty();

        var second = key("de-b1", s, aProtocol().withVotes(400, 300, 200));

        assertThat(second).isInstanceOf(DoubleEntries.Outcome.Matched.class);
        SubmissionOutcome submitted = ((DoubleEntries.Outcome.Matched) second).submitted();
        assertThat(submitted.status()).isEqualTo(ProtocolStatus.VERIFIED);
        ProtocolVersion v = protocols.versions(submitted.protocol()).getFirst();
        assertThat(v.source()).isEqualTo(ProtocolSource.DOUBLE_ENTRY);
        assertThat(v.votes()).containsEntry(1, 400L).containsEntry(3, 200L);

        var accepted = as("de-sup1", Role.CONSTITUENCY_OPERATOR, constituencyOf(s),
                () -> protocols.accept(submitted.protocol(), 1));
        assertThat(accepted.status()).isEqualTo(ProtocolStatus.ACCEPTED);
        assertThat(auditEvents("protocol.entry-recorded", s)).isEqualTo(2);
        assertThat(as("de-c1", Role.PRECINCT_OPERATOR, new Scope.Station(s.id().value()),
                () -> entries.sheet(contest, s.id().value())).openEntries()).isZero();

        // Accepted and counted: two operators keying other numbers equally would amend it with no commission's
        // decision and no reason. Keying is refused (RES-025), nothing is written, and the page offers no form.
        long entriesBefore = jdbc.queryForObject("SELECT count(*) FROM protocol_entry WHERE contest_id = ? AND station_id = ?",
                Long.class, contest, s.id().value());
        assertThatThrownBy(() -> key("de-a1b", s, aProtocol().withVotes(401, 300, 199)))
                .isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.ruleCode()).isEqualTo("RES-025"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM protocol_entry WHERE contest_id = ? AND station_id = ?",
                Long.class, contest, s.id().value())).isEqualTo(entriesBefore);
        assertThat(protocols.versions(submitted.protocol())).hasSize(1);
        EntrySheet sheet = as("de-c1b", Role.PRECINCT_OPERATOR, new Scope.Station(s.id().value()),
                () -> entries.sheet(contest, s.id().value()));
        assertThat(sheet.counted()).isTrue();
        assertThat(sheet.mayKey()).isFalse();
    }

    /**
     * An entry keyed while the station's protocol was still to come is left behind when the protocol is counted by
     * another path (the mission's electronic submission): its cycle can never end. It is no longer shown as waiting, and
     * if keying opens again (an amendment in quarantine) the same operator keys a new first entry, not a 500 on the
     * index of open entries.
     */
    @Test
    void anEntryOvertakenByACountedProtocolIsNoLongerOpenAndItsOperatorMayKeyAgainWhenKeyingReopens() {
        ElectionFixture.Counting other = fixture.counting();
        long c = other.contest().id().value();
        PollingStation s = other.domestic().getFirst();
        Scope.Station scope = new Scope.Station(s.id().value());
        assertThat(as("de-o1", Role.PRECINCT_OPERATOR, scope,
                () -> entries.enter(c, s.id().value(), aProtocol().lines(), aProtocol().votesByBallotOrder())))
                .isInstanceOf(DoubleEntries.Outcome.Waiting.class);

        SubmissionOutcome electronic = org.electora.platform.CurrentStaff.runAsSystem(() -> protocols.submit(
                new org.electora.results.ProtocolSubmission(java.util.UUID.randomUUID(), c, s.id().value(),
                        aProtocol().lines(), aProtocol().votesByBallotOrder(), null, null), ProtocolSource.ELECTRONIC));
        assertThat(electronic.status()).isEqualTo(ProtocolStatus.ACCEPTED);

        assertThat(as("de-o2", Role.PRECINCT_OPERATOR, scope, () -> entries.sheet(c, s.id().value())).openEntries()).isZero();
        assertThat(entryStore.openCounts(c, new long[]{s.id().value()})).isEmpty();

        // The commission amends the counted protocol with numbers that break a hard relation: quarantined, keyable again.
        SubmissionOutcome amended = org.electora.platform.CurrentStaff.runAsSystem(() -> protocols.submit(
                new org.electora.results.ProtocolSubmission(java.util.UUID.randomUUID(), c, s.id().value(),
                        aProtocol().withLine(8, 1).lines(), aProtocol().votesByBallotOrder(), 1, "Recount ordered"),
                ProtocolSource.ELECTRONIC));
        assertThat(amended.status()).isEqualTo(ProtocolStatus.QUARANTINED);

        assertThat(as("de-o1", Role.PRECINCT_OPERATOR, scope,
                () -> entries.enter(c, s.id().value(), aProtocol().lines(), aProtocol().votesByBallotOrder())))
                .as("the operator's old entry is superseded, this one starts a new cycle")
                .isInstanceOf(DoubleEntries.Outcome.Waiting.class);
        assertThat(jdbc.queryForList("SELECT operator, closed_version FROM protocol_entry WHERE contest_id = ? AND station_id = ?"
                + " ORDER BY id", c, s.id().value())).extracting(r -> r.get("closed_version")).containsExactly(2, null);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE type = 'protocol.entries-superseded' AND subject = ?",
                Long.class, "protocol-entry:" + c + ":" + s.id().value())).isEqualTo(1);
        assertThat(as("de-o2", Role.PRECINCT_OPERATOR, scope, () -> entries.sheet(c, s.id().value())).openEntries()).isOne();
    }

    @Test
    void theSameOperatorKeyingTwiceIsRefusedWithRes020() {
        PollingStation s = election.domestic().get(1);
        key("de-a2", s, aProtocol());

        assertThatThrownBy(() -> key("de-a2", s, aProtocol()))
                .isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.ruleCode()).isEqualTo("RES-020"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM protocol_entry WHERE contest_id = ? AND station_id = ?",
                Long.class, contest, s.id().value())).isEqualTo(1);
        assertThat(protocols.protocol(contest, s.id().value())).isEmpty();
    }

    @Test
    void differentEntriesAreShownLineByLineOnlyToASupervisorWhoResolvesThem() {
        PollingStation s = election.domestic().get(2);
        key("de-a3", s, aProtocol().withVotes(500, 300, 150));
        var second = key("de-b3", s, aProtocol().withVotes(500, 300, 150).withLine(6, 90));

        assertThat(second).isEqualTo(new DoubleEntries.Outcome.Mismatched(1));
        assertThat(protocols.protocol(contest, s.id().value())).isEmpty();
        assertThat(auditEvents("protocol.entry-mismatch", s)).isEqualTo(1);
        // the keyers never see the numbers of the other entry
        EntrySheet keyer = as("de-b3", Role.PRECINCT_OPERATOR, new Scope.Station(s.id().value()),
                () -> entries.sheet(contest, s.id().value()));
        assertThat(keyer.mismatch()).isEmpty();
        assertThat(keyer.mayKey()).isFalse();

        EntrySheet supervisor = as("de-sup3", Role.CONSTITUENCY_OPERATOR, constituencyOf(s),
                () -> entries.sheet(contest, s.id().value()));
        List<EntryRow> differing = supervisor.mismatch().stream().filter(EntryRow::differs).toList();
        assertThat(differing).containsExactly(new EntryRow("line-6", "6",
                "line." + supervisor.template().lines().get(5).code(), supervisor.template().lines().get(5).name(), 100, 90));
        assertThat(supervisor.mismatch()).hasSize(11 + 3);

        PollingStation elsewhere = election.domestic().stream()
                .filter(o -> !o.constituencyId().equals(s.constituencyId())).findFirst().orElseThrow();
        ProtocolBuilder checked = aProtocol().withVotes(500, 300, 150);
        assertThatThrownBy(() -> as("de-foreign", Role.CONSTITUENCY_OPERATOR, constituencyOf(elsewhere),
                () -> entries.resolve(contest, s.id().value(), checked.lines(), checked.votesByBallotOrder())))
                .isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> as("de-b3", Role.PRECINCT_OPERATOR, new Scope.Station(s.id().value()),
                () -> entries.resolve(contest, s.id().value(), checked.lines(), checked.votesByBallotOrder())))
                .isInstanceOf(AccessDenied.class);

        SubmissionOutcome resolved = as("de-sup3", Role.CONSTITUENCY_OPERATOR, constituencyOf(s),
                () -> entries.resolve(contest, s.id().value(), checked.lines(), checked.votesByBallotOrder()));

        assertThat(resolved.status()).isEqualTo(ProtocolStatus.VERIFIED);
        ProtocolVersion v = protocols.versions(resolved.protocol()).getFirst();
        assertThat(v.lines()).containsEntry(6, 100L);
        assertThat(v.reason()).isEqualTo("double-entry mismatch resolved by de-sup3");
        assertThat(v.submittedBy()).isEqualTo("de-sup3");
        assertThat(auditEvents("protocol.entry-resolved", s)).isEqualTo(1);
        assertThat(protocols.decisions(resolved.protocol())).extracting(ProtocolDecision::action)
                .containsExactly(ProtocolAction.VERIFY);
        assertThatThrownBy(() -> as("de-sup3", Role.CONSTITUENCY_OPERATOR, constituencyOf(s),
                () -> entries.resolve(contest, s.id().value(), checked.lines(), checked.votesByBallotOrder())))
                .isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.ruleCode()).isEqualTo("RES-023"));
    }

    @Test
    void aSupervisorWhoKeyedOneOfTheEntriesMayNotResolveThem() {
        PollingStation s = election.domestic().get(3);
        as("de-sup4", Role.CONSTITUENCY_OPERATOR, constituencyOf(s),
                () -> entries.enter(contest, s.id().value(), aProtocol().lines(), aProtocol().votesByBallotOrder()));
        key("de-b4", s, aProtocol().withVotes(1, 2, 3));

        assertThat(as("de-sup4", Role.CONSTITUENCY_OPERATOR, constituencyOf(s),
                () -> entries.sheet(contest, s.id().value())).mismatch()).isEmpty();
        assertThatThrownBy(() -> as("de-sup4", Role.CONSTITUENCY_OPERATOR, constituencyOf(s),
                () -> entries.resolve(contest, s.id().value(), aProtocol().lines(), aProtocol().votesByBallotOrder())))
                .isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.ruleCode()).isEqualTo("RES-021"));
    }

    @Test
    void anOperatorOutsideTheStationMayNotKeyIt() {
        PollingStation s = election.domestic().get(4);
        PollingStation other = election.domestic().get(5);
        assertThatThrownBy(() -> as("de-x", Role.PRECINCT_OPERATOR, new Scope.Station(other.id().value()),
                () -> entries.enter(contest, s.id().value(), aProtocol().lines(), aProtocol().votesByBallotOrder())))
                .isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> as("de-obs", Role.OBSERVER, new Scope.Organisation(1),
                () -> entries.sheet(contest, s.id().value())))
                .isInstanceOf(AccessDenied.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM protocol_entry WHERE contest_id = ? AND station_id = ?",
                Long.class, contest, s.id().value())).isZero();
    }

    @Test
    void nothingIsKeyedBeforePollsClose() {
        ElectionFixture.Counting open = fixture.election(java.time.LocalDate.now().plusDays(30),
                org.electora.election.ElectionAction.START_CAMPAIGN, org.electora.election.ElectionAction.OPEN_POLLS);
        PollingStation s = open.domestic().getFirst();
        long openContest = open.contest().id().value();
        assertThatThrownBy(() -> as("de-early", Role.PRECINCT_OPERATOR, new Scope.Station(s.id().value()),
                () -> entries.enter(openContest, s.id().value(), aProtocol().lines(), aProtocol().votesByBallotOrder())))
                .isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.ruleCode()).isEqualTo("RES-005"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM protocol_entry WHERE contest_id = ?", Long.class, openContest)).isZero();
    }
}
