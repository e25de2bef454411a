package org.electora.audit.internal;

import java.util.List;

import org.electora.audit.AuditChain;
import org.electora.audit.AuditEvent;
import org.electora.audit.ChainVerification;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** For auditors: read the sealed log and recompute the chain. */
@RestController
@RequestMapping("/api/v1/audit")
@PreAuthorize("hasAnyRole('AUDITOR', 'CEC_ADMIN')")
class AuditApiController {

    private final AuditChain chain;

    AuditApiController(AuditChain chain) {
        this.chain = chain;
    }

    /** The verification as JSON: {@code intact}, and for a broken chain the first broken link and why. */
    record VerificationReport(boolean intact, long events, String headHash, Long brokenAt, String eventId, String reason) {
    }

    @GetMapping("/verification")
    VerificationReport verify() {
        return switch (chain.verify()) {
            case ChainVerification.Intact i -> new VerificationReport(true, i.events(), i.headHash(), null, null, null);
            case ChainVerification.Broken b -> new VerificationReport(false, 0, null, b.sequence(), b.eventId(), b.reason());
        };
    }

    @GetMapping("/events")
    List<AuditEvent> events(@RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "100") int limit) {
        return chain.events(after, limit);
    }
}
