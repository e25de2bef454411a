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

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.electora.election.Election;
import org.electora.platform.BatchConnections;
import org.electora.results.ProtocolSource;
import org.electora.results.ProtocolSubmission;
import org.electora.results.SubmissionOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for electronic submissions (ADR 0011). Each request is checked on its own thread, as its sender
 * (role, station, scope, contest, numbers, the template's relations: {@link SubmittingProtocols#prepare}); then it
 * waits in one queue for a writer, which completes the checks that need the database (the election's status, read
 * once per batch) and records everything waiting in one transaction ({@link RecordingSubmissions}): a few round
 * trips and one WAL flush serve the whole batch instead of a dozen each. Each request still gets its own version,
 * lifecycle steps, audit event and answer, and is answered only after the commit that makes it durable.
 * <p>
 * One writer by default ({@code electora.results.group-commit.writers}): on the 2-core machine of the benchmark two
 * writers made batches half as big and every protocol dearer (368 instead of 461 protocols/s over the first 30,000
 * of the 2018 file). With more, their batches may touch the same rows only when one station's protocol arrives twice
 * at once: both lock protocol rows and then tally rows in id order, so one waits for the other's commit (it then
 * sees that commit's version, as a submission arriving afterwards would) and they cannot deadlock.
 */
@Component
class GroupCommit implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private record Pending(SubmittingProtocols.Prepared prepared, CompletableFuture<SubmissionOutcome> result) {
    }

    private final SubmittingProtocols protocols;
    private final RecordingSubmissions recording;
    private final Clock clock;
    private final TransactionTemplate batch;
    private final boolean enabled;
    private final int writerCount;
    private final int maxBatch;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(10_000);
    /** Submissions per committed batch: what one WAL flush and one set of round trips served (ops and the benchmark). */
    private final DistributionSummary batchSizes;
    private final MeterRegistry meters;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;

    GroupCommit(SubmittingProtocols protocols, RecordingSubmissions recording, Clock clock,
                PlatformTransactionManager transactions, MeterRegistry meters,
                @Value("${electora.results.group-commit.enabled:true}") boolean enabled,
                @Value("${electora.results.group-commit.writers:1}") int writers,
                @Value("${electora.results.group-commit.max-batch:64}") int maxBatch) {
        this.protocols = protocols;
        this.recording = recording;
        this.clock = clock;
        this.batch = new TransactionTemplate(transactions);
        this.enabled = enabled;
        this.writerCount = Math.max(1, writers);
        this.maxBatch = maxBatch;
        this.batchSizes = DistributionSummary.builder("electora.results.group.commit.batch").baseUnit("submissions")
                .description("Protocol submissions recorded per group-commit transaction").register(meters);
        this.meters = meters;
    }

    /** Submits and waits for the durable answer; exceptions are those {@link Protocols#submit} would throw. */
    SubmissionOutcome submit(ProtocolSubmission submission, ProtocolSource source) {
        if (!enabled || !running) {
            return protocols.submit(submission, source);
        }
        var pending = new Pending(protocols.prepare(submission, source), new CompletableFuture<>());
        if (!queue.offer(pending)) {
            return protocols.submit(pending.prepared()); // a full queue: alone, without checking it twice
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

    private void write() {
        List<Pending> pending = new ArrayList<>(maxBatch);
        BatchPhases phases = BatchPhases.of(meters);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                pending.add(first);
                queue.drainTo(pending, maxBatch - 1);
                batchSizes.record(pending.size());
                // The batch's statements are the same few, thousands of times a night, on keys alone: PostgreSQL's
                // generic plans serve them, instead of planning each anew for its arrays of ids (a quarter of the
                // database's CPU per protocol in the replay benchmark). Batch connections are opened in that mode,
                // so no transaction sends a SET LOCAL for it (docs/benchmarks.md, runs 24-25).
                BatchConnections.run(() -> commit(pending, true, phases));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                pending.clear();
            }
        }
    }

    private void commit(List<Pending> pending, boolean retryAlone, BatchPhases phases) {
        RecordingSubmissions.Written[] outcomes = new RecordingSubmissions.Written[pending.size()];
        phases.start();
        try {
            batch.executeWithoutResult(status -> {
                phases.done(BatchPhases.Phase.BEGIN);
                Map<Long, Election> electionsRead = new HashMap<>();
                List<SubmittingProtocols.Checked> checked = new ArrayList<>(pending.size());
                List<Integer> positions = new ArrayList<>(pending.size());
                for (int i = 0; i < pending.size(); i++) {
                    try {
                        checked.add(protocols.check(pending.get(i).prepared(), electionsRead));
                        positions.add(i);
                    } catch (RuntimeException refused) {
                        outcomes[i] = new RecordingSubmissions.Refused(refused);
                    }
                }
                phases.done(BatchPhases.Phase.CHECK);
                // Optimistic only the first time: a batch retried alone looks its submission ids up.
                List<RecordingSubmissions.Written> written = recording.record(checked, clock.instant(), phases, retryAlone);
                for (int k = 0; k < written.size(); k++) {
                    outcomes[positions.get(k)] = written.get(k);
                }
            });
            phases.done(BatchPhases.Phase.COMMIT);
        } catch (RuntimeException commitFailed) {
            if (retryAlone) {
                // Something no check foresaw (the same station's first protocol committed at that moment by the other
                // writer or outside this one, a deadlock): each submission once more alone, in a new transaction that
                // sees what the other committed, so that a failure is answered to its own sender only.
                log.info("A group commit of {} submission(s) failed ({}); committing them one by one", pending.size(),
                        commitFailed.getMessage());
                pending.forEach(p -> commit(List.of(p), false, phases));
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
        for (int i = 0; i < writerCount; i++) {
            writers.add(Thread.ofPlatform().name("protocol-writer-" + i).daemon().start(this::write));
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
