package org.electora.publication.internal;

import java.lang.ref.SoftReference;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.electora.audit.AuditLog;
import org.electora.election.Contest;
import org.electora.election.Election;
import org.electora.election.ElectionId;
import org.electora.election.ElectionStatus;
import org.electora.election.Elections;
import org.electora.geography.ElectoralMap;
import org.electora.platform.Conflict;
import org.electora.platform.Digests;
import org.electora.platform.NotFound;
import org.electora.publication.PublishOutcome;
import org.electora.publication.Publishing;
import org.electora.publication.ResultsSnapshot;
import org.electora.publication.SnapshotContent;
import org.electora.publication.SnapshotPublished;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes snapshots. Building and storing run in one REPEATABLE READ transaction: every read sees the same
 * committed state, so station rows and totals in a snapshot always agree. The next sequence is computed in the
 * insert. Publications of one election queue behind each other in this process (the scheduler's and an official's
 * "publish now" at the same moment): the second sees the first's snapshot and answers unchanged or publishes what
 * is newer. Two processes racing for one election collide on the primary key and the loser's (older or equal)
 * content is dropped — a snapshot never goes back in time.
 */
@Service
class PublishingResults implements Publishing {

    static final Set<ElectionStatus> PUBLISHED = EnumSet.of(ElectionStatus.COUNTING, ElectionStatus.RESULTS_CERTIFIED);

    /** The latest snapshot of an election with its bytes, so public reads cost one indexed max() query. */
    private record Cached(ResultsSnapshot snapshot, byte[] content) {
    }

    /**
     * The latest snapshot of an election, parsed, for the public pages: parsing is most of a page view's work (27 MB
     * of JSON for the 97,699 stations of the 2018 import). Held softly: with the map's stations the pages keep about
     * 200 MiB for that import (bench/pages.sh), which the collector may take back under pressure; the next view then
     * parses it again.
     */
    private record Parsed(int sequence, SoftReference<SnapshotContent> content) {
    }

    private final Elections elections;
    private final ElectoralMap map;
    private final SnapshotBuilder builder;
    private final SnapshotStore store;
    private final Embargo embargo;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Map<Long, Cached> latest = new ConcurrentHashMap<>();
    private final Map<Long, Parsed> parsedLatest = new ConcurrentHashMap<>();
    private final Map<Long, ReentrantLock> publishing = new ConcurrentHashMap<>();
    private final TransactionTemplate repeatableRead;

    PublishingResults(Elections elections, ElectoralMap map, SnapshotBuilder builder, SnapshotStore store, Embargo embargo,
                      AuditLog audit, ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions) {
        this.repeatableRead = new TransactionTemplate(transactions);
        this.repeatableRead.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.elections = elections;
        this.map = map;
        this.builder = builder;
        this.store = store;
        this.embargo = embargo;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public PublishOutcome publish(ElectionId electionId) {
        ReentrantLock lock = publishing.computeIfAbsent(electionId.value(), id -> new ReentrantLock());
        lock.lock();
        try {
            return repeatableRead.execute(status -> publishNow(electionId));
        } finally {
            lock.unlock();
        }
    }

    private PublishOutcome publishNow(ElectionId electionId) {
        Election election = elections.byId(electionId).orElseThrow(() -> new NotFound("No election " + electionId));
        if (!embargo.lifted(election)) {
            throw new Conflict("PUB-001", "Results of election " + electionId + " are under embargo until "
                    + embargo.liftsAt(election) + " (polls close at the last station, plus the configured embargo)");
        }
        if (!PUBLISHED.contains(election.status())) {
            throw new Conflict("PUB-003", "The election's status is " + election.status().words() + "; results are published while counting and once certified");
        }
        // One snapshot series per election: its first contest (a presidential election has one; see ADR 0010).
        Contest contest = elections.contests(electionId).getFirst();
        SnapshotContent content = builder.build(election, contest);
        byte[] bytes = CanonicalJson.bytes(content);
        String sha256 = Digests.sha256(bytes);
        Optional<ResultsSnapshot> previous = store.latest(electionId.value());
        if (previous.isPresent() && previous.get().sha256().equals(sha256)) {
            return new PublishOutcome.Unchanged(previous.get());
        }
        ZoneId zone = map.version(election.mapVersionId()).orElseThrow().capitalZone();
        ResultsSnapshot snapshot = store.insert(electionId.value(), contest.id().value(),
                OffsetDateTime.ofInstant(clock.instant(), zone), zone, content.status(), sha256, bytes);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("sequence", snapshot.sequence());
        payload.put("contest", contest.id().value());
        payload.put("status", snapshot.status().name());
        payload.put("sha256", sha256);
        payload.put("stationsCounted", content.nation().stationsCounted());
        payload.put("stationsAnnulled", content.nation().stationsAnnulled());
        payload.put("stationsExpected", content.nation().stationsExpected());
        audit.record("results.snapshot-published", "election:" + electionId.value() + ":snapshot:" + snapshot.sequence(), payload);
        events.publishEvent(new SnapshotPublished(electionId.value(), snapshot.sequence(), snapshot.status(), sha256));
        return new PublishOutcome.Published(snapshot);
    }

    @Override
    @Transactional(readOnly = true)
    public List<ResultsSnapshot> snapshots(long electionId) {
        return store.all(electionId);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ResultsSnapshot> latest(long electionId) {
        return latestCached(electionId).map(Cached::snapshot);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<byte[]> content(long electionId, int sequence) {
        Cached cached = latest.get(electionId);
        if (cached != null && cached.snapshot().sequence() == sequence) {
            return Optional.of(cached.content());
        }
        return store.content(electionId, sequence);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<SnapshotContent> parsed(long electionId, int sequence) {
        Parsed kept = parsedLatest.get(electionId);
        SnapshotContent hit = kept != null && kept.sequence() == sequence ? kept.content().get() : null;
        if (hit != null) {
            return Optional.of(hit);
        }
        Optional<SnapshotContent> parsed = content(electionId, sequence).map(CanonicalJson::parse);
        Cached newest = latest.get(electionId);
        if (parsed.isPresent() && newest != null && newest.snapshot().sequence() == sequence) {
            // Snapshots never change, so a parsed one is shared by every reader; an older one is not kept.
            parsedLatest.merge(electionId, new Parsed(sequence, new SoftReference<>(parsed.get())),
                    (old, now) -> old.sequence() > now.sequence() && old.content().get() != null ? old : now);
        }
        return parsed;
    }

    private Optional<Cached> latestCached(long electionId) {
        Optional<Integer> sequence = store.latestSequence(electionId);
        if (sequence.isEmpty()) {
            return Optional.empty();
        }
        Cached cached = latest.get(electionId);
        if (cached != null && cached.snapshot().sequence() == sequence.get()) {
            return Optional.of(cached);
        }
        ResultsSnapshot meta = store.meta(electionId, sequence.get()).orElseThrow();
        Cached loaded = new Cached(meta, store.content(electionId, sequence.get()).orElseThrow());
        latest.merge(electionId, loaded, (a, b) -> a.snapshot().sequence() >= b.snapshot().sequence() ? a : b);
        return Optional.of(loaded);
    }
}
