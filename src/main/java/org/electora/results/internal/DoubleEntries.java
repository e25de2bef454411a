package org.electora.results.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.electora.audit.AuditLog;
import org.electora.election.Election;
import org.electora.election.Elections;
import org.electora.election.ProtocolLine;
import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.geography.PollingStationId;
import org.electora.platform.AccessDenied;
import org.electora.platform.Conflict;
import org.electora.platform.CurrentStaff;
import org.electora.platform.Digests;
import org.electora.platform.InvalidInput;
import org.electora.platform.PageNotice;
import org.electora.platform.StaffMember;
import org.electora.results.ProtocolSource;
import org.electora.results.ProtocolStatus;
import org.electora.results.ProtocolSubmission;
import org.electora.results.ProtocolView;
import org.electora.results.Protocols;
import org.electora.results.SubmissionOutcome;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Double entry of a paper protocol: two different operators key it independently; equal entries are submitted as
 * one {@link ProtocolSource#DOUBLE_ENTRY} version (which waits at VERIFIED for the supervisor's acceptance), different
 * ones wait for a supervisor who compares them line by line with the paper and submits the checked values.
 * Submission itself — role, scope, polls closed, relations, versions, tallies — is {@link Protocols#submit}'s.
 */
@Service
class DoubleEntries {

    /** The same operator keyed this protocol already: the second entry must come from someone else. */
    static final String SAME_OPERATOR = "RES-020";
    /** A supervisor who keyed one of the entries may not decide between them. */
    static final String RESOLVER_KEYED = "RES-021";
    /** Two entries already wait for the supervisor; a third is not taken. */
    static final String ENTRIES_WAITING = "RES-022";
    /** There is no mismatch to resolve (fewer than two entries, or they are equal). */
    static final String NOTHING_TO_RESOLVE = "RES-023";
    /** The station's protocol is accepted: its next version is an amendment with a reason, not a double entry. */
    static final String COUNTED = "RES-025";

    /** What a save of an entry led to. */
    sealed interface Outcome {
        /** The first entry is recorded; the protocol waits for a second operator. */
        record Waiting() implements Outcome {
        }

        /** Both entries are equal and were submitted as one version. */
        record Matched(SubmissionOutcome submitted) implements Outcome {
        }

        /** The entries differ in {@code differingRows} rows: a supervisor resolves them (the keyer is not shown which). */
        record Mismatched(int differingRows) implements Outcome {
        }
    }

    private final ElectoralMap map;
    private final Elections elections;
    private final ContestRules rules;
    private final EntryStore entries;
    private final ProtocolStore store;
    private final Protocols protocols;
    private final AuditLog audit;
    private final java.time.Clock clock;

    DoubleEntries(ElectoralMap map, Elections elections, ContestRules rules, EntryStore entries, ProtocolStore store,
                  Protocols protocols, AuditLog audit, java.time.Clock clock) {
        this.map = map;
        this.elections = elections;
        this.rules = rules;
        this.entries = entries;
        this.store = store;
        this.protocols = protocols;
        this.audit = audit;
        this.clock = clock;
    }

    private record Target(StaffMember staff, PollingStation station, ContestRules.Rules contest, Election election) {
    }

    private Target target(long contestId, long stationId, java.util.Set<org.electora.platform.Role> roles, String refusal) {
        StaffMember staff = CurrentStaff.require();
        if (!roles.contains(staff.role())) {
            throw new AccessDenied(refusal);
        }
        PollingStation station = map.station(new PollingStationId(stationId))
                .orElseThrow(() -> new InvalidInput("RES-001", "Unknown polling station " + stationId));
        CurrentStaff.requireScope(station.jurisdiction());
        ContestRules.Rules contest = rules.of(contestId)
                .orElseThrow(() -> new InvalidInput("RES-002", "Unknown contest " + contestId));
        Election election = elections.byId(contest.contest().electionId()).orElseThrow();
        if (!election.mapVersionId().equals(station.mapVersionId())) {
            throw new InvalidInput("RES-002", "Contest " + contestId + " is not held at station " + station.code());
        }
        return new Target(staff, station, contest, election);
    }

    /**
     * Keying is for a station's first protocol and for correcting one not yet counted. A new version of an accepted
     * protocol is an amendment: the commission decides it with its reason (RES-006), through the API, and it must
     * not be counted on two operators' equal keying alone (RES-025).
     */
    static void requireNotCounted(ProtocolView current) {
        if (current != null && closedToKeying(current.status())) {
            throw new Conflict(COUNTED, "The protocol of station " + current.stationCode() + " is accepted (version "
                    + current.version() + "): a new version of it is an amendment, which the commission submits with its"
                    + " reason, not a double entry");
        }
    }

    /** Accepted (or amended): a protocol no longer keyed, whose next version is an amendment with a reason. */
    static boolean closedToKeying(ProtocolStatus status) {
        return status == ProtocolStatus.ACCEPTED || status == ProtocolStatus.AMENDED;
    }

    /**
     * The checks of keying again, on the station's protocol row locked until the transaction ends: a supervisor's
     * acceptance, an amendment or the constituency's signature committed since the first look (or while this waited
     * for the station's entry lock) is seen, and one that comes later waits for this entry's commit. Without it, a
     * second entry racing the acceptance of the version it corrects was submitted onto the accepted protocol: an
     * amendment decided by two operators' keying (RES-025), and a resolution after an acceptance likewise.
     */
    private void requireStillKeyable(long contestId, long stationId) {
        ProtocolView locked = store.lockByStation(contestId, stationId).orElse(null);
        SubmittingProtocols.requireNotSigned(locked);
        requireNotCounted(locked);
    }

    @Transactional
    Outcome enter(long contestId, long stationId, Map<Integer, Long> lines, Map<Integer, Long> votes) {
        Target t = target(contestId, stationId, SubmittingProtocols.SUBMITTERS, "Your role may not key protocols");
        SubmittingProtocols.requireReceiving(t.election(), t.station(), clock.instant());
        ProtocolView current = protocols.protocol(contestId, stationId).orElse(null);
        SubmittingProtocols.requireNotSigned(current);
        requireNotCounted(current);
        long[] denseLines = SubmittingProtocols.denseLines(t.contest().template(), lines);
        long[] denseVotes = SubmittingProtocols.denseVotes(t.contest().ballotOrders(), votes);

        entries.lockStation(contestId, stationId);
        requireStillKeyable(contestId, stationId);
        List<Long> overtaken = entries.closeOvertaken(contestId, stationId, clock.instant());
        if (!overtaken.isEmpty()) {
            audit.record("protocol.entries-superseded", subject(contestId, stationId), Map.of("station", t.station().code(),
                    "entries", overtaken, "reason", "the protocol was counted after they were keyed"));
        }
        List<EntryStore.Entry> open = entries.open(contestId, stationId);
        String operator = t.staff().username();
        if (open.stream().anyMatch(e -> e.operator().equals(operator))) {
            throw new Conflict(SAME_OPERATOR, "You keyed the protocol of station " + t.station().code()
                    + " already; the second entry must be made by another operator");
        }
        if (open.size() >= 2) {
            throw new Conflict(ENTRIES_WAITING, "Two entries of station " + t.station().code()
                    + " already wait for the supervisor");
        }
        Instant now = clock.instant();
        long id = entries.insert(t.election().id().value(), contestId, stationId, t.station().constituencyId().value(),
                operator, denseLines, denseVotes, now);
        audit.record("protocol.entry-recorded", subject(contestId, stationId), Map.of("station", t.station().code(),
                "operator", operator, "entry", id, "round", open.size() + 1,
                "contentSha256", Digests.sha256(Arrays.toString(denseLines) + "|" + Arrays.toString(denseVotes))));
        if (open.isEmpty()) {
            return new Outcome.Waiting();
        }
        EntryStore.Entry first = open.getFirst();
        List<EntryRow> rows = rows(t, first, new EntryStore.Entry(id, operator, denseLines, denseVotes, now));
        List<EntryRow> differing = rows.stream().filter(EntryRow::differs).toList();
        if (differing.isEmpty()) {
            SubmissionOutcome submitted = submit(t, first.id(), id, lines, votes,
                    "double entry: equal entries keyed by " + first.operator() + " and " + operator);
            entries.close(contestId, stationId, submitted.version(), now);
            return new Outcome.Matched(submitted);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("station", t.station().code());
        payload.put("entryA", first.id());
        payload.put("entryB", id);
        payload.put("operators", List.of(first.operator(), operator));
        payload.put("differingRows", differing.stream().map(EntryRow::field).toList());
        audit.record("protocol.entry-mismatch", subject(contestId, stationId), payload);
        return new Outcome.Mismatched(differing.size());
    }

    /**
     * Refuses the caller's resolution of the station's double entry as {@link #resolve} would, before any value is
     * chosen: nothing to resolve (RES-023), or the caller keyed one of the entries (RES-021). The entry page shows a
     * mismatch only to a supervisor who may resolve it, so it asks here why there is none to show.
     */
    @Transactional(readOnly = true)
    void requireResolvable(long contestId, long stationId) {
        Target t = target(contestId, stationId, SubmittingProtocols.DECIDERS,
                "Only a constituency commission or the CEC resolves double entries");
        resolvable(t, contestId, stationId);
    }

    private List<EntryStore.Entry> resolvable(Target t, long contestId, long stationId) {
        List<EntryStore.Entry> open = entries.open(contestId, stationId);
        if (open.size() < 2 || rows(t, open.get(0), open.get(1)).stream().noneMatch(EntryRow::differs)) {
            throw new Conflict(NOTHING_TO_RESOLVE, "Station " + t.station().code() + " has no mismatched double entry to resolve");
        }
        String supervisor = t.staff().username();
        if (open.stream().anyMatch(e -> e.operator().equals(supervisor))) {
            throw new Conflict(RESOLVER_KEYED, "You keyed one of the two entries; another supervisor must resolve them");
        }
        return open;
    }

    /** A supervisor submits the values checked against the paper protocol as the version of a mismatched double entry. */
    @Transactional
    SubmissionOutcome resolve(long contestId, long stationId, Map<Integer, Long> lines, Map<Integer, Long> votes) {
        Target t = target(contestId, stationId, SubmittingProtocols.DECIDERS,
                "Only a constituency commission or the CEC resolves double entries");
        entries.lockStation(contestId, stationId);
        requireStillKeyable(contestId, stationId);
        List<EntryStore.Entry> open = resolvable(t, contestId, stationId);
        String supervisor = t.staff().username();
        SubmissionOutcome submitted = submit(t, open.get(0).id(), open.get(1).id(), lines, votes,
                "double-entry mismatch resolved by " + supervisor);
        Instant now = clock.instant();
        entries.close(contestId, stationId, submitted.version(), now);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("station", t.station().code());
        payload.put("supervisor", supervisor);
        payload.put("entries", List.of(open.get(0).id(), open.get(1).id()));
        payload.put("version", submitted.version());
        payload.put("status", submitted.status().name());
        audit.record("protocol.entry-resolved", subject(contestId, stationId), payload);
        return submitted;
    }

    @Transactional(readOnly = true)
    EntrySheet sheet(long contestId, long stationId) {
        Target t = target(contestId, stationId, SubmittingProtocols.SUBMITTERS, "Your role does not key protocols");
        PageNotice notReceiving = null;
        try {
            SubmittingProtocols.requireReceiving(t.election(), t.station(), clock.instant());
            ProtocolView current = protocols.protocol(contestId, stationId).orElse(null);
            SubmittingProtocols.requireNotSigned(current);
            requireNotCounted(current);
        } catch (Conflict c) {
            notReceiving = PageNotice.refused(c);
        }
        List<EntryStore.Entry> open = entries.open(contestId, stationId);
        String me = t.staff().username();
        boolean supervisor = SubmittingProtocols.DECIDERS.contains(t.staff().role());
        List<EntryRow> mismatch = List.of();
        // The numbers of an entry are shown to nobody while the other is still to be keyed, and only to a supervisor
        // who keyed neither entry afterwards: keying stays independent.
        if (supervisor && open.size() == 2 && open.stream().noneMatch(e -> e.operator().equals(me))) {
            List<EntryRow> rows = rows(t, open.get(0), open.get(1));
            if (rows.stream().anyMatch(EntryRow::differs)) {
                mismatch = rows;
            }
        }
        return new EntrySheet(t.election(), t.station(), contestId, t.contest().contest().name(), t.contest().template(),
                t.contest().ballotOrders(), elections.candidates(t.contest().contest().id()),
                protocols.protocol(contestId, stationId), open.size(), open.stream().anyMatch(e -> e.operator().equals(me)),
                supervisor, mismatch, notReceiving);
    }

    private SubmissionOutcome submit(Target t, long entryA, long entryB, Map<Integer, Long> lines, Map<Integer, Long> votes,
                                     String reason) {
        long contestId = t.contest().contest().id().value();
        long stationId = t.station().id().value();
        Integer expected = protocols.protocol(contestId, stationId).map(ProtocolView::version).orElse(null);
        // One submission id per pair of entries: a retried save of the same pair is an idempotent replay.
        UUID id = UUID.nameUUIDFromBytes(("double-entry:" + entryA + ":" + entryB).getBytes(StandardCharsets.UTF_8));
        return protocols.submit(new ProtocolSubmission(id, contestId, stationId, lines, votes, expected, reason),
                ProtocolSource.DOUBLE_ENTRY);
    }

    private List<EntryRow> rows(Target t, EntryStore.Entry a, EntryStore.Entry b) {
        List<EntryRow> rows = new ArrayList<>();
        for (ProtocolLine line : t.contest().template().lines()) {
            int i = line.number() - 1;
            rows.add(new EntryRow("line-" + line.number(), Integer.toString(line.number()), "line." + line.code(), line.name(),
                    a.lines()[i], b.lines()[i]));
        }
        Map<Integer, String> names = new LinkedHashMap<>();
        elections.candidates(t.contest().contest().id()).forEach(c -> names.put(c.ballotOrder(), c.fullName()));
        for (int order : t.contest().ballotOrders()) {
            rows.add(new EntryRow("vote-" + order, "C" + order, null, names.getOrDefault(order, ""), a.votes()[order - 1], b.votes()[order - 1]));
        }
        return rows;
    }

    private static String subject(long contestId, long stationId) {
        return "protocol-entry:" + contestId + ":" + stationId;
    }
}
