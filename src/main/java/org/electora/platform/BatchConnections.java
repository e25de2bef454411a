package org.electora.platform;

import java.util.function.Supplier;

/**
 * Database connections for a batch writer: a thread that sends the same few statements thousands of times a night,
 * keyed by arrays of ids (the results module's group commit). PostgreSQL would plan such statements anew on every
 * execution (the arrays' lengths change, so its plan cache keeps preferring custom plans); on these connections
 * {@code plan_cache_mode} is {@code force_generic_plan}, set once when the connection is opened rather than by a
 * {@code SET LOCAL} round trip in every transaction.
 * <p>
 * Inside {@link #run}, every connection the application's {@code DataSource} hands the calling thread — for a
 * transaction or a single statement — comes from a small pool of such connections (see
 * {@code platform/internal/db/BatchConnectionRouting}); everywhere else nothing changes.
 */
public final class BatchConnections {

    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    private BatchConnections() {
    }

    /** Runs {@code work} on batch connections (nested calls are fine). */
    public static void run(Runnable work) {
        run(() -> {
            work.run();
            return null;
        });
    }

    /** Runs {@code work} on batch connections and returns its result (nested calls are fine). */
    public static <T> T run(Supplier<T> work) {
        Boolean before = ACTIVE.get();
        ACTIVE.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            if (before == null) {
                ACTIVE.remove();
            }
        }
    }

    /** Whether the calling thread is inside {@link #run}. */
    public static boolean active() {
        return ACTIVE.get() != null;
    }
}
