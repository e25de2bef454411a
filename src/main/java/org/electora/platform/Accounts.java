package org.electora.platform;

/**
 * Creating sign-in accounts from other modules: accreditation gives an approved observer or journalist a login
 * scoped to their organisation. The caller validates the password against its own policy first; the account store
 * hashes it and records {@code staff.created} in the audit log.
 */
public interface Accounts {

    boolean usernameTaken(String username);

    /**
     * Creates an enabled account and returns its id.
     *
     * @throws Conflict with rule code STF-002 when the username is taken
     * @throws InvalidInput with rule code STF-003 when the username is not 3 to 64 of a-z, 0-9, dot, dash, underscore
     */
    long create(String username, String displayName, String password, Role role, Scope scope);

    /**
     * Disables an account in the caller's transaction: it can no longer sign in, and its API tokens stop working at
     * once. Records {@code staff.disabled} with the reason.
     */
    void disable(long accountId, String reason);
}
