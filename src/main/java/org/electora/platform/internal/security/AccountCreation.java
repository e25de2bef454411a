package org.electora.platform.internal.security;

import java.util.List;
import java.util.Map;

import org.electora.audit.AuditLog;
import org.electora.platform.Accounts;
import org.electora.platform.Conflict;
import org.electora.platform.InvalidInput;
import org.electora.platform.Role;
import org.electora.platform.Scope;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.annotation.Transactional;

/** {@link Accounts} over the staff table: the same hashing and audit event as an administrator's new account. */
@Service
class AccountCreation implements Accounts {

    private final StaffAccounts accounts;
    private final ApiTokens tokens;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final SessionRegistry sessions;

    AccountCreation(StaffAccounts accounts, ApiTokens tokens, PasswordEncoder encoder, AuditLog audit, SessionRegistry sessions) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.encoder = encoder;
        this.audit = audit;
        this.sessions = sessions;
    }

    @Override
    public boolean usernameTaken(String username) {
        return accounts.byUsername(username).isPresent();
    }

    @Override
    @Transactional
    public long create(String username, String displayName, String password, Role role, Scope scope) {
        Usernames.problem(username).ifPresent(p -> {
            throw new InvalidInput(List.of(p));
        });
        if (usernameTaken(username)) {
            throw new Conflict("STF-002", "Username already taken: " + username);
        }
        long id;
        try {
            id = accounts.insert(username, displayName, encoder.encode(password), role, scope);
        } catch (DuplicateKeyException e) {
            throw new Conflict("STF-002", "Username already taken: " + username);
        }
        audit.record("staff.created", "staff:" + id, Map.of("username", username, "role", role.name(),
                "scope", scope.kind() + (scope.id() == null ? "" : ":" + scope.id())));
        return id;
    }

    @Override
    @Transactional
    public void disable(long accountId, String reason) {
        if (accounts.disable(accountId)) {
            tokens.revokeAllOf(accountId);
            audit.record("staff.disabled", "staff:" + accountId, Map.of("reason", reason));
            // Its web sessions end too: the next page it asks for sends it to the login page, which refuses it.
            expireSessionsAfterCommit(accountId);
        }
    }

    private void expireSessionsAfterCommit(long accountId) {
        Runnable expire = () -> sessions.getAllPrincipals().stream()
                .filter(p -> p instanceof StaffPrincipalDetails d && d.staff().id() == accountId)
                .flatMap(p -> sessions.getAllSessions(p, false).stream())
                .forEach(SessionInformation::expireNow);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    expire.run();
                }
            });
        } else {
            expire.run();
        }
    }
}
