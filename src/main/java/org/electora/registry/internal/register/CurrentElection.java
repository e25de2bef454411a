package org.electora.registry.internal.register;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.electora.election.Election;
import org.electora.election.ElectionStatus;
import org.electora.election.ElectionStatusChanged;
import org.electora.election.Elections;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The current election for the public register pages, read on every lookup and changing a few times per election.
 * Once an election has been called, only a status change (which publishes {@link ElectionStatusChanged}) can make
 * another one current: a new draft ranks below it. A draft or no election at all is not cached, because creating an
 * election publishes no event. The event is taken in the changing transaction and again when it ends, and a
 * generation counter keeps a load that raced with it from storing the old election (a plain listener, as
 * geography's station cache does: an in-memory cache needs no entry in the event publication registry). The short
 * lifetime bounds staleness from changes made by another instance.
 */
@Component
class CurrentElection {

    static final long LIFETIME_NANOS = 5_000_000_000L;

    private record Cached(long generation, long loadedAt, Optional<Election> election) {
    }

    private final Elections elections;
    private final AtomicLong generation = new AtomicLong();
    private volatile Cached cached;

    CurrentElection(Elections elections) {
        this.elections = elections;
    }

    Optional<Election> get() {
        Cached c = cached;
        long now = System.nanoTime();
        if (c != null && c.generation() == generation.get() && now - c.loadedAt() < LIFETIME_NANOS) {
            return c.election();
        }
        long g = generation.get();
        Optional<Election> loaded = elections.current();
        if (loaded.isPresent() && loaded.get().status() != ElectionStatus.DRAFT) {
            cached = new Cached(g, now, loaded);
        }
        return loaded;
    }

    @EventListener
    void on(ElectionStatusChanged changed) {
        forget();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forget();
                }
            });
        }
    }

    private void forget() {
        generation.incrementAndGet();
        cached = null;
    }
}
