package org.electora.accreditation.internal;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.electora.accreditation.ApplicationCategory;
import org.electora.accreditation.ApplicationStatus;
import org.electora.accreditation.BadgeRevoked;
import org.electora.audit.AuditLog;
import org.electora.platform.AccessDenied;
import org.electora.platform.Accounts;
import org.electora.platform.Conflict;
import org.electora.platform.CurrentStaff;
import org.electora.platform.Digests;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
import org.electora.platform.Problem;
import org.electora.platform.Role;
import org.electora.platform.Scope;
import org.electora.platform.StaffMember;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Logins for accredited observers and journalists. The accreditation officer creates a single-use invitation link
 * for an approved application (only the token's SHA-256 is stored); the person opens it, chooses a username and
 * their own password, and gets the OBSERVER or JOURNALIST role scoped to their organisation.
 */
@Service
class AccountInvitations {

    static final String NO_INVITATION = "ACC-140";
    static final String INVITATION_USED = "ACC-141";
    static final String INVITATION_EXPIRED = "ACC-142";
    static final String PASSWORD_TOO_SHORT = "ACC-143";
    static final String PASSWORD_HAS_NAME = "ACC-144";
    static final String PASSWORD_TOO_SIMPLE = "ACC-145";
    static final String BAD_USERNAME = "ACC-146";
    static final String USERNAME_TAKEN = "ACC-147";
    static final String NOT_ACCREDITED = "ACC-148";
    static final String HAS_ACCOUNT = "ACC-149";
    static final String PASSWORDS_DIFFER = "ACC-150";
    static final String NOT_YOURS = "ACC-151";

    /** As for staff accounts created by the administrator (StaffApiController): at least 12 characters. */
    static final int MIN_PASSWORD_LENGTH = 12;

    private static final List<String> COMMON = List.of("password", "123456", "qwerty", "letmein", "welcome",
            "electora", "observer", "journalist", "election", "admin", "parol", "пароль");

    private final JdbcClient jdbc;
    private final AccreditationStore store;
    private final Accounts accounts;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration validity;
    private final SecureRandom random = new SecureRandom();

    AccountInvitations(JdbcClient jdbc, AccreditationStore store, Accounts accounts, AuditLog audit, Clock clock,
                       @Value("${electora.accreditation.invitation-validity:P7D}") Duration validity) {
        this.jdbc = jdbc;
        this.store = store;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
        this.validity = validity;
    }

    /** The link's secret is returned once, here; the database keeps only its hash. */
    record Issued(long invitationId, long applicationId, String token, Instant expiresAt) {
        String path() {
            return "/accreditation/invitations/" + token;
        }
    }

    /** What the invitation page shows before the person chooses a password. */
    record Invitee(long invitationId, long applicationId, String name, String givenNames, String familyName,
                   String organisation, Role role, Instant expiresAt, String suggestedUsername) {
    }

    record Acceptance(String username, String password, String passwordAgain) {
    }

    record Created(long accountId, String username, Role role, long organisationId) {
    }

    @Transactional
    Issued invite(long applicationId) {
        Accrediting.requireOfficer();
        Application a = store.application(applicationId)
                .orElseThrow(() -> new NotFound(Accrediting.UNKNOWN, "No application " + applicationId));
        requireAccredited(a);
        if (accountOf(applicationId).isPresent()) {
            throw new Conflict(HAS_ACCOUNT, "Application " + applicationId + " already has a login");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        Instant expires = now.plus(validity);
        long id = jdbc.sql("""
                        INSERT INTO accreditation_account_invitation (application_id, token_hash, created_by, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?) RETURNING id""")
                .params(applicationId, Digests.sha256(token), CurrentStaff.actorName(), Timestamp.from(now), Timestamp.from(expires))
                .query(Long.class).single();
        audit.record("accreditation.account.invited", "accreditation-application:" + applicationId,
                Map.of("invitationId", id, "expiresAt", expires.toString()));
        return new Issued(id, applicationId, token, expires);
    }

    /** For the invitation page: who is invited, or the reason the link no longer works. */
    @Transactional(readOnly = true)
    Invitee invitee(String token) {
        Invitation invitation = usable(find(token, false));
        Application a = store.application(invitation.applicationId()).orElseThrow();
        Organisation o = store.organisation(a.organisationId()).orElseThrow();
        return new Invitee(invitation.id(), a.id(), a.displayName(), a.givenNames(), a.familyName(), o.name(),
                roleFor(a, o), invitation.expiresAt(), suggestedUsername(a));
    }

    @Transactional
    Created accept(String token, Acceptance in) {
        Invitation invitation = usable(find(token, true));
        Application a = store.application(invitation.applicationId()).orElseThrow();
        requireAccredited(a);
        if (accountOf(a.id()).isPresent()) {
            throw new Conflict(HAS_ACCOUNT, "This accreditation already has a login");
        }
        String username = in.username() == null ? "" : in.username().strip().toLowerCase(Locale.ROOT);
        List<Problem> problems = new ArrayList<>();
        if (!username.matches("[a-z0-9._-]{3,64}")) {
            problems.add(Problem.at(0, BAD_USERNAME, "username", "username must be 3 to 64 of a-z, 0-9, dot, dash, underscore"));
        }
        problems.addAll(passwordProblems(in.password(), username, a));
        if (in.passwordAgain() != null && !in.passwordAgain().equals(in.password())) {
            problems.add(Problem.at(0, PASSWORDS_DIFFER, "passwordAgain", "the two passwords differ"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        if (accounts.usernameTaken(username)) {
            throw new Conflict(USERNAME_TAKEN, "The username " + username + " is taken; choose another");
        }
        Organisation o = store.organisation(a.organisationId()).orElseThrow();
        Role role = roleFor(a, o);
        Instant now = clock.instant();
        long accountId = accounts.create(username, a.givenNames() + " " + a.familyName(), in.password(), role,
                new Scope.Organisation(o.id()));
        jdbc.sql("UPDATE accreditation_account_invitation SET used_at = ? WHERE id = ?")
                .params(Timestamp.from(now), invitation.id()).update();
        jdbc.sql("""
                        INSERT INTO accreditation_account (account_id, application_id, organisation_id, invitation_id, created_at)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(accountId, a.id(), o.id(), invitation.id(), Timestamp.from(now)).update();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("invitationId", invitation.id());
        payload.put("accountId", accountId);
        payload.put("username", username);
        payload.put("role", role.name());
        payload.put("organisationId", o.id());
        audit.record("accreditation.account.created", "accreditation-application:" + a.id(), payload);
        return new Created(accountId, username, role, o.id());
    }

    /**
     * The password policy: as long as staff passwords (12+), and not guessable from what is printed on the badge
     * or from the username, nor a run of one character or a well-known password.
     */
    static List<Problem> passwordProblems(String password, String username, Application a) {
        List<Problem> problems = new ArrayList<>();
        String p = password == null ? "" : password;
        if (p.codePointCount(0, p.length()) < MIN_PASSWORD_LENGTH) {
            problems.add(Problem.at(0, PASSWORD_TOO_SHORT, "password", "the password needs at least " + MIN_PASSWORD_LENGTH + " characters"));
            return problems;
        }
        String lower = p.toLowerCase(Locale.ROOT);
        List<String> personal = new ArrayList<>();
        personal.add(username);
        personal.addAll(List.of(a.givenNames().split("\\s+")));
        personal.addAll(List.of(a.familyName().split("\\s+")));
        personal.add(a.documentNumber());
        for (String part : personal) {
            String word = part == null ? "" : part.toLowerCase(Locale.ROOT);
            if (word.length() >= 3 && lower.contains(word)) {
                problems.add(Problem.at(0, PASSWORD_HAS_NAME, "password", "the password must not contain your name, username or document number"));
                break;
            }
        }
        // what is left once well-known words are taken out must still be a password on its own
        String rest = lower;
        for (String word : COMMON) {
            rest = rest.replace(word, "");
        }
        if (p.codePoints().distinct().count() < 5 || rest.codePointCount(0, rest.length()) < 8) {
            problems.add(Problem.at(0, PASSWORD_TOO_SIMPLE, "password", "the password is too easy to guess: use more different characters or words"));
        }
        return problems;
    }

    /** An account of the signed-in observer or journalist: their application, inside their organisation scope. */
    @Transactional
    Application ownApplication() {
        StaffMember me = CurrentStaff.requireRole(java.util.Set.of(Role.OBSERVER, Role.JOURNALIST),
                "Only an accredited observer or journalist has an own accreditation");
        if (!(me.scope() instanceof Scope.Organisation scope)) {
            throw new AccessDenied(NOT_YOURS, "Your account is not scoped to an organisation");
        }
        // scoped in SQL: the account's application, and only if it belongs to the organisation of the account's scope
        Application a = jdbc.sql("""
                        SELECT a.* FROM accreditation_account acc JOIN accreditation_application a ON a.id = acc.application_id
                        WHERE acc.account_id = ? AND a.organisation_id = ?""")
                .params(me.id(), scope.organisationId())
                .query(AccreditationStore::application).optional()
                .orElseThrow(() -> new AccessDenied(NOT_YOURS, "No accreditation belongs to this account"));
        audit.record("accreditation.personal-data-read", "accreditation-application:" + a.id(),
                Map.of("reader", "holder", "accountId", me.id()));
        return a;
    }

    Organisation organisation(long id) {
        return store.organisation(id).orElseThrow();
    }

    private record Invitation(long id, long applicationId, Instant expiresAt, Instant usedAt) {
    }

    private Invitation find(String token, boolean forUpdate) {
        if (token == null || token.isBlank() || token.length() > 100) {
            throw new NotFound(NO_INVITATION, "No such invitation: check the link");
        }
        return jdbc.sql("SELECT id, application_id, expires_at, used_at FROM accreditation_account_invitation WHERE token_hash = ?"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .param(Digests.sha256(token.strip()))
                .query((rs, n) -> new Invitation(rs.getLong("id"), rs.getLong("application_id"),
                        rs.getTimestamp("expires_at").toInstant(),
                        rs.getTimestamp("used_at") == null ? null : rs.getTimestamp("used_at").toInstant()))
                .optional()
                .orElseThrow(() -> new NotFound(NO_INVITATION, "No such invitation: check the link"));
    }

    private Invitation usable(Invitation invitation) {
        if (invitation.usedAt() != null) {
            throw new Conflict(INVITATION_USED, "This invitation was already used; sign in, or ask the accreditation officer for a new one");
        }
        if (!clock.instant().isBefore(invitation.expiresAt())) {
            throw new Conflict(INVITATION_EXPIRED, "This invitation expired on " + invitation.expiresAt()
                    + "; ask the accreditation officer for a new one");
        }
        return invitation;
    }

    private static void requireAccredited(Application a) {
        if (a.status() != ApplicationStatus.APPROVED && a.status() != ApplicationStatus.BADGE_ISSUED) {
            throw new Conflict(NOT_ACCREDITED, "Application " + a.id() + " is " + a.status()
                    + ": only an approved application or an issued badge gets a login");
        }
    }

    /** A revoked accreditation ends its holder's login in the same transaction (the event is published inside it). */
    @EventListener
    void on(BadgeRevoked revoked) {
        accountOf(revoked.applicationId()).ifPresent(account -> accounts.disable(account,
                "accreditation " + revoked.badgeNumber() + " revoked: " + revoked.reason()));
    }

    private Optional<Long> accountOf(long applicationId) {
        return jdbc.sql("SELECT account_id FROM accreditation_account WHERE application_id = ?").param(applicationId)
                .query(Long.class).optional();
    }

    /** Journalists, and the technical staff of media outlets, get the media role; everyone else observes. */
    static Role roleFor(Application a, Organisation o) {
        boolean media = o.kind().name().endsWith("MEDIA_OUTLET");
        return a.category() == ApplicationCategory.JOURNALIST
                || (a.category() == ApplicationCategory.TECHNICAL_STAFF && media) ? Role.JOURNALIST : Role.OBSERVER;
    }

    private static String suggestedUsername(Application a) {
        String s = (a.givenNames().split("\\s+")[0] + "." + a.familyName()).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9._-]", "");
        return s.length() >= 3 ? s : "";
    }
}
