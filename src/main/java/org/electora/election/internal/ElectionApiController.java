package org.electora.election.internal;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.electora.election.CalendarProgress;
import org.electora.election.Candidate;
import org.electora.election.CandidateAction;
import org.electora.election.CandidateId;
import org.electora.election.Contest;
import org.electora.election.ContestId;
import org.electora.election.Election;
import org.electora.election.ElectionAction;
import org.electora.election.ElectionAdministration;
import org.electora.election.ElectionCalendar;
import org.electora.election.ElectionId;
import org.electora.election.ElectionType;
import org.electora.election.Elections;
import org.electora.election.Milestone;
import org.electora.election.MilestoneProgress;
import org.electora.election.ProtocolTemplate;
import org.electora.geography.MapVersionId;
import org.electora.platform.NotFound;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Elections over REST: public reads, CEC writes (the role is checked here and again in the service). */
@RestController
@RequestMapping("/api/v1")
class ElectionApiController {

    private final Elections elections;
    private final ElectionAdministration administration;
    private final CapitalZones zones;

    ElectionApiController(Elections elections, ElectionAdministration administration, CapitalZones zones) {
        this.elections = elections;
        this.administration = administration;
        this.zones = zones;
    }

    @GetMapping("/elections")
    List<Election> all() {
        return elections.all();
    }

    @GetMapping("/elections/{id}")
    Election one(@PathVariable long id) {
        return existing(id);
    }

    @GetMapping("/elections/{id}/contests")
    List<Contest> contests(@PathVariable long id) {
        return elections.contests(existing(id).id());
    }

    @GetMapping("/elections/{id}/contests/{contest}/candidates")
    List<Candidate> candidates(@PathVariable long id, @PathVariable long contest) {
        return elections.candidates(contestOf(existing(id), contest).id());
    }

    record CalendarEntry(String code, String title, LocalDate due, String responsibleBody, LocalDate doneOn,
                         MilestoneProgress progress) {
        static CalendarEntry of(Milestone m, LocalDate today) {
            return new CalendarEntry(m.code(), m.title(), m.due(), m.responsibleBody(), m.doneOn(), m.progress(today));
        }
    }

    /** Progress is told for today in the capital, where the CEC sits. */
    record CalendarView(LocalDate today, ZoneId zone, int done, int open, int late, int total, int percentDone,
                        List<CalendarEntry> milestones) {
    }

    @GetMapping("/elections/{id}/calendar")
    CalendarView calendar(@PathVariable long id) {
        Election election = existing(id);
        ZoneId zone = zones.of(election);
        LocalDate day = LocalDate.now(zone);
        List<Milestone> milestones = elections.calendar(election.id());
        CalendarProgress progress = ElectionCalendar.summarize(milestones, day);
        return new CalendarView(day, zone, progress.done(), progress.open(), progress.late(), progress.total(),
                progress.percentDone(), milestones.stream().map(m -> CalendarEntry.of(m, day)).toList());
    }

    @GetMapping("/protocol-templates")
    List<ProtocolTemplate> templates() {
        return elections.templates();
    }

    @GetMapping("/protocol-templates/{code}")
    ProtocolTemplate template(@PathVariable String code) {
        return elections.template(code).orElseThrow(() -> new NotFound("No protocol template " + code));
    }

    record NewElectionRequest(@NotBlank String name, @NotNull ElectionType type, boolean extraordinary,
                              @NotNull LocalDate pollingDay, @NotNull LocalTime pollsOpen, @NotNull LocalTime pollsClose,
                              @NotNull Long mapVersionId, @NotBlank String contestName, @NotBlank String templateCode) {
    }

    @PostMapping("/elections")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('CEC_ADMIN')")
    Election create(@Valid @RequestBody NewElectionRequest r) {
        return administration.create(new ElectionAdministration.NewElection(r.name(), r.type(), r.extraordinary(),
                r.pollingDay(), r.pollsOpen(), r.pollsClose(), new MapVersionId(r.mapVersionId()), r.contestName(),
                r.templateCode()));
    }

    record TransitionRequest(@NotNull ElectionAction action, @NotNull @PositiveOrZero Integer version) {
    }

    @PostMapping("/elections/{id}/transitions")
    @PreAuthorize("hasRole('CEC_ADMIN')")
    Election transition(@PathVariable long id, @Valid @RequestBody TransitionRequest r) {
        return administration.apply(new ElectionId(id), r.action(), r.version());
    }

    record NewContestRequest(@NotBlank String name, @NotBlank String templateCode) {
    }

    @PostMapping("/elections/{id}/contests")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('CEC_ADMIN')")
    Contest addContest(@PathVariable long id, @Valid @RequestBody NewContestRequest r) {
        return administration.addContest(new ElectionId(id), r.name(), r.templateCode());
    }

    record NewCandidateRequest(@NotBlank String familyName, @NotBlank String givenName, String patronymic,
                               @NotBlank String nominatedBy) {
    }

    @PostMapping("/elections/{id}/contests/{contest}/candidates")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('CEC_ADMIN')")
    Candidate nominate(@PathVariable long id, @PathVariable long contest, @Valid @RequestBody NewCandidateRequest r) {
        return administration.nominate(contestOf(existing(id), contest).id(),
                new ElectionAdministration.NewCandidate(r.familyName(), r.givenName(), r.patronymic(), r.nominatedBy()));
    }

    record DecisionRequest(@NotNull CandidateAction action, String reason, @NotNull @PositiveOrZero Integer version) {
    }

    @PostMapping("/candidates/{id}/decisions")
    @PreAuthorize("hasRole('CEC_ADMIN')")
    Candidate decide(@PathVariable long id, @Valid @RequestBody DecisionRequest r) {
        return administration.decide(new CandidateId(id), r.action(), r.reason(), r.version());
    }

    record MilestoneRequest(LocalDate doneOn) {
    }

    @PutMapping("/elections/{id}/calendar/{code}")
    @PreAuthorize("hasRole('CEC_ADMIN')")
    CalendarEntry markMilestone(@PathVariable long id, @PathVariable String code, @RequestBody MilestoneRequest r) {
        Election election = existing(id);
        Milestone milestone = administration.markMilestone(election.id(), code, r.doneOn());
        return CalendarEntry.of(milestone, LocalDate.now(zones.of(election)));
    }

    private Election existing(long id) {
        return elections.byId(new ElectionId(id)).orElseThrow(() -> new NotFound("No election " + id));
    }

    private Contest contestOf(Election election, long contest) {
        return elections.contest(new ContestId(contest)).filter(c -> c.electionId().equals(election.id()))
                .orElseThrow(() -> new NotFound("No contest " + contest + " in election " + election.id()));
    }
}
