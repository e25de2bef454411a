package org.electora.accreditation.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.electora.accreditation.AccreditationLifecycle;
import org.electora.accreditation.ApplicationStatus;
import org.electora.accreditation.ReviewAction;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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

    AccreditationApiController(Accrediting accrediting, CommissionKeys keys) {
        this.accrediting = accrediting;
        this.keys = keys;
    }

    record ApplicationView(long id, long organisationId, String category, String givenNames, String familyName,
                           String documentNumber, String nationality, List<String> languages, ApplicationStatus status,
                           String statusReason, String badgeNumber, String validFrom, String validUntil,
                           String credential, int version,
                           List<ReviewAction> allowedActions) {
        static ApplicationView of(Application a) {
            return new ApplicationView(a.id(), a.organisationId(), a.category().name(), a.givenNames(), a.familyName(),
                    a.documentNumber(), a.nationality(), a.languages(), a.status(), a.statusReason(), a.badgeNumber(),
                    a.validFrom() == null ? null : a.validFrom().toString(),
                    a.validUntil() == null ? null : a.validUntil().toString(), a.credential(), a.version(),
                    List.copyOf(AccreditationLifecycle.allowed(a.status())));
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
