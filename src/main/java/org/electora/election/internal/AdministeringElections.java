package org.electora.election.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.electora.audit.AuditLog;
import org.electora.audit.Disposition;
import org.electora.election.Candidate;
import org.electora.election.CandidateAction;
import org.electora.election.CandidateId;
import org.electora.election.CandidateLifecycle;
import org.electora.election.CandidateTransition;
import org.electora.election.Contest;
import org.electora.election.ContestId;
import org.electora.election.Election;
import org.electora.election.ElectionAction;
import org.electora.election.ElectionAdministration;
import org.electora.election.ElectionCalendar;
import org.electora.election.ElectionId;
import org.electora.election.ElectionLifecycle;
import org.electora.election.ElectionStatus;
import org.electora.election.ElectionStatusChanged;
import org.electora.election.Milestone;
import org.electora.election.MilestoneTemplate;
import org.electora.election.Transition;
import org.electora.geography.ElectoralMap;
import org.electora.platform.AccessDenied;
import org.electora.platform.Conflict;
import org.electora.platform.CurrentStaff;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
import org.electora.platform.Problem;
import org.electora.platform.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The CEC's commands on elections. A refused lifecycle step is answered with a conflict but still leaves a
 * REJECTED audit event (nothing else is written before the check, so not rolling back is safe): who tried to
 * certify results out of turn is itself worth knowing.
 */
@Service
class AdministeringElections implements ElectionAdministration {

    static final String STALE_VERSION = "ELE-409";
    static final String BLANK_FIELD = "ELE-001";
    static final String UNKNOWN_MAP_VERSION = "ELE-002";
    static final String UNKNOWN_TEMPLATE = "ELE-003";
    static final String POLLS_CLOSE_BEFORE_OPEN = "ELE-004";
    static final String DONE_IN_FUTURE = "ELE-005";
    static final String DUPLICATE_CONTEST = "ELE-006";
    static final String POLLING_DAY_OUT_OF_RANGE = "ELE-007";
    static final String DONE_TOO_EARLY = "ELE-008";
    static final String CONTESTS_FIXED = "ELE-011";
    /** Polls are closed for the whole election only once the last station of the map has closed, by its own clock. */
    static final String STATIONS_STILL_POLLING = "ELE-012";
    static final String CANDIDATE_FIELD_BLANK = "CAN-003";
    static final String NOMINATIONS_CLOSED = "CAN-004";
    static final String DECISIONS_CLOSED = "CAN-005";

    // Ballots are printed during the campaign; no new contest or candidate after that, no decision once polls open.
    private static final Set<ElectionStatus> CONTESTS_OPEN = EnumSet.of(ElectionStatus.DRAFT, ElectionStatus.CALLED,
            ElectionStatus.NOMINATIONS);
    private static final Set<ElectionStatus> DECISIONS_OPEN = EnumSet.of(ElectionStatus.DRAFT, ElectionStatus.CALLED,
            ElectionStatus.NOMINATIONS, ElectionStatus.CAMPAIGN);

    /**
     * Polling days the platform takes: from 1990 (historic elections entered for comparison go back to the first
     * elections after independence) to the end of 2200. Outside it a date is a typo, and the far ends of Java's range
     * are not dates PostgreSQL can store.
     */
    static final LocalDate FIRST_POLLING_DAY = LocalDate.of(1990, 1, 1);
    static final LocalDate LAST_POLLING_DAY = LocalDate.of(2200, 12, 31);

    /**
     * How long before polling day a milestone can have been done: a year. The calendar's earliest step, calling a
     * regular election, is due 120 days before; a date further back is a typo (and "-999999999-01-01" is stored as
     * -infinity).
     */
    static final int MILESTONE_LEAD_YEARS = 1;

    private final JdbcClient jdbc;
    private final JdbcElections elections;
    private final ElectoralMap map;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final CapitalZones zones;
    private final Clock clock;

    AdministeringElections(JdbcClient jdbc, JdbcElections elections, ElectoralMap map, AuditLog audit,
                           ApplicationEventPublisher events, CapitalZones zones, Clock clock) {
        this.zones = zones;
        this.clock = clock;
        this.jdbc = jdbc;
        this.elections = elections;
        this.map = map;
        this.audit = audit;
        this.events = events;
    }

    @Override
    @Transactional
    public Election create(NewElection e) {
        requireAdministrator();
        var problems = new ArrayList<Problem>();
        if (e.name().isBlank()) {
            problems.add(Problem.at(0, BLANK_FIELD, "name", "the election needs a name"));
        }
        if (e.contestName().isBlank()) {
            problems.add(Problem.at(0, BLANK_FIELD, "contestName", "the contest needs a name"));
        }
        if (map.version(e.mapVersion()).isEmpty()) {
            problems.add(Problem.at(0, UNKNOWN_MAP_VERSION, "mapVersion", "no map version " + e.mapVersion()));
        }
        if (elections.template(e.templateCode()).isEmpty()) {
            problems.add(Problem.at(0, UNKNOWN_TEMPLATE, "templateCode", "no protocol template \"" + e.templateCode() + "\""));
        }
        if (!e.pollsClose().isAfter(e.pollsOpen())) {
            problems.add(Problem.at(0, POLLS_CLOSE_BEFORE_OPEN, "pollsClose",
                    "polls must close after they open (" + e.pollsOpen() + "–" + e.pollsClose() + ")"));
        }
        // A polling day in the past is allowed on purpose: historic elections are entered for comparison.
        if (e.pollingDay().isBefore(FIRST_POLLING_DAY) || e.pollingDay().isAfter(LAST_POLLING_DAY)) {
            problems.add(Problem.at(0, POLLING_DAY_OUT_OF_RANGE, "pollingDay", "the polling day " + e.pollingDay()
                    + " is outside " + FIRST_POLLING_DAY + " – " + LAST_POLLING_DAY));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        long id = jdbc.sql("""
                        INSERT INTO election (name, type, extraordinary, polling_day, polls_open, polls_close,
                                              map_version_id, status)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'DRAFT') RETURNING id""")
                .params(e.name().strip(), e.type().name(), e.extraordinary(), e.pollingDay(), e.pollsOpen(),
                        e.pollsClose(), e.mapVersion().value())
                .query(Long.class).single();
        long contestId = insertContest(id, e.contestName().strip(), e.templateCode());
        List<MilestoneTemplate> steps = ElectionCalendar.templates(e.extraordinary());
        for (int i = 0; i < steps.size(); i++) {
            MilestoneTemplate step = steps.get(i);
            jdbc.sql("""
                            INSERT INTO milestone (election_id, code, position, title, offset_days, due, responsible_body)
                            VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, step.code(), i + 1, step.title(), step.offsetDays(),
                            e.pollingDay().plusDays(step.offsetDays()), step.responsibleBody())
                    .update();
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("name", e.name().strip());
        payload.put("type", e.type().name());
        payload.put("extraordinary", e.extraordinary());
        payload.put("pollingDay", e.pollingDay().toString());
        payload.put("polls", e.pollsOpen() + "-" + e.pollsClose());
        payload.put("mapVersion", e.mapVersion().value());
        payload.put("contest", Map.of("id", contestId, "name", e.contestName().strip(), "template", e.templateCode()));
        payload.put("milestones", steps.size());
        audit.record("election.created", "election:" + id, payload);
        return elections.byId(new ElectionId(id)).orElseThrow();
    }

    @Override
    @Transactional(noRollbackFor = Conflict.class)
    public Election apply(ElectionId id, ElectionAction action, int expectedVersion) {
        requireAdministrator();
        Election before = existing(id);
        requireVersion(before.version(), expectedVersion, "Election " + id);
        Transition transition = ElectionLifecycle.apply(before.status(), action);
        if (transition instanceof Transition.Moved && action == ElectionAction.CLOSE_POLLS) {
            transition = stillPolling(before).orElse(transition);
        }
        return switch (transition) {
            case Transition.Refused refused -> {
                audit.record("election.transition-refused", "election:" + id, Disposition.REJECTED,
                        Map.of("action", action.name(), "status", before.status().name(), "rule", refused.ruleCode()));
                throw new Conflict(refused.ruleCode(), refused.reason());
            }
            case Transition.Moved moved -> {
                int updated = jdbc.sql("UPDATE election SET status = ?, version = version + 1 WHERE id = ? AND version = ?")
                        .params(moved.to().name(), id.value(), expectedVersion).update();
                if (updated == 0) {
                    throw stale("Election " + id, expectedVersion);
                }
                audit.record("election.status-changed", "election:" + id, Map.of("action", action.name(),
                        "from", moved.from().name(), "to", moved.to().name(), "version", expectedVersion + 1));
                events.publishEvent(new ElectionStatusChanged(id, moved.from(), moved.to()));
                yield existing(id);
            }
        };
    }

    /**
     * Closing the polls ends polling for the whole election: refused (ELE-012) while a station of the map is still
     * polling by its own clock — abroad, west of the capital, hours after the capital closed. Counting would otherwise
     * begin, and constituencies sign, before the last station has voted.
     */
    private Optional<Transition> stillPolling(Election election) {
        Set<ZoneId> zones = map.stationZones(election.mapVersionId());
        ZoneId capital = map.capitalZone(election.mapVersionId());
        Instant last = election.closedEverywhere(zones, capital);
        if (!clock.instant().isBefore(last)) {
            return Optional.empty();
        }
        ZoneId lastZone = zones.stream().filter(z -> election.closesAt(z).toInstant().equals(last))
                .min(Comparator.comparing(ZoneId::getId)).orElse(capital);
        return Optional.of(new Transition.Refused(election.status(), ElectionAction.CLOSE_POLLS, STATIONS_STILL_POLLING,
                "Stations are still polling: the last closes at " + election.pollsClose() + " " + lastZone.getId() + " ("
                        + last + ", " + last.atZone(capital).toLocalTime() + " in the capital); polls close for the election then"));
    }

    @Override
    @Transactional
    public Contest addContest(ElectionId id, String name, String templateCode) {
        requireAdministrator();
        Election election = lockedElection(id);
        var problems = new ArrayList<Problem>();
        if (name == null || name.isBlank()) {
            problems.add(Problem.at(0, BLANK_FIELD, "name", "the contest needs a name"));
        }
        if (templateCode == null || elections.template(templateCode).isEmpty()) {
            problems.add(Problem.at(0, UNKNOWN_TEMPLATE, "templateCode", "no protocol template \"" + templateCode + "\""));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        if (elections.contests(id).stream().anyMatch(c -> c.name().equals(name.strip()))) {
            throw new InvalidInput(List.of(Problem.at(0, DUPLICATE_CONTEST, "name",
                    "election " + id + " already has a contest \"" + name.strip() + "\"")));
        }
        if (!CONTESTS_OPEN.contains(election.status())) {
            throw new Conflict(CONTESTS_FIXED, "No new contest once the campaign has started (status "
                    + election.status() + ")");
        }
        long contestId = insertContest(id.value(), name.strip(), templateCode);
        audit.record("contest.added", "contest:" + contestId, Map.of("election", id.value(), "name", name.strip(),
                "template", templateCode));
        return elections.contest(new ContestId(contestId)).orElseThrow();
    }

    @Override
    @Transactional
    public Candidate nominate(ContestId contestId, NewCandidate c) {
        requireAdministrator();
        Contest contest = elections.contest(contestId).orElseThrow(() -> new NotFound("No contest " + contestId));
        Election election = lockedElection(contest.electionId());
        var problems = new ArrayList<Problem>();
        if (c.familyName().isBlank()) {
            problems.add(Problem.at(0, CANDIDATE_FIELD_BLANK, "familyName", "family name is required"));
        }
        if (c.givenName().isBlank()) {
            problems.add(Problem.at(0, CANDIDATE_FIELD_BLANK, "givenName", "given name is required"));
        }
        if (c.nominatedBy().isBlank()) {
            problems.add(Problem.at(0, CANDIDATE_FIELD_BLANK, "nominatedBy", "say who nominated the candidate"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        if (!CONTESTS_OPEN.contains(election.status())) {
            throw new Conflict(NOMINATIONS_CLOSED, "Nominations are closed (status " + election.status() + ")");
        }
        // The election row is locked above, so two nominations cannot take the same ballot position.
        long id = jdbc.sql("""
                        INSERT INTO candidate (election_id, contest_id, ballot_order, family_name, given_name, patronymic,
                                               nominated_by, status)
                        VALUES (?, ?, (SELECT coalesce(max(ballot_order), 0) + 1 FROM candidate WHERE contest_id = ?),
                                ?, ?, ?, ?, 'NOMINATED') RETURNING id""")
                .params(election.id().value(), contestId.value(), contestId.value(), c.familyName().strip(),
                        c.givenName().strip(), c.patronymic() == null || c.patronymic().isBlank() ? null : c.patronymic().strip(),
                        c.nominatedBy().strip())
                .query(Long.class).single();
        Candidate candidate = elections.candidate(new CandidateId(id)).orElseThrow();
        audit.record("candidate.nominated", "candidate:" + id, Map.of("contest", contestId.value(),
                "name", candidate.fullName(), "nominatedBy", candidate.nominatedBy(), "ballotOrder", candidate.ballotOrder()));
        return candidate;
    }

    @Override
    @Transactional(noRollbackFor = Conflict.class)
    public Candidate decide(CandidateId id, CandidateAction action, String reason, int expectedVersion) {
        requireAdministrator();
        Candidate before = elections.candidate(id).orElseThrow(() -> new NotFound("No candidate " + id));
        requireVersion(before.version(), expectedVersion, "Candidate " + id);
        Contest contest = elections.contest(before.contestId()).orElseThrow();
        Election election = existing(contest.electionId());
        if (!DECISIONS_OPEN.contains(election.status())) {
            throw new Conflict(DECISIONS_CLOSED, "No decisions on candidates once polls open (status "
                    + election.status() + ")");
        }
        return switch (CandidateLifecycle.apply(before.status(), action, reason)) {
            case CandidateTransition.Refused refused when refused.ruleCode().equals(CandidateLifecycle.REASON_REQUIRED) ->
                    throw new InvalidInput(List.of(Problem.at(0, refused.ruleCode(), "reason", refused.reason())));
            case CandidateTransition.Refused refused -> {
                audit.record("candidate.decision-refused", "candidate:" + id, Disposition.REJECTED,
                        Map.of("action", action.name(), "status", before.status().name(), "rule", refused.ruleCode()));
                throw new Conflict(refused.ruleCode(), refused.reason());
            }
            case CandidateTransition.Moved moved -> {
                String stated = moved.reason().isEmpty() ? null : moved.reason();
                int updated = jdbc.sql("""
                                UPDATE candidate SET status = ?, reason = coalesce(?, reason), version = version + 1
                                WHERE id = ? AND version = ?""")
                        .params(moved.to().name(), stated, id.value(), expectedVersion).update();
                if (updated == 0) {
                    throw stale("Candidate " + id, expectedVersion);
                }
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("name", before.fullName());
                payload.put("from", moved.from().name());
                payload.put("to", moved.to().name());
                payload.put("reason", moved.reason());
                audit.record("candidate." + moved.to().name().toLowerCase(java.util.Locale.ROOT), "candidate:" + id, payload);
                yield elections.candidate(id).orElseThrow();
            }
        };
    }

    @Override
    @Transactional
    public Milestone markMilestone(ElectionId id, String code, LocalDate doneOn) {
        requireAdministrator();
        Election election = existing(id);
        Milestone before = elections.calendar(id).stream().filter(m -> m.code().equals(code)).findFirst()
                .orElseThrow(() -> new NotFound("No milestone " + code + " in election " + id));
        LocalDate today = LocalDate.now(zones.of(election));
        if (doneOn != null && doneOn.isAfter(today)) {
            throw new InvalidInput(List.of(Problem.at(0, DONE_IN_FUTURE, "doneOn",
                    "a milestone cannot be done on " + doneOn + ", after today (" + today + ")")));
        }
        LocalDate earliest = election.pollingDay().minusYears(MILESTONE_LEAD_YEARS);
        if (doneOn != null && doneOn.isBefore(earliest)) {
            throw new InvalidInput(List.of(Problem.at(0, DONE_TOO_EARLY, "doneOn", "a milestone cannot be done on "
                    + doneOn + ", more than a year before polling day (" + election.pollingDay() + "); the earliest is "
                    + earliest)));
        }
        jdbc.sql("UPDATE milestone SET done_on = ? WHERE election_id = ? AND code = ?")
                .params(doneOn, id.value(), code).update();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("code", code);
        payload.put("before", before.doneOn() == null ? "" : before.doneOn().toString());
        payload.put("after", doneOn == null ? "" : doneOn.toString());
        audit.record(doneOn == null ? "milestone.reopened" : "milestone.done", "election:" + id, payload);
        return elections.calendar(id).stream().filter(m -> m.code().equals(code)).findFirst().orElseThrow();
    }

    private long insertContest(long electionId, String name, String templateCode) {
        return jdbc.sql("INSERT INTO contest (election_id, name, template_code) VALUES (?, ?, ?) RETURNING id")
                .params(electionId, name, templateCode).query(Long.class).single();
    }

    private Election existing(ElectionId id) {
        return elections.byId(id).orElseThrow(() -> new NotFound("No election " + id));
    }

    @Override
    @Transactional
    public void markHistoric(ElectionId id) {
        requireAdministrator();
        lockedElection(id);
        jdbc.sql("UPDATE election SET historic = true WHERE id = ?").param(id.value()).update();
        audit.record("election.marked-historic", "election:" + id.value(), Map.of("historic", true));
    }

    private Election lockedElection(ElectionId id) {
        return jdbc.sql("SELECT * FROM election WHERE id = ? FOR UPDATE").param(id.value())
                .query(JdbcElections::election).optional().orElseThrow(() -> new NotFound("No election " + id));
    }

    private static void requireVersion(int actual, int expected, String what) {
        if (actual != expected) {
            throw stale(what, expected);
        }
    }

    private static Conflict stale(String what, int expected) {
        return new Conflict(STALE_VERSION, what + " was changed by someone else (you had version " + expected
                + "); reload and try again");
    }

    private static void requireAdministrator() {
        if (CurrentStaff.require().role() != Role.CEC_ADMIN) {
            throw new AccessDenied("Only the CEC administrator may change elections");
        }
    }
}
