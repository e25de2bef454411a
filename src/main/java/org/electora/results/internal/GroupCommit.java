package org.electora.results.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.geography.PollingStationId;
import org.electora.results.ProtocolSource;
import org.electora.results.ProtocolSubmission;
import org.electora.results.Protocols;
import org.electora.results.SubmissionOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for electronic submissions (ADR 0011). Each request still gets its own checks, savepoint, version,
 * audit event and answer, and is answered only after the commit that makes it durable; but the protocols that
 * arrive together share one transaction, so one WAL flush (fsync) serves many of them instead of one each.
 * Submissions are partitioned by constituency between writers, so that two writers never wait for each other's
 * locks (a station's protocol row and its constituency's tally row always belong to the same writer).
 */
@Component
class GroupCommit implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private record Pending(ProtocolSubmission submission, ProtocolSource source, SecurityContext security,
                           CompletableFuture<SubmissionOutcome> result) {
    }

    private final Protocols protocols;
    private final ElectoralMap map;
    private final TransactionTemplate batch;
    private final TransactionTemplate item;
    private final boolean enabled;
    private final int maxBatch;
    private final List<BlockingQueue<Pending>> queues = new ArrayList<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;

    GroupCommit(Protocols protocols, ElectoralMap map, PlatformTransactionManager transactions,
                @Value("${electora.results.group-commit.enabled:true}") boolean enabled,
                @Value("${electora.results.group-commit.writers:1}") int writers,
                @Value("${electora.results.group-commit.max-batch:64}") int maxBatch) {
        this.protocols = protocols;
        this.map = map;
        this.batch = new TransactionTemplate(transactions);
        this.item = new TransactionTemplate(transactions);
        this.item.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
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
        Object[] outcomes = new Object[pending.size()];
        try {
            batch.executeWithoutResult(status -> {
                for (int i = 0; i < pending.size(); i++) {
                    Pending p = pending.get(i);
                    SecurityContextHolder.setContext(p.security());
                    try {
                        // A savepoint per submission: a refused one is rolled back alone, the others stay.
                        outcomes[i] = item.execute(s -> protocols.submit(p.submission(), p.source()));
                    } catch (RuntimeException refused) {
                        outcomes[i] = refused;
                    } finally {
                        SecurityContextHolder.clearContext();
                    }
                }
            });
        } catch (RuntimeException commitFailed) {
            log.warn("A group commit of {} submissions failed; each is answered with the failure: {}", pending.size(),
                    commitFailed.getMessage());
            pending.forEach(p -> p.result().completeExceptionally(commitFailed));
            return;
        }
        for (int i = 0; i < pending.size(); i++) {
            if (outcomes[i] instanceof SubmissionOutcome outcome) {
                pending.get(i).result().complete(outcome);
            } else {
                pending.get(i).result().completeExceptionally((Throwable) outcomes[i]);
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
