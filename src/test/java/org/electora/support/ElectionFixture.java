package org.electora.support;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.electora.election.Candidate;
import org.electora.election.CandidateAction;
import org.electora.election.Contest;
import org.electora.election.Election;
import org.electora.election.ElectionAction;
import org.electora.election.ElectionAdministration;
import org.electora.election.ElectionType;
import org.electora.election.Elections;
import org.electora.geography.ElectoralMap;
import org.electora.geography.MapVersion;
import org.electora.geography.PollingStation;
import org.electora.platform.CurrentStaff;
import org.springframework.stereotype.Component;

/**
 * Builds elections for tests on the small demo republic (loaded in every test context): a fresh election per test
 * class, so that tests never share protocols or totals.
 */
@Component
public class ElectionFixture {

    public record Counting(Election election, Contest contest, List<Candidate> candidates, MapVersion map,
                           List<PollingStation> domestic, List<PollingStation> abroad) {
    }

    private final ElectionAdministration administration;
    private final Elections elections;
    private final ElectoralMap map;

    public ElectionFixture(ElectionAdministration administration, Elections elections, ElectoralMap map) {
        this.administration = administration;
        this.elections = elections;
        this.map = map;
    }

    public MapVersion demoMap() {
        return map.versions().stream().filter(v -> v.name().contains("demo")).findFirst().orElseThrow();
    }

    /** An election on the demo map whose polling day is {@code pollingDay}, moved to {@code status}, with 3 candidates. */
    public Counting election(LocalDate pollingDay, ElectionAction... path) {
        return election(pollingDay, LocalTime.of(8, 0), LocalTime.of(19, 0), path);
    }

    /** As {@link #election(LocalDate, ElectionAction...)}, with its own poll hours. */
    public Counting election(LocalDate pollingDay, LocalTime pollsOpen, LocalTime pollsClose, ElectionAction... path) {
        return election(demoMap(), pollingDay, pollsOpen, pollsClose, path);
    }

    /** As {@link #election(LocalDate, LocalTime, LocalTime, ElectionAction...)}, on another map. */
    public Counting election(MapVersion version, LocalDate pollingDay, LocalTime pollsOpen, LocalTime pollsClose,
                             ElectionAction... path) {
        return CurrentStaff.runAsSystem(() -> {
            Election e = administration.create(new ElectionAdministration.NewElection("Test election " + UUID.randomUUID(),
                    ElectionType.PRESIDENTIAL, false, pollingDay, pollsOpen, pollsClose, version.id(),
                    "President", "CIS-PRESIDENTIAL-2024"));
            e = administration.apply(e.id(), ElectionAction.CALL, e.version());
            e = administration.apply(e.id(), ElectionAction.OPEN_NOMINATIONS, e.version());
            Contest contest = elections.contests(e.id()).getFirst();
            for (String name : List.of("Aliyeva", "Babayev", "Qasimov")) {
                Candidate c = administration.nominate(contest.id(), new ElectionAdministration.NewCandidate(name, "Test", null, "Party " + name));
                administration.decide(c.id(), CandidateAction.REGISTER, null, c.version());
            }
            for (ElectionAction action : path) {
                e = administration.apply(e.id(), action, e.version());
            }
            List<PollingStation> all = map.constituencies(version.id()).stream()
                    .flatMap(c -> map.stations(c.id()).stream()).toList();
            return new Counting(e, contest, elections.candidates(contest.id()), version,
                    all.stream().filter(s -> !s.isAbroad()).toList(), all.stream().filter(PollingStation::isAbroad).toList());
        });
    }

    /** An election whose polls closed two days ago everywhere, now counting. */
    public Counting counting() {
        return counting(demoMap());
    }

    /** As {@link #counting()}, on another map. */
    public Counting counting(MapVersion version) {
        return election(version, LocalDate.now(ZoneOffset.UTC).minusDays(2), LocalTime.of(8, 0), LocalTime.of(19, 0),
                ElectionAction.START_CAMPAIGN, ElectionAction.OPEN_POLLS, ElectionAction.CLOSE_POLLS);
    }
}
