package org.electora.accreditation.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.electora.accreditation.AccreditationLifecycle;
import org.electora.accreditation.ReviewAction;
import org.electora.accreditation.ReviewTransition;
import org.electora.platform.CurrentStaff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves issued badges past their last valid day to EXPIRED, through the transition table, as the "system" actor. A
 * badge is valid through its {@code validUntil} date in the commission's zone, so it expires at the next midnight
 * there. Verification says EXPIRED by the credential's own dates anyway; this makes the register say so too.
 */
@Component
class BadgeExpiry {

    private static final Logger log = LoggerFactory.getLogger(BadgeExpiry.class);

    private final AccreditationStore store;
    private final Accrediting accrediting;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ZoneId zone;

    BadgeExpiry(AccreditationStore store, Accrediting accrediting, TransactionTemplate transactions, Clock clock,
                @Value("${electora.accreditation.zone:Asia/Baku}") String zone) {
        this.store = store;
        this.accrediting = accrediting;
        this.transactions = transactions;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    /** Shortly after midnight in the commission's zone; "-" in the configuration turns the job off. */
    @Scheduled(cron = "${electora.accreditation.expiry-cron:0 5 0 * * *}", zone = "${electora.accreditation.zone:Asia/Baku}")
    void expireNow() {
        int expired = expireAt(clock.instant()).size();
        if (expired > 0) {
            log.info("Expired {} badge(s) past their validity", expired);
        }
    }

    /** Expires, in one transaction, every issued badge whose last valid day is before {@code instant}'s date; returns their ids. */
    List<Long> expireAt(Instant instant) {
        LocalDate today = LocalDate.ofInstant(instant, zone);
        return CurrentStaff.runAsSystem(() -> transactions.execute(tx -> {
            List<Long> ids = new ArrayList<>();
            for (Application a : store.issuedBadgesEndedBefore(today)) {
                if (AccreditationLifecycle.apply(a.status(), ReviewAction.EXPIRE, null) instanceof ReviewTransition.Moved moved) {
                    accrediting.move(a, ReviewAction.EXPIRE, moved, null, null);
                    ids.add(a.id());
                }
            }
            return ids;
        }));
    }
}
