package org.electora.results.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.electora.election.Election;
import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.geography.PollingStationId;
import org.electora.results.ProtocolSource;
import org.electora.results.ProtocolSubmission;
import org.electora.results.SubmissionOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for electronic submissions (ADR 0011). Each request still gets its own checks (as its sender), version,
 * lifecycle steps, audit event and answer, and is answered only after the commit that makes it durable; but the
 * protocols that arrive together share one transaction, which reads and writes them as a batch
 * ({@link RecordingSubmissions}): a few round trips and one WAL flush serve them all instead of a dozen each.
 * Submissions are partitioned by constituency between writers, so that two writers never wait for each other's
 * locks (a station's protocol row and its constituency's tally row always belong to the same writer).
 */
@Component
class GroupCommit implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private record Pending(ProtocolSubmission submission, ProtocolSource source, SecurityContext security,
                           CompletableFuture<SubmissionOutcome> result) {
    }

    private final SubmittingProtocols protocols;
    private final RecordingSubmissions recording;
    private final ElectoralMap map;
    private final Clock clock;
    private final TransactionTemplate batch;
    private final boolean enabled;
    private final int maxBatch;
    private final List<BlockingQueue<Pending>> queues = new ArrayList<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;

    GroupCommit(SubmittingProtocols protocols, RecordingSubmissions recording, ElectoralMap map, Clock clock,
                PlatformTransactionManager transactions,
                @Value("${electora.results.group-commit.enabled:true}") boolean enabled,
                @Value("${electora.results.group-commit.writers:1}") int writers,
                @Value("${electora.results.group-commit.max-batch:64}") int maxBatch) {
        this.protocols = protocols;
        this.recording = recording;
        this.map = map;
        this.clock = clock;
        this.batch = new TransactionTemplate(transactions);
        this.enabled = enabled;
        this.maxBatch = maxBatch;
        for (int i = 0; i < writers; i++) {
            queues.add(new LinkedBlockingQueue<>(10_000));
        }
    }

    /** Submits and waits for the durable answer; exceptions are those {@link Protocols#submit} would throw. */
    SubmissionOutcome submit(ProtocolSubmission submission, ProtocolSource source) {
        if (!enabled || !running) {
            return protocols.submit(submission, source);
        }
        int writer = queues.size() == 1 ? 0 : partition(submission.stationId());
        var pending = new Pending(submission, source, SecurityContextHolder.getContext(), new CompletableFuture<>());
        if (!queues.get(writer).offer(pending)) {
            return protocols.submit(submission, source);
        }
        try {
            return pending.result().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the commit", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("No commit within 60 s", e);
        }
    }

    private int partition(long stationId) {
        // An unknown station goes anywhere: the submission itself will refuse it.
        long key = stationId > 0 ? map.station(new PollingStationId(stationId)).map(PollingStation::constituencyId)
                .map(c -> c.value()).orElse(stationId) : 0;
        return (int) Math.floorMod(key, (long) queues.size());
    }

    private void write(BlockingQueue<Pending> queue) {
        List<Pending> pending = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                pending.add(first);
                queue.drainTo(pending, maxBatch - 1);
                commit(pending);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                pending.clear();
            }
        }
    }

    private void commit(List<Pending> pending) {
        RecordingSubmissions.Written[] outcomes = new RecordingSubmissions.Written[pending.size()];
        try {
            batch.executeWithoutResult(status -> {
                Map<Long, Election> electionsRead = new HashMap<>();
                List<SubmittingProtocols.Checked> checked = new ArrayList<>(pending.size());
                List<Integer> positions = new ArrayList<>(pending.size());
                for (int i = 0; i < pending.size(); i++) {
                    Pending p = pending.get(i);
                    // Each submission is checked as the person who sent it.
                    SecurityContextHolder.setContext(p.security());
                    try {
                        checked.add(protocols.check(p.submission(), p.source(), electionsRead));
                        positions.add(i);
                    } catch (RuntimeException refused) {
                        outcomes[i] = new RecordingSubmissions.Refused(refused);
                    } finally {
                        SecurityContextHolder.clearContext();
                    }
                }
                List<RecordingSubmissions.Written> written = recording.record(checked, clock.instant());
                for (int k = 0; k < written.size(); k++) {
                    outcomes[positions.get(k)] = written.get(k);
                }
            });
        } catch (RuntimeException commitFailed) {
            if (pending.size() > 1) {
                // Something no check foresaw (a protocol created at the same moment outside this writer): each
                // submission alone, so that one failure is answered to its own sender only.
                log.warn("A group commit of {} submissions failed ({}); committing them one by one", pending.size(),
                        commitFailed.getMessage());
                pending.forEach(p -> commit(List.of(p)));
                return;
            }
            pending.getFirst().result().completeExceptionally(commitFailed);
            return;
        }
        for (int i = 0; i < pending.size(); i++) {
            switch (outcomes[i]) {
                case RecordingSubmissions.Recorded recorded -> pending.get(i).result().complete(recorded.outcome());
                case RecordingSubmissions.Refused refused -> pending.get(i).result().completeExceptionally(refused.reason());
            }
        }
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < queues.size(); i++) {
            BlockingQueue<Pending> queue = queues.get(i);
            Thread writer = Thread.ofPlatform().name("protocol-writer-" + i).daemon().start(() -> write(queue));
            writers.add(writer);
        }
    }

    @Override
    public void stop() {
        running = false;
        for (Thread writer : writers) {
            try {
                writer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
