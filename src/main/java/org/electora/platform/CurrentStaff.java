package org.electora.platform;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is acting on this thread, for scope checks and for the audit log's actor. */
public final class CurrentStaff {

    public static final String SYSTEM = "system";

    private CurrentStaff() {
    }

    public static Optional<StaffMember> current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof StaffPrincipal principal) {
            return Optional.of(principal.staff());
        }
        return Optional.empty();
    }

    public static StaffMember require() {
        return current().orElseThrow(() -> new AccessDenied("Sign-in required"));
    }

    /** The actor named in audit events: the username, or "system" for work no person started. */
    public static String actorName() {
        return current().map(StaffMember::username).orElse(SYSTEM);
    }

    /** Throws {@link AccessDenied} unless the current staff member's scope covers the jurisdiction. */
    public static StaffMember requireScope(Jurisdiction jurisdiction) {
        StaffMember staff = require();
        if (!staff.may(jurisdiction)) {
            throw new AccessDenied("Outside your scope (" + staff.scope().kind() + ")");
        }
        return staff;
    }

    /** Implemented by the security layer's principal objects so that modules need not know them. */
    public interface StaffPrincipal {
        StaffMember staff();
    }
}
