package org.electora.accreditation.internal;

import java.net.URI;
import java.time.Instant;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Logins for accredited observers and journalists: the officer's invitation link, the person's acceptance (open:
 * the link's secret is the credential) and the holder's own accreditation and badge. Roles are checked here and
 * again in {@link AccountInvitations}.
 */
@RestController
class AccountApiController {

    private final AccountInvitations invitations;
    private final Accrediting accrediting;

    AccountApiController(AccountInvitations invitations, Accrediting accrediting) {
        this.invitations = invitations;
        this.accrediting = accrediting;
    }

    record InvitationView(long invitationId, long applicationId, String link, String token, Instant expiresAt) {
    }

    record AccountView(long accountId, String username, String role, long organisationId) {
    }

    /** What the holder sees of their own accreditation: no document number, nothing of colleagues. */
    record OwnAccreditation(long applicationId, String name, String organisation, long organisationId, String category,
                            String status, String badgeNumber, String validFrom, String validUntil, String credential) {
    }

    @PostMapping("/api/v1/accreditation/applications/{id}/account-invitations")
    @PreAuthorize("hasAnyRole('ACCREDITATION_OFFICER', 'CEC_ADMIN')")
    ResponseEntity<InvitationView> invite(@PathVariable long id) {
        AccountInvitations.Issued issued = invitations.invite(id);
        return ResponseEntity.status(201).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new InvitationView(issued.invitationId(), id, issued.path(), issued.token(), issued.expiresAt()));
    }

    @PostMapping("/api/v1/public/accreditation/invitations/{token}/account")
    ResponseEntity<AccountView> accept(@PathVariable String token, @RequestBody AccountInvitations.Acceptance body) {
        AccountInvitations.Created created = invitations.accept(token, body);
        return ResponseEntity.created(URI.create("/api/v1/accreditation/my/accreditation"))
                .body(new AccountView(created.accountId(), created.username(), created.role().name(), created.organisationId()));
    }

    @GetMapping("/api/v1/accreditation/my/accreditation")
    @PreAuthorize("hasAnyRole('OBSERVER', 'JOURNALIST')")
    ResponseEntity<OwnAccreditation> own() {
        Application a = invitations.ownApplication();
        Organisation o = invitations.organisation(a.organisationId());
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(new OwnAccreditation(a.id(),
                a.displayName(), o.name(), o.id(), a.category().name(), a.status().name(), a.badgeNumber(),
                a.validFrom() == null ? null : a.validFrom().toString(),
                a.validUntil() == null ? null : a.validUntil().toString(), a.credential()));
    }

    /** The holder's own badge card; another badge number, even of a colleague, is refused with ACC-151. */
    @GetMapping(value = "/api/v1/accreditation/my/badges/{number}.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @PreAuthorize("hasAnyRole('OBSERVER', 'JOURNALIST')")
    ResponseEntity<byte[]> ownBadge(@PathVariable String number) {
        Application a = invitations.ownApplication();
        if (a.badgeNumber() == null || !a.badgeNumber().equals(number)) {
            throw new org.electora.platform.AccessDenied(AccountInvitations.NOT_YOURS, "Badge " + number + " is not yours");
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"badge-" + number + ".pdf\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(accrediting.renderBadge(number));
    }
}
