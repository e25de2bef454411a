package org.electora.publication.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.electora.election.ContestId;
import org.electora.election.ElectionId;
import org.electora.election.ElectionStatusChanged;
import org.electora.election.Elections;
import org.electora.platform.Conflict;
import org.electora.platform.CurrentStaff;
import org.electora.publication.PublishOutcome;
import org.electora.publication.Publishing;
import org.electora.results.ProtocolAccepted;
import org.electora.results.ProtocolAnnulled;
import org.electora.results.ProtocolQuarantined;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes elections whose tallies changed, every {@code electora.publication.interval}. A counted, quarantined or
 * annulled protocol marks its election dirty; so does certification; on start every counting or certified election is dirty
 * once (the flags live in memory, and publishing unchanged results stores nothing). An election still under
 * embargo stays dirty until the embargo lifts.
 */
@Component
class PublicationScheduler {

    private static final Logger log = LoggerFactory.getLogger(PublicationScheduler.class);

    private final Publishing publishing;
    private final Elections elections;
    private final Set<Long> dirty = ConcurrentHashMap.newKeySet();
    /** A contest never moves to another election. */
    private final java.util.Map<Long, Long> electionOfContest = new ConcurrentHashMap<>();

    PublicationScheduler(Publishing publishing, Elections elections) {
        this.publishing = publishing;
        this.elections = elections;
    }

    // Plain synchronous listeners, not @ApplicationModuleListener: the flags live in memory and are rebuilt on start,
    // so a durable event publication (two more statements per protocol) would buy nothing. A flag set by a change
    // that then rolls back costs one publish that finds nothing new.
    @EventListener
    void on(ProtocolAccepted event) {
        markContest(event.contestId());
    }

    @EventListener
    void on(ProtocolAnnulled event) {
        markContest(event.contestId());
    }

    /** A quarantine counts nothing, but the public sees the station's status and the step (the snapshot's steps). */
    @EventListener
    void on(ProtocolQuarantined event) {
        markContest(event.contestId());
    }

    @EventListener
    void on(ElectionStatusChanged event) {
        if (PublishingResults.PUBLISHED.contains(event.to())) {
            dirty.add(event.election().value());
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void markAllPublishedElections() {
        elections.all().stream().filter(e -> PublishingResults.PUBLISHED.contains(e.status()))
                .forEach(e -> dirty.add(e.id().value()));
    }

    private void markContest(long contestId) {
        Long election = electionOfContest.computeIfAbsent(contestId,
                id -> elections.contest(new ContestId(id)).map(c -> c.electionId().value()).orElse(null));
        if (election != null) {
            dirty.add(election);
        }
    }

    @Scheduled(fixedDelayString = "${electora.publication.interval:30s}", initialDelayString = "${electora.publication.interval:30s}")
    void publishDirty() {
        for (Long id : Set.copyOf(dirty)) {
            dirty.remove(id);
            try {
                PublishOutcome outcome = CurrentStaff.runAsSystem(() -> publishing.publish(new ElectionId(id)));
                if (outcome instanceof PublishOutcome.Published p) {
                    log.info("Published snapshot {} of election {} ({})", p.snapshot().sequence(), id, p.snapshot().status());
                }
            } catch (Conflict e) {
                // Under embargo (PUB-001) or not counting (PUB-003): keep waiting only for the embargo.
                if ("PUB-001".equals(e.ruleCode())) {
                    dirty.add(id);
                }
            } catch (RuntimeException e) {
                // E.g. another replica published the same sequence first: try again next round.
                log.warn("Publishing election {} failed, retrying next round: {}", id, e.toString());
                dirty.add(id);
            }
        }
    }
}
