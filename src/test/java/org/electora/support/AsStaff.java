package org.electora.support;

import java.util.List;
import java.util.function.Supplier;

import org.electora.platform.CurrentStaff;
import org.electora.platform.Role;
import org.electora.platform.Scope;
import org.electora.platform.StaffMember;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Runs work in a service as a member of staff, as the security layer would after sign-in, without an account. */
public final class AsStaff {

    private AsStaff() {
    }

    private record Principal(StaffMember staff) implements CurrentStaff.StaffPrincipal {
    }

    public static <T> T as(String username, Role role, Scope scope, Supplier<T> work) {
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                new Principal(new StaffMember(1, username, username, role, scope)), null,
                List.of(new SimpleGrantedAuthority(role.authority()))));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
