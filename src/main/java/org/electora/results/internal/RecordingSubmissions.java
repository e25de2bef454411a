package org.electora.results.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.electora.audit.AuditLog;
import org.electora.audit.Disposition;
import org.electora.election.Violation;
import org.electora.platform.Conflict;
import org.electora.platform.InvalidInput;
import org.electora.results.ProtocolAccepted;
import org.electora.results.ProtocolAction;
import org.electora.results.ProtocolId;
import org.electora.results.ProtocolLifecycle;
import org.electora.results.ProtocolQuarantined;
import org.electora.results.ProtocolSource;
import org.electora.results.ProtocolStatus;
import org.electora.results.ProtocolView;
import org.electora.results.SubmissionOutcome;
import org.postgresql.util.PSQLException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records checked submissions in the caller's transaction, in order, with the effect of recording them one after the
 * other (ADR 0011): versions, the lifecycle steps they trigger, protocol rows, tallies and audit events. The database
 * is read and written per batch, not per submission — the submission ids seen before and the protocol rows (locked)
 * in one query each, then one batched statement per table — so that a group commit of many submissions costs a few
 * round trips instead of a dozen each. A single submission is a batch of one.
 */
@Component
class RecordingSubmissions {

    /** What became of one submission of a batch. */
    sealed interface Written permits Recorded, Refused {
    }

    record Recorded(SubmissionOutcome outcome) implements Written {
    }

    /** Refused with the 4xx it would have had alone; nothing of it is written. */
    record Refused(RuntimeException reason) implements Written {
    }

    private record Key(long contestId, long stationId) {
    }

    /** A station's protocol as the batch leaves it, starting from its locked row (absent for a first protocol). */
    private static final class Station {
        final SubmittingProtocols.Checked first;
        final ProtocolView before;
        long protocolId;
        int version;
        ProtocolStatus status;
        Integer countedVersion;
        TallyStore.Numbers counted;

        Station(SubmittingProtocols.Checked first, ProtocolView before) {
            this.first = first;
            this.before = before;
            if (before != null) {
                protocolId = before.id().value();
                version = before.version();
                status = before.status();
                countedVersion = before.countedVersion();
            }
        }

        boolean changed() {
            return before == null ? version > 0 : version != before.version();
        }
    }

    /** A version this batch records (or a replay it answers), completed once protocol ids are known. */
    private record Planned(Station station, SubmittingProtocols.Checked checked, int version, ProtocolStatus status,
                           List<Violation> violations, boolean replay, List<ResultsWriter.NewDecision> steps) {
    }

    private record Replayable(Station station, int version, String contentSha256, String reason, List<Violation> violations) {
    }

    private final ProtocolStore store;
    private final TallyStore tallies;
    private final ResultsWriter writer;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    RecordingSubmissions(ProtocolStore store, TallyStore tallies, ResultsWriter writer, AuditLog audit,
                         ApplicationEventPublisher events) {
        this.store = store;
        this.tallies = tallies;
        this.writer = writer;
        this.audit = audit;
        this.events = events;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    List<Written> record(List<SubmittingProtocols.Checked> batch, Instant now) {
        return record(batch, now, BatchPhases.NONE, false);
    }

    /**
     * As {@link #record(List, Instant)}, marking each phase's end in a writer's {@code phases}; {@code optimistic}
     * skips the look-up of the batch's submission ids when none of its stations has a protocol yet. A replay is then
     * impossible (its recorded version would have given the station a protocol), and an id already used at another
     * station for other numbers (RES-011) makes the insert of the version fail on the unique index of submission ids:
     * the caller must then record each submission again alone, not optimistic, which answers RES-011 to that one.
     * Election night is almost only first protocols: the look-up was a round trip in every batch for a case the
     * index catches anyway.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    List<Written> record(List<SubmittingProtocols.Checked> batch, Instant now, BatchPhases phases, boolean optimistic) {
        Map<Key, Station> stations = lockStations(batch);
        phases.done(BatchPhases.Phase.LOCK);
        boolean anyProtocol = stations.values().stream().anyMatch(st -> st.before != null);
        Map<UUID, Replayable> recorded = !optimistic || anyProtocol ? recordedBefore(batch, stations) : new HashMap<>();
        phases.done(BatchPhases.Phase.RECORDED);
        List<Written> written = new ArrayList<>(batch.size());
        List<Planned> planned = new ArrayList<>(batch.size());
        for (SubmittingProtocols.Checked c : batch) {
            try {
                Planned p = plan(c, stations, recorded);
                planned.add(p);
                written.add(null);
                if (!p.replay()) {
                    recorded.put(c.submission().clientSubmissionId(),
                            new Replayable(p.station(), p.version(), c.contentSha256(), c.submission().reason(),
                                    p.violations()));
                }
            } catch (InvalidInput | Conflict refused) {
                written.add(new Refused(refused));
            }
        }
        List<Planned> versions = planned.stream().filter(p -> !p.replay()).toList();
        phases.done(BatchPhases.Phase.PLAN);
        try {
            write(stations.values(), versions, now);
        } catch (DuplicateKeyException raced) {
            throw firstProtocolRaced(raced);
        }
        phases.done(BatchPhases.Phase.WRITE);
        audit.recordAll(versions.stream().map(RecordingSubmissions::auditEntry).toList());
        phases.done(BatchPhases.Phase.AUDIT);
        versions.forEach(this::publish);

        var plannedInOrder = planned.iterator();
        for (int i = 0; i < written.size(); i++) {
            if (written.get(i) == null) {
                Planned p = plannedInOrder.next();
                written.set(i, new Recorded(new SubmissionOutcome(new ProtocolId(p.station().protocolId), p.version(),
                        p.status(), p.violations(), p.replay())));
            }
        }
        return written;
    }

    /** The keys another transaction's first protocol of the same station takes first. */
    private static final Set<String> FIRST_PROTOCOL_KEYS = Set.of("protocol_contest_id_station_id_key", "station_result_pkey");

    /**
     * A station with no protocol row has nothing to lock: another transaction recording its first protocol at the
     * same moment (the group commit's writer and a double entry, each in its own) commits first, and this insert then
     * fails on the unique key. That is a stale version, as if this submission had come a moment later (409 RES-012,
     * and the transaction, rolled back, wrote nothing), not an error of the server; the group commit's writer records
     * the batch's submissions again one by one, each answered on its own.
     */
    private static RuntimeException firstProtocolRaced(DuplicateKeyException raced) {
        if (raced.getMostSpecificCause() instanceof PSQLException p && p.getServerErrorMessage() != null
                && FIRST_PROTOCOL_KEYS.contains(p.getServerErrorMessage().getConstraint())) {
            return new Conflict("RES-012", "Stale version: another protocol of the station was recorded at this moment;"
                    + " reload it first");
        }
        return raced;
    }

    private Map<Key, Station> lockStations(List<SubmittingProtocols.Checked> batch) {
        Map<Long, List<Long>> stationsByContest = new LinkedHashMap<>();
        batch.forEach(c -> stationsByContest.computeIfAbsent(c.submission().contestId(), k -> new ArrayList<>())
                .add(c.submission().stationId()));
        Map<Key, ProtocolView> locked = new HashMap<>();
        stationsByContest.forEach((contest, ids) -> store.lockAll(contest, ids.stream().mapToLong(Long::longValue).toArray())
                .forEach(p -> locked.put(new Key(p.contestId(), p.stationId()), p)));
        Map<Key, Station> stations = new LinkedHashMap<>();
        for (SubmittingProtocols.Checked c : batch) {
            Key key = new Key(c.submission().contestId(), c.submission().stationId());
            stations.computeIfAbsent(key, k -> new Station(c, locked.get(k)));
        }
        return stations;
    }

    private Map<UUID, Replayable> recordedBefore(List<SubmittingProtocols.Checked> batch, Map<Key, Station> stations) {
        Map<Long, List<UUID>> idsByElection = new LinkedHashMap<>();
        batch.forEach(c -> idsByElection.computeIfAbsent(c.election().id().value(), k -> new ArrayList<>())
                .add(c.submission().clientSubmissionId()));
        Map<UUID, Replayable> recorded = new HashMap<>();
        idsByElection.forEach((election, ids) -> store.bySubmissionIds(election, ids).forEach(v -> {
            // The version's own station: the same content always names the same station (it is in the digest).
            Station station = stations.get(new Key(v.contestId(), v.stationId()));
            recorded.put(v.clientSubmissionId(), new Replayable(station, v.number(), v.contentSha256(), v.reason(),
                    SubmittingProtocols.violations(v.violationsJson())));
        }));
        return recorded;
    }

    /** One submission's effect on its station, as if recorded alone after the ones before it in the batch. */
    private static Planned plan(SubmittingProtocols.Checked c, Map<Key, Station> stations, Map<UUID, Replayable> recorded) {
        var s = c.submission();
        Station station = stations.get(new Key(s.contestId(), s.stationId()));
        Replayable earlier = recorded.get(s.clientSubmissionId());
        if (earlier != null) {
            // The reason is published with the version: a replay that words it otherwise is another submission.
            if (!earlier.contentSha256().equals(c.contentSha256()) || !Objects.equals(earlier.reason(), s.reason())) {
                throw new Conflict("RES-011", "Submission id already used for different content (version " + earlier.version()
                        + " of another protocol, of other numbers or with another reason); a correction needs a new submission id");
            }
            return new Planned(earlier.station(), c, earlier.version(), earlier.station().status, earlier.violations(), true,
                    List.of());
        }
        SubmittingProtocols.requireNotSigned(station.before);
        List<ResultsWriter.NewDecision> steps = new ArrayList<>();
        ProtocolStatus status;
        if (station.version == 0) {
            if (s.expectedVersion() != null && s.expectedVersion() != 0) {
                throw new Conflict("RES-012", "Stale version: station " + c.station().code() + " has no protocol yet");
            }
            status = ProtocolStatus.ENTERED;
        } else {
            if (s.expectedVersion() == null || s.expectedVersion() != station.version) {
                throw new Conflict("RES-012", "Stale version: the protocol of station " + c.station().code() + " is at version "
                        + station.version + ", you sent " + s.expectedVersion() + "; reload it first");
            }
            ProtocolAction action = station.status == ProtocolStatus.ACCEPTED ? ProtocolAction.AMEND : ProtocolAction.CORRECT;
            if (action == ProtocolAction.AMEND && (s.reason() == null || s.reason().isBlank())) {
                throw new InvalidInput("RES-006", "A new version of an accepted protocol needs a reason");
            }
            status = step(steps, station.status, action, s.reason());
        }
        // Checks decide the next step; a clean electronic or imported protocol is accepted at once, a double-entered
        // one waits for the supervisor's acceptance.
        if (c.report().hasHardViolation()) {
            status = step(steps, status, ProtocolAction.QUARANTINE, null);
        } else {
            if (status == ProtocolStatus.ENTERED) {
                status = step(steps, status, ProtocolAction.VERIFY, null);
            }
            if (c.source() != ProtocolSource.DOUBLE_ENTRY || status == ProtocolStatus.AMENDED) {
                status = step(steps, status, ProtocolAction.ACCEPT, null);
            }
        }
        station.version++;
        station.status = status;
        if (ProtocolLifecycle.counted(status)) {
            station.countedVersion = station.version;
            station.counted = SubmittingProtocols.numbers(c.contest().template(), c.contest().ballotOrders(), c.lines(), c.votes());
        } else {
            station.countedVersion = null;
            station.counted = null;
        }
        return new Planned(station, c, station.version, status, c.report().violations(), false, steps);
    }

    private static ProtocolStatus step(List<ResultsWriter.NewDecision> steps, ProtocolStatus from, ProtocolAction action,
                                       String reason) {
        ProtocolStatus to = ProtocolLifecycle.require(from, action);
        steps.add(new ResultsWriter.NewDecision(action, from, to, reason));
        return to;
    }

    /**
     * Everything the batch changes as one {@link ResultsWriter#write}: a first protocol is inserted once, already in
     * the state its steps lead to (the steps are recorded beside it); each changed station leaves the totals with its
     * old counted numbers and joins them with its new ones.
     */
    private void write(Iterable<Station> stations, List<Planned> versions, Instant now) {
        ResultsWriter.Changes changes = new ResultsWriter.Changes(now);
        Map<Long, List<Long>> uncount = new LinkedHashMap<>();
        for (Station st : stations) {
            if (!st.changed()) {
                continue;
            }
            var c = st.first;
            long contest = c.submission().contestId();
            if (st.before == null) {
                changes.add(new ResultsWriter.NewProtocol(c.election().id().value(), contest, c.submission().stationId(),
                        c.station().constituencyId().value(), st.status, st.version, st.countedVersion));
            } else {
                changes.add(new ResultsWriter.ProtocolChange(st.protocolId, st.status, st.version, st.countedVersion));
            }
            Integer countedBefore = st.before == null ? null : st.before.countedVersion();
            if (Objects.equals(countedBefore, st.countedVersion)) {
                continue;
            }
            if (countedBefore != null) {
                uncount.computeIfAbsent(contest, k -> new ArrayList<>()).add(c.submission().stationId());
            }
            if (st.countedVersion != null) {
                var station = c.station();
                changes.count(contest, new ResultsWriter.Counted(station.id().value(), station.constituencyId().value(),
                        station.isAbroad() ? station.abroad().hostCountry() : null, st.countedVersion, st.counted));
            }
        }
        uncount.forEach((contest, stationIds) -> tallies.uncount(contest, stationIds, changes));
        for (Planned p : versions) {
            var c = p.checked();
            Long id = p.station().before == null ? null : p.station().protocolId;
            ResultsWriter.Key key = new ResultsWriter.Key(c.submission().contestId(), c.submission().stationId());
            changes.add(new ResultsWriter.NewVersion(id, key, p.version(), c.election().id().value(), c.lines(), c.votes(),
                    c.source(), c.submission().clientSubmissionId(), c.contentSha256(), c.actor(), c.submission().reason(),
                    SubmittingProtocols.JSON.writeValueAsString(p.violations())));
            p.steps().forEach(step -> changes.add(new ResultsWriter.DecisionRow(id, key, c.actor(), step, p.version(), null)));
        }
        Map<ResultsWriter.Key, Long> inserted = writer.write(changes);
        for (Station st : stations) {
            if (st.before == null && st.changed()) {
                st.protocolId = inserted.get(new ResultsWriter.Key(st.first.submission().contestId(), st.first.submission().stationId()));
            }
        }
    }

    private static AuditLog.Entry auditEntry(Planned p) {
        var c = p.checked();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("station", c.station().code());
        payload.put("contest", c.submission().contestId());
        payload.put("version", p.version());
        payload.put("status", p.status().name());
        payload.put("source", c.source().name());
        payload.put("contentSha256", c.contentSha256());
        payload.put("violations", c.report().ruleCodes());
        if (c.submission().reason() != null) {
            payload.put("reason", c.submission().reason());
        }
        return new AuditLog.Entry(c.actor(), "protocol.submitted", "protocol:" + p.station().protocolId, Disposition.SUCCESS,
                payload);
    }

    private void publish(Planned p) {
        var s = p.checked().submission();
        ProtocolId id = new ProtocolId(p.station().protocolId);
        if (ProtocolLifecycle.counted(p.status())) {
            events.publishEvent(new ProtocolAccepted(id, s.contestId(), s.stationId(), p.version()));
        } else if (p.status() == ProtocolStatus.QUARANTINED) {
            events.publishEvent(new ProtocolQuarantined(id, s.contestId(), s.stationId(), p.version(), p.checked().report().ruleCodes()));
        }
    }
}
