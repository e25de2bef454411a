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

    /** Throws {@link AccessDenied} with {@code refusal} unless the current staff member has one of {@code roles}. */
    public static StaffMember requireRole(java.util.Set<Role> roles, String refusal) {
        StaffMember staff = require();
        if (!roles.contains(staff.role())) {
            throw new AccessDenied(refusal);
        }
        return staff;
    }

    /** Throws {@link AccessDenied} unless the current staff member's scope covers the jurisdiction. */
    public static StaffMember requireScope(Jurisdiction jurisdiction) {
        StaffMember staff = require();
        if (!staff.may(jurisdiction)) {
            throw new AccessDenied("Outside your scope (" + staff.scope().kind() + ")");
        }
        return staff;
    }

    /**
     * Runs work that no person started (the demo loader, scheduled jobs) as the "system" actor with national
     * CEC rights, so that the same role checks and audit events apply to it as to people.
     */
    public static <T> T runAsSystem(java.util.function.Supplier<T> work) {
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        StaffMember system = new StaffMember(0, SYSTEM, "System", Role.CEC_ADMIN, new Scope.National());
        context.setAuthentication(org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(
                new SystemPrincipal(system), null,
                java.util.List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority(Role.CEC_ADMIN.authority()))));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    private record SystemPrincipal(StaffMember staff) implements StaffPrincipal, java.security.Principal {
        @Override
        public String getName() {
            return staff.username();
        }

        @Override
        public String toString() {
            return staff.username();
        }
    }

    /** Implemented by the security layer's principal objects so that modules need not know them. */
    public interface StaffPrincipal {
        StaffMember staff();
    }
}
