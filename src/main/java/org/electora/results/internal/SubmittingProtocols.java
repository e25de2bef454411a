package org.electora.results.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.electora.audit.AuditLog;
import org.electora.election.CheckReport;
import org.electora.election.Election;
import org.electora.election.ElectionStatus;
import org.electora.election.Elections;
import org.electora.election.ProtocolTemplate;
import org.electora.election.ProtocolValues;
import org.electora.election.Violation;
import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.geography.PollingStationId;
import org.electora.platform.AccessDenied;
import org.electora.platform.Conflict;
import org.electora.platform.CurrentStaff;
import org.electora.platform.Digests;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
import org.electora.platform.Problem;
import org.electora.platform.Role;
import org.electora.platform.Scope;
import org.electora.platform.StaffMember;
import org.electora.results.ProtocolAccepted;
import org.electora.results.ProtocolAction;
import org.electora.results.ProtocolAnnulled;
import org.electora.results.ProtocolDecision;
import org.electora.results.ProtocolId;
import org.electora.results.ProtocolLifecycle;
import org.electora.results.ProtocolScan;
import org.electora.results.ProtocolSource;
import org.electora.results.ProtocolStatus;
import org.electora.results.ProtocolSummary;
import org.electora.results.ProtocolSubmission;
import org.electora.results.ProtocolVersion;
import org.electora.results.ProtocolView;
import org.electora.results.Protocols;
import org.electora.results.StationDecision;
import org.electora.results.SubmissionOutcome;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receives protocols: who may submit for which station and when, what the template's relations say, which version
 * counts, and the tallies — all in the transaction of the submission.
 */
@Service
class SubmittingProtocols implements Protocols {

    static final long MAX_SCAN_BYTES = 10L * 1024 * 1024;
    static final Set<Role> SUBMITTERS = EnumSet.of(Role.PRECINCT_OPERATOR, Role.CONSULAR_OFFICER,
            Role.CONSTITUENCY_OPERATOR, Role.CEC_ADMIN);
    static final Set<Role> DECIDERS = EnumSet.of(Role.CONSTITUENCY_OPERATOR, Role.CEC_ADMIN);
    /** Who reads protocols, their versions and scans (within scope); observers and the press read published snapshots. */
    static final Set<Role> READERS = EnumSet.of(Role.PRECINCT_OPERATOR, Role.CONSULAR_OFFICER,
            Role.CONSTITUENCY_OPERATOR, Role.CEC_ADMIN, Role.AUDITOR);
    static final Set<ElectionStatus> RECEIVING = EnumSet.of(ElectionStatus.POLLING, ElectionStatus.COUNTING);
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final ElectoralMap map;
    private final Elections elections;
    private final ContestRules rules;
    private final ProtocolStore store;
    private final TallyStore tallies;
    private final ResultsWriter writer;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final RecordingSubmissions recording;
    private final Clock clock;

    SubmittingProtocols(ElectoralMap map, Elections elections, ContestRules rules, ProtocolStore store, TallyStore tallies,
                        ResultsWriter writer, AuditLog audit, ApplicationEventPublisher events, RecordingSubmissions recording,
                        Clock clock) {
        this.map = map;
        this.elections = elections;
        this.rules = rules;
        this.store = store;
        this.tallies = tallies;
        this.writer = writer;
        this.audit = audit;
        this.events = events;
        this.recording = recording;
        this.clock = clock;
    }

    /**
     * What the sender's own thread can check without the database (ADR 0011): who submits, for which station and
     * contest, and the template's relations over the numbers. A refusal of the numbers is kept, not thrown, so that
     * the election's checks ({@link #check(Prepared, Map)}) still come first, as they would for a submission alone.
     */
    record Prepared(ProtocolSubmission submission, ProtocolSource source, String actor, PollingStation station,
                    ContestRules.Rules contest, long[] lines, long[] votes, String contentSha256, CheckReport report,
                    InvalidInput numbersRefused) {
    }

    /**
     * A submission checked against everything that does not depend on the protocol rows it will change: who submits,
     * for which station, in which election and when, and the template's relations over its numbers.
     */
    record Checked(ProtocolSubmission submission, ProtocolSource source, String actor, PollingStation station,
                   ContestRules.Rules contest, Election election, long[] lines, long[] votes, String contentSha256,
                   CheckReport report) {
    }

    @Override
    @Transactional
    public SubmissionOutcome submit(ProtocolSubmission s, ProtocolSource source) {
        return submit(prepare(s, source));
    }

    /** Records one submission already checked on this thread ({@link #prepare}) in its own transaction, as a batch of one. */
    @Transactional
    SubmissionOutcome submit(Prepared prepared) {
        Checked checked = check(prepared, new HashMap<>());
        return switch (recording.record(List.of(checked), clock.instant()).getFirst()) {
            case RecordingSubmissions.Recorded recorded -> recorded.outcome();
            case RecordingSubmissions.Refused refused -> throw refused.reason();
        };
    }

    /**
     * Checks one submission for the person signed in on this thread, from the map and the contest's rules alone
     * (both cached); throws the refusal (a 4xx).
     */
    Prepared prepare(ProtocolSubmission s, ProtocolSource source) {
        StaffMember staff = CurrentStaff.requireRole(SUBMITTERS, "Your role may not submit protocols");
        requireFit(s.reason(), null);
        PollingStation station = map.station(new PollingStationId(s.stationId()))
                .orElseThrow(() -> new InvalidInput("RES-001", "Unknown polling station " + s.stationId()));
        CurrentStaff.requireScope(station.jurisdiction());
        ContestRules.Rules contest = rules.of(s.contestId())
                .orElseThrow(() -> new InvalidInput("RES-002", "Unknown contest " + s.contestId()));
        ProtocolTemplate template = contest.template();
        long[] lines;
        long[] votes;
        try {
            lines = denseLines(template, s.lines());
            votes = denseVotes(contest.ballotOrders(), s.votes());
        } catch (InvalidInput refused) {
            return new Prepared(s, source, staff.username(), station, contest, null, null, null, null, refused);
        }
        return new Prepared(s, source, staff.username(), station, contest, lines, votes,
                contentSha256(s.contestId(), s.stationId(), lines, votes),
                template.check(values(contest.ballotOrders(), lines, votes)), null);
    }

    /**
     * Completes a prepared submission with its election, read in the caller's transaction once per transaction
     * through {@code electionsRead}: the election's status and the station's closing time decide whether protocols
     * are received. Throws the refusal (a 4xx).
     */
    Checked check(Prepared p, Map<Long, Election> electionsRead) {
        var s = p.submission();
        Election election = electionsRead.computeIfAbsent(p.contest().contest().electionId().value(),
                id -> elections.byId(p.contest().contest().electionId()).orElseThrow());
        if (!election.mapVersionId().equals(p.station().mapVersionId())) {
            throw new InvalidInput("RES-002", "Contest " + s.contestId() + " is not held at station " + p.station().code());
        }
        requireReceiving(election, p.station(), clock.instant());
        if (p.numbersRefused() != null) {
            throw p.numbersRefused();
        }
        return new Checked(s, p.source(), p.actor(), p.station(), p.contest(), election, p.lines(), p.votes(),
                p.contentSha256(), p.report());
    }

    /** Protocols are received while polling and counting, and at a station only once its polls have closed. */
    static void requireReceiving(Election election, PollingStation station, Instant now) {
        if (!RECEIVING.contains(election.status())) {
            throw new Conflict("RES-007", "The election's status is " + election.status().words() + "; protocols are received while polling and counting");
        }
        PollingHours.requireClosed(election, station.timeZone(), station.code(), now);
    }

    /**
     * A protocol whose constituency signed its summary protocol is final (409 RES-033): the signed totals, and the
     * certified result that adds them up, must stay the sum of the station protocols they were signed over.
     */
    static void requireNotSigned(ProtocolView protocol) {
        if (protocol != null && protocol.summarySigned()) {
            throw new Conflict("RES-033", "The summary protocol of the constituency of station " + protocol.stationCode()
                    + " is signed: its stations' protocols are final");
        }
    }

    /** Lines as an array in template order; a missing, extra or negative line rejects the whole submission. */
    static long[] denseLines(ProtocolTemplate template, Map<Integer, Long> given) {
        List<Problem> problems = new ArrayList<>();
        Set<Integer> expected = template.lineNumbers();
        for (Integer n : new TreeSet<>(given.keySet())) {
            if (!expected.contains(n)) {
                problems.add(Problem.at(0, ProtocolTemplate.UNKNOWN_LINE, "lines." + n, "line " + n + " is not on template " + template.code()));
            }
        }
        long[] lines = new long[expected.stream().mapToInt(Integer::intValue).max().orElse(0)];
        for (int n : expected) {
            Long v = given.get(n);
            if (v == null) {
                problems.add(Problem.at(0, ProtocolTemplate.MISSING_LINE, "lines." + n, "line " + n + " is missing"));
            } else if (v < 0) {
                problems.add(Problem.at(0, ProtocolTemplate.NEGATIVE_VALUE, "lines." + n, "line " + n + " is negative: " + v));
            } else if (v > ProtocolTemplate.MAX_COUNT) {
                problems.add(Problem.at(0, ProtocolTemplate.TOO_LARGE, "lines." + n, "line " + n + " is over "
                        + ProtocolTemplate.MAX_COUNT + ": " + v));
            } else {
                lines[n - 1] = v;
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        return lines;
    }

    static long[] denseVotes(List<Integer> ballotOrders, Map<Integer, Long> given) {
        List<Problem> problems = new ArrayList<>();
        for (Integer order : new TreeSet<>(given.keySet())) {
            if (!ballotOrders.contains(order)) {
                problems.add(Problem.at(0, "RES-004", "votes." + order, "no registered candidate has ballot order " + order));
            }
        }
        long[] votes = new long[ballotOrders.isEmpty() ? 0 : ballotOrders.getLast()];
        for (int order : ballotOrders) {
            Long v = given.get(order);
            if (v == null) {
                problems.add(Problem.at(0, "RES-003", "votes." + order, "votes for candidate " + order + " are missing"));
            } else if (v < 0) {
                problems.add(Problem.at(0, ProtocolTemplate.NEGATIVE_VALUE, "votes." + order, "votes for candidate " + order + " are negative: " + v));
            } else if (v > ProtocolTemplate.MAX_COUNT) {
                problems.add(Problem.at(0, ProtocolTemplate.TOO_LARGE, "votes." + order, "votes for candidate " + order
                        + " are over " + ProtocolTemplate.MAX_COUNT + ": " + v));
            } else {
                votes[order - 1] = v;
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        return votes;
    }

    /** What identifies a protocol's content (idempotency: the same submission id must carry the same content). */
    static String contentSha256(long contestId, long stationId, long[] lines, long[] votes) {
        return Digests.sha256(contestId + "|" + stationId + "|" + join(lines) + "|" + join(votes));
    }

    static ProtocolValues values(List<Integer> ballotOrders, long[] lines, long[] votes) {
        Map<Integer, Long> l = new HashMap<>();
        for (int i = 0; i < lines.length; i++) {
            l.put(i + 1, lines[i]);
        }
        Map<String, Long> v = new HashMap<>();
        for (int order : ballotOrders) {
            v.put(Integer.toString(order), votes[order - 1]);
        }
        return new ProtocolValues(l, v);
    }

    static TallyStore.Numbers numbers(ProtocolTemplate t, List<Integer> ballotOrders, long[] lines, long[] votes) {
        return new TallyStore.Numbers(lines[t.votersOnListLine() - 1], sum(lines, t.ballotsIssuedLines()),
                lines[t.validBallotsLine() - 1], lines[t.invalidBallotsLine() - 1], sum(lines, t.shareDenominatorLines()), votes);
    }

    private static long sum(long[] lines, List<Integer> numbers) {
        return numbers.stream().mapToLong(n -> lines[n - 1]).sum();
    }

    private static String join(long[] values) {
        return java.util.Arrays.stream(values).mapToObj(Long::toString).collect(Collectors.joining(","));
    }

    static List<Violation> violations(String json) {
        return JSON.readValue(json, new TypeReference<List<Violation>>() { });
    }

    // ---- decisions ----

    @Override
    @Transactional
    public ProtocolView accept(ProtocolId protocol, int expectedVersion) {
        return decide(protocol, expectedVersion, ProtocolAction.ACCEPT, null, null);
    }

    @Override
    @Transactional
    public ProtocolView release(ProtocolId protocol, int expectedVersion, String reason, String decisionReference) {
        requireText(reason, "RES-008", "reason", "A release from quarantine needs the reason of the decision");
        requireFit(reason, decisionReference);
        return decide(protocol, expectedVersion, ProtocolAction.RELEASE, reason, decisionReference);
    }

    @Override
    @Transactional
    public ProtocolView annul(ProtocolId protocol, int expectedVersion, String reason, String decisionReference) {
        requireDecision("RES-009", reason, "An annulment needs its reason", decisionReference,
                "An annulment needs the reference of the commission's decision");
        requireFit(reason, decisionReference);
        return decide(protocol, expectedVersion, ProtocolAction.ANNUL, reason, decisionReference);
    }

    /** The longest reason a version or a decision may give: it is published with the protocol, on every snapshot. */
    static final int MAX_REASON = 2_000;
    /** The longest reference of a commission's decision ("CEC decision 45/301 of 12 February"). */
    static final int MAX_REFERENCE = 200;

    /** A reason and a decision reference fit on a public page (RES-037); either may be absent here. */
    static void requireFit(String reason, String reference) {
        List<Problem> problems = new ArrayList<>();
        if (reason != null && reason.length() > MAX_REASON) {
            problems.add(Problem.at(0, "RES-037", "reason", "The reason is " + reason.length() + " characters long; at most "
                    + MAX_REASON + " are published"));
        }
        if (reference != null && reference.length() > MAX_REFERENCE) {
            problems.add(Problem.at(0, "RES-037", "decisionReference", "The decision reference is " + reference.length()
                    + " characters long; at most " + MAX_REFERENCE));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
    }

    /** A recorded decision names its reason and its reference; a missing one is a 422 with {@code code} for each. */
    static void requireDecision(String code, String reason, String noReason, String reference, String noReference) {
        List<Problem> problems = new ArrayList<>();
        if (reason == null || reason.isBlank()) {
            problems.add(Problem.at(0, code, "reason", noReason));
        }
        if (reference == null || reference.isBlank()) {
            problems.add(Problem.at(0, code, "decisionReference", noReference));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
    }

    private static void requireText(String value, String code, String field, String message) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(List.of(Problem.at(0, code, field, message)));
        }
    }

    /**
     * No such protocol: a 404 to national staff; to staff of a narrower scope the 403 a protocol outside it gets, word
     * for word, so that trying ids tells them nothing of how many protocols other stations have sent.
     */
    static RuntimeException noProtocol(StaffMember staff, Object id) {
        return staff.scope() instanceof Scope.National ? new NotFound("No protocol " + id)
                : new AccessDenied("Outside your scope (" + staff.scope().kind() + ")");
    }

    private ProtocolView decide(ProtocolId id, int expectedVersion, ProtocolAction action, String reason, String reference) {
        StaffMember staff = CurrentStaff.requireRole(DECIDERS, "Only a constituency commission or the CEC decides on protocols");
        ProtocolView p = store.lock(id.value()).orElseThrow(() -> noProtocol(staff, id));
        PollingStation station = map.station(new PollingStationId(p.stationId())).orElseThrow();
        CurrentStaff.requireScope(station.jurisdiction());
        requireNotSigned(p);
        if (p.version() != expectedVersion) {
            throw new Conflict("RES-012", "Stale version: protocol " + id + " is at version " + p.version());
        }
        ProtocolStatus next = ProtocolLifecycle.require(p.status(), action);
        ResultsWriter.Changes changes = new ResultsWriter.Changes(clock.instant())
                .add(new ResultsWriter.DecisionRow(p.id().value(), null, staff.username(),
                        new ResultsWriter.NewDecision(action, p.status(), next, reason), p.version(), reference));
        boolean counted = ProtocolLifecycle.counted(next);
        changes.add(new ResultsWriter.ProtocolChange(p.id().value(), next, p.version(), counted ? p.version() : null));
        if (ProtocolLifecycle.counted(p.status()) && !counted) {
            tallies.uncount(p.contestId(), List.of(p.stationId()), changes);
        }
        if (counted && !ProtocolLifecycle.counted(p.status())) {
            ContestRules.Rules contest = rules.of(p.contestId()).orElseThrow();
            ProtocolStore.StoredVersion v = store.version(p.id().value(), p.version()).orElseThrow();
            changes.count(p.contestId(), new ResultsWriter.Counted(p.stationId(), p.constituencyId(),
                    station.isAbroad() ? station.abroad().hostCountry() : null, p.version(),
                    numbers(contest.template(), contest.ballotOrders(), v.lines(), v.votes())));
        }
        writer.write(changes);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("station", station.code());
        payload.put("version", p.version());
        payload.put("from", p.status().name());
        payload.put("to", next.name());
        if (reason != null) {
            payload.put("reason", reason);
        }
        if (reference != null) {
            payload.put("decisionReference", reference);
        }
        audit.record("protocol." + action.name().toLowerCase(java.util.Locale.ROOT), "protocol:" + id, payload);
        if (counted) {
            events.publishEvent(new ProtocolAccepted(id, p.contestId(), p.stationId(), p.version()));
        } else if (next == ProtocolStatus.ANNULLED) {
            events.publishEvent(new ProtocolAnnulled(id, p.contestId(), p.stationId(), reference));
        }
        return store.byId(id.value()).orElseThrow();
    }

    @Override
    @Transactional
    public String attachScan(ProtocolId protocol, int version, String mediaType, byte[] content) {
        StaffMember staff = CurrentStaff.requireRole(SUBMITTERS, "Your role may not attach scans");
        // Locked: a signature of the constituency's summary protocol either came before (and is seen) or waits.
        ProtocolView p = store.lock(protocol.value()).orElseThrow(() -> noProtocol(staff, protocol));
        PollingStation station = map.station(new PollingStationId(p.stationId())).orElseThrow();
        CurrentStaff.requireScope(station.jurisdiction());
        requireNotSigned(p);
        ProtocolStore.StoredVersion stored = store.version(protocol.value(), version)
                .orElseThrow(() -> new NotFound("No version " + version + " of protocol " + protocol));
        if (content == null || content.length == 0 || content.length > MAX_SCAN_BYTES) {
            throw new InvalidInput("RES-013", "A scan must be between 1 byte and " + MAX_SCAN_BYTES / (1024 * 1024) + " MiB");
        }
        String detected = ScanTypes.detect(content)
                .orElseThrow(() -> new InvalidInput("RES-014", "A scan must be a PDF, JPEG or PNG file"));
        if (mediaType != null && !mediaType.startsWith(detected)) {
            throw new InvalidInput("RES-014", "The file is " + detected + " but was sent as " + mediaType);
        }
        String sha256 = Digests.sha256(content);
        if (stored.scanSha256() != null) {
            // Published with the version, the scan's SHA-256 is what observers check the paper against: it is never
            // replaced. The same file again is answered as attached; another needs a new version of the protocol.
            if (stored.scanSha256().equals(sha256)) {
                return sha256;
            }
            throw new Conflict("RES-036", "Version " + version + " of protocol " + protocol + " already has a scan (SHA-256 "
                    + stored.scanSha256() + "); a scan is never replaced: submit a new version with its own scan");
        }
        store.saveScan(sha256, detected, content);
        store.linkScan(protocol.value(), version, sha256);
        audit.record("protocol.scan-attached", "protocol:" + protocol, Map.of("version", version, "sha256", sha256,
                "mediaType", detected, "bytes", content.length));
        return sha256;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ProtocolScan> publishedScan(String sha256) {
        return store.scan(sha256).map(scan -> new ProtocolScan(sha256, scan.mediaType(), scan.content()));
    }

    // ---- reads ----

    @Override
    @Transactional(readOnly = true)
    public Optional<ProtocolScan> scan(ProtocolId protocol, int version) {
        ProtocolView p = readable(protocol);
        ProtocolStore.StoredVersion v = store.version(protocol.value(), version)
                .orElseThrow(() -> new NotFound("No version " + version + " of protocol " + protocol));
        return Optional.ofNullable(v.scanSha256()).flatMap(store::scan)
                .map(scan -> new ProtocolScan(v.scanSha256(), scan.mediaType(), scan.content()));
    }

    /** The protocol, if the caller's role reads protocols and its scope covers the station; else 403 (or 404). */
    ProtocolView readable(ProtocolId protocol) {
        StaffMember staff = CurrentStaff.requireRole(READERS, "Your role does not read protocols; published results are open data");
        ProtocolView p = store.byId(protocol.value()).orElseThrow(() -> new NotFound("No protocol " + protocol));
        CurrentStaff.requireScope(map.station(new PollingStationId(p.stationId())).orElseThrow().jurisdiction());
        return p;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ProtocolView> protocol(ProtocolId protocol) {
        return store.byId(protocol.value());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ProtocolView> protocol(long contestId, long stationId) {
        return store.byStation(contestId, stationId);
    }

    @Override
    @Transactional(readOnly = true)
    public List<ProtocolVersion> versions(ProtocolId protocol) {
        Optional<ProtocolView> p = store.byId(protocol.value());
        if (p.isEmpty()) {
            return List.of();
        }
        List<Integer> orders = rules.of(p.get().contestId()).map(ContestRules.Rules::ballotOrders).orElse(List.of());
        return store.versions(protocol.value()).stream().map(v -> new ProtocolVersion(v.number(), numbered(v.lines()),
                ballotOrdered(orders, v.votes()), v.source(), v.submittedBy(), v.submittedAt().atOffset(java.time.ZoneOffset.UTC),
                v.reason(), v.contentSha256(), v.scanSha256(), violations(v.violationsJson()))).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<ProtocolDecision> decisions(ProtocolId protocol) {
        return store.decisions(protocol.value());
    }

    @Override
    @Transactional(readOnly = true)
    public List<StationDecision> notableDecisions(long contestId) {
        return store.notableDecisions(contestId);
    }

    @Override
    @Transactional(readOnly = true)
    public List<ProtocolSummary> ofContest(long contestId) {
        List<Integer> orders = rules.of(contestId).map(ContestRules.Rules::ballotOrders).orElse(List.of());
        return store.ofContest(contestId).stream().map(c -> new ProtocolSummary(c.protocol().stationId(),
                c.protocol().stationCode(), c.protocol().constituencyId(), c.protocol().status(), c.protocol().version(),
                c.protocol().countedVersion(), c.lines() == null ? Map.of() : numbered(c.lines()),
                c.votes() == null ? Map.of() : ballotOrdered(orders, c.votes()), c.scanSha256())).toList();
    }

    private static Map<Integer, Long> numbered(long[] values) {
        Map<Integer, Long> m = new LinkedHashMap<>();
        IntStream.range(0, values.length).forEach(i -> m.put(i + 1, values[i]));
        return m;
    }

    private static Map<Integer, Long> ballotOrdered(List<Integer> orders, long[] votes) {
        Map<Integer, Long> m = new LinkedHashMap<>();
        IntStream.range(0, votes.length).filter(i -> orders.isEmpty() || orders.contains(i + 1)).forEach(i -> m.put(i + 1, votes[i]));
        return m;
    }
}
