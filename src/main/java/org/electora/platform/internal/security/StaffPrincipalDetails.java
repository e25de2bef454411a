package org.electora.platform.internal.security;

import java.util.Collection;
import java.util.List;

import org.electora.platform.CurrentStaff;
import org.electora.platform.StaffMember;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The authenticated principal: a staff member, with the password hash only while signing in. */
record StaffPrincipalDetails(StaffMember staff, String passwordHash, boolean enabled)
        implements UserDetails, CurrentStaff.StaffPrincipal {

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(staff.role().authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return staff.username();
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public String toString() {
        return staff.username();
    }
}
