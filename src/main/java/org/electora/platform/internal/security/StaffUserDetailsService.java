package org.electora.platform.internal.security;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

@Service
class StaffUserDetailsService implements UserDetailsService {

    private final StaffAccounts accounts;

    StaffUserDetailsService(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return accounts.byUsername(username)
                .map(a -> new StaffPrincipalDetails(a.staff(), a.passwordHash(), a.enabled()))
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }
}
