package org.electora.results.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Where a group-commit writer's time goes, phase by phase of each batch (timer {@code electora.results.group.commit.phase}
 * with a {@code phase} tag): on election night the single writer is what every submission waits for, and its time is
 * mostly round trips to PostgreSQL, each waiting for a core at both ends on a busy machine — which phase to shorten
 * next is read here (the replay benchmark prints it). One instance per writer thread: marks are not thread-safe.
 */
final class BatchPhases {

    enum Phase {
        /** Opening the transaction (a batch connection from its pool). */
        BEGIN,
        /** The election read once per batch, and each submission's checks against it. */
        CHECK,
        /** The stations' protocol rows locked. */
        LOCK,
        /** The versions already recorded under the batch's submission ids. */
        RECORDED,
        /** Planning each submission in Java. */
        PLAN,
        /** The one statement of {@link ResultsWriter} (and the deletes of uncounted station results before it). */
        WRITE,
        /** The batch's audit events. */
        AUDIT,
        /** The commit and its WAL flush (and the batch's events, published just before it). */
        COMMIT
    }

    /** For a submission recorded alone, outside a writer: nothing is timed. */
    static final BatchPhases NONE = new BatchPhases(null);

    private final Map<Phase, Timer> timers;
    private long last;

    private BatchPhases(Map<Phase, Timer> timers) {
        this.timers = timers;
    }

    static BatchPhases of(MeterRegistry meters) {
        Map<Phase, Timer> timers = new EnumMap<>(Phase.class);
        for (Phase phase : Phase.values()) {
            timers.put(phase, Timer.builder("electora.results.group.commit.phase").tag("phase", phase.name().toLowerCase(java.util.Locale.ROOT))
                    .description("Time of a group-commit writer per phase of a batch").register(meters));
        }
        return new BatchPhases(timers);
    }

    void start() {
        last = System.nanoTime();
    }

    /** The time since the previous mark (or {@link #start}) was spent in this phase. */
    void done(Phase phase) {
        if (timers == null) {
            return;
        }
        long now = System.nanoTime();
        timers.get(phase).record(now - last, TimeUnit.NANOSECONDS);
        last = now;
    }
}
