package org.electora.platform;

import java.util.Objects;

/** A signed-in member of staff: the principal of every authenticated request. */
public record StaffMember(long id, String username, String displayName, Role role, Scope scope) {

    public StaffMember {
        Objects.requireNonNull(username);
        Objects.requireNonNull(role);
        Objects.requireNonNull(scope);
    }

    public boolean may(Jurisdiction jurisdiction) {
        return scope.covers(jurisdiction);
    }
}
