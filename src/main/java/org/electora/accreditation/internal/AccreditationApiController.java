package org.electora.accreditation.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.electora.accreditation.AccreditationLifecycle;
import org.electora.accreditation.ApplicationStatus;
import org.electora.accreditation.ReviewAction;
import org.electora.accreditation.ApplicationCategory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The accreditation officer's REST API; roles checked here and again in the services. */
@RestController
@RequestMapping("/api/v1/accreditation")
@PreAuthorize("hasAnyRole('ACCREDITATION_OFFICER', 'CEC_ADMIN')")
class AccreditationApiController {

    private final Accrediting accrediting;
    private final CommissionKeys keys;
    private final Invitations invitations;
    private final ApplicationDeadlines deadlines;

    AccreditationApiController(Accrediting accrediting, CommissionKeys keys, Invitations invitations, ApplicationDeadlines deadlines) {
        this.accrediting = accrediting;
        this.keys = keys;
        this.invitations = invitations;
        this.deadlines = deadlines;
    }

    record ApplicationView(long id, long organisationId, String category, String givenNames, String familyName,
                           String documentNumber, String nationality, List<String> languages, ApplicationStatus status,
                           String statusReason, String badgeNumber, String validFrom, String validUntil,
                           String credential, int version,
                           List<ReviewAction> allowedActions, String documentKind, String dateOfBirth) {
        static ApplicationView of(Application a) {
            return new ApplicationView(a.id(), a.organisationId(), a.category().name(), a.givenNames(), a.familyName(),
                    a.documentNumber(), a.nationality(), a.languages(), a.status(), a.statusReason(), a.badgeNumber(),
                    a.validFrom() == null ? null : a.validFrom().toString(),
                    a.validUntil() == null ? null : a.validUntil().toString(), a.credential(), a.version(),
                    List.copyOf(AccreditationLifecycle.allowed(a.status())), a.documentKind().name(),
                    a.dateOfBirth() == null ? null : a.dateOfBirth().toString());
        }
    }

    record PhotoView(String mediaType, int width, int height, int bytes, String sha256) {
        static PhotoView of(AccreditationPhotos.Photo p) {
            return new PhotoView(p.mediaType(), p.width(), p.height(), p.bytes().length, p.sha256());
        }
    }

    record DeadlineView(String category, int daysBefore, String pollingDay, String lastDay, String closesAt) {
        static DeadlineView of(ApplicationDeadlines.Deadline d) {
            return new DeadlineView(d.category().name(), d.daysBefore(), d.pollingDay().toString(), d.lastDay().toString(),
                    d.closesAt().toString());
        }
    }

    @PostMapping("/organisations")
    ResponseEntity<Organisation> register(@RequestBody Accrediting.NewOrganisation body) {
        Organisation o = accrediting.register(body);
        return ResponseEntity.created(URI.create("/api/v1/accreditation/organisations/" + o.id())).body(o);
    }

    @GetMapping("/organisations")
    List<Organisation> organisations() {
        return accrediting.organisations();
    }

    @GetMapping("/organisations/{id}")
    Organisation organisation(@PathVariable long id) {
        return accrediting.organisation(id);
    }

    @GetMapping("/organisations/{id}/applications")
    List<ApplicationView> applications(@PathVariable long id) {
        return accrediting.applications(id).stream().map(ApplicationView::of).toList();
    }

    @PostMapping("/applications")
    ResponseEntity<ApplicationView> submit(@RequestBody Accrediting.NewApplication body) {
        Application a = accrediting.submit(body);
        return ResponseEntity.created(URI.create("/api/v1/accreditation/applications/" + a.id())).body(ApplicationView.of(a));
    }

    @GetMapping("/applications/{id}")
    ApplicationView application(@PathVariable long id) {
        return ApplicationView.of(accrediting.application(id));
    }

    @PostMapping("/applications/{id}/decisions")
    ApplicationView decide(@PathVariable long id, @RequestBody Accrediting.Decision body) {
        return ApplicationView.of(accrediting.decide(id, body));
    }

    @GetMapping(value = "/applications/{id}/photo")
    ResponseEntity<byte[]> photo(@PathVariable long id) {
        AccreditationPhotos.Photo photo = accrediting.photo(id);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(photo.mediaType()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").eTag("\"" + photo.sha256() + "\"").body(photo.bytes());
    }

    /** The photo's type is read from its bytes; the request's Content-Type is not trusted. */
    @PutMapping(value = "/applications/{id}/photo", consumes = MediaType.ALL_VALUE)
    PhotoView replacePhoto(@PathVariable long id, @RequestBody(required = false) byte[] body) {
        return PhotoView.of(accrediting.replacePhoto(id, body));
    }

    /** One decision for a mission's list: the selected applications, or all of one status; all or nothing. */
    @PostMapping("/organisations/{id}/decisions")
    ResponseEntity<?> decideAll(@PathVariable long id, @RequestBody Accrediting.BulkDecision body) {
        return switch (accrediting.decideAll(id, body)) {
            case Accrediting.BulkOutcome.Applied applied -> ResponseEntity.ok(Map.of("applied", applied.applications().size(),
                    "applications", applied.applications().stream().map(ApplicationView::of).toList()));
            case Accrediting.BulkOutcome.Refused refused -> {
                ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, refused.problems().size()
                        + " application(s) cannot take this action; nothing was changed");
                pd.setProperty("ruleCode", refused.problems().getFirst().ruleCode());
                pd.setProperty("problems", refused.problems());
                yield ResponseEntity.status(HttpStatus.CONFLICT).body(pd);
            }
        };
    }

    /** Every issued badge of the organisation, eight cards per A4 sheet. */
    @GetMapping(value = "/organisations/{id}/badges.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> printSheet(@PathVariable long id) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"badges-organisation-" + id + ".pdf\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(accrediting.printSheet(id));
    }

    @PostMapping("/organisations/{id}/invitations")
    ResponseEntity<Invitation> invite(@PathVariable long id, @RequestBody Invitations.NewInvitation body) {
        Invitation i = invitations.send(id, body);
        return ResponseEntity.created(URI.create("/api/v1/accreditation/invitations/" + i.id())).body(i);
    }

    @GetMapping("/organisations/{id}/invitations")
    List<Invitation> invitations(@PathVariable long id) {
        return invitations.invitations(id);
    }

    @GetMapping("/invitations/{id}")
    Invitation invitation(@PathVariable long id) {
        return invitations.invitation(id);
    }

    @PostMapping("/invitations/{id}/reply")
    Invitation reply(@PathVariable long id, @RequestBody Invitations.Reply body) {
        return invitations.reply(id, body);
    }

    @GetMapping("/elections/{electionId}/deadlines")
    List<DeadlineView> deadlines(@PathVariable long electionId) {
        Accrediting.requireOfficer();
        return deadlines.deadlines(electionId).stream().map(DeadlineView::of).toList();
    }

    /** {@code {"OBSERVER": 10, "JOURNALIST": 3}}: days before polling day on which each category closes. */
    @PutMapping("/elections/{electionId}/deadlines")
    List<DeadlineView> setDeadlines(@PathVariable long electionId, @RequestBody Map<ApplicationCategory, Integer> body) {
        return deadlines.set(electionId, body).stream().map(DeadlineView::of).toList();
    }

    /** The transition table as Mermaid, generated from the table the service enforces. */
    @GetMapping(value = "/lifecycle", produces = "text/plain")
    String lifecycle() {
        return AccreditationLifecycle.mermaid();
    }

    @GetMapping(value = "/badges/{number}.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> badge(@PathVariable String number) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"badge-" + number + ".pdf\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(accrediting.printBadge(number));
    }

    @PostMapping("/keys/rotation")
    @PreAuthorize("hasRole('CEC_ADMIN')")
    ResponseEntity<Map<String, String>> rotate() {
        return ResponseEntity.status(201).body(Map.of("kid", keys.rotate()));
    }
}
