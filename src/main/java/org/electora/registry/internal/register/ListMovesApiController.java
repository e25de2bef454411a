package org.electora.registry.internal.register;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Moves between lists over REST (docs/register.md): applications to vote abroad, decided by the station's mission,
 * transfer certificates, and polling-day additions to a supplementary list. Roles here; scopes (the mission, the station) in the services.
 */
@RestController
@RequestMapping("/api/v1")
class ListMovesApiController {

    private static final String CONSULAR = "hasAnyRole('CEC_ADMIN', 'CONSULAR_OFFICER')";
    private static final String LIST_KEEPERS =
            "hasAnyRole('CEC_ADMIN', 'CONSTITUENCY_OPERATOR', 'PRECINCT_OPERATOR', 'CONSULAR_OFFICER')";

    record Rejection(String reason) {
    }

    record Issue(long voterId, Long electionId) {
    }

    record Presentation(String nationalId, long stationId) {
    }

    private static final String STATION_KEEPERS = "hasAnyRole('CEC_ADMIN', 'PRECINCT_OPERATOR', 'CONSULAR_OFFICER')";

    private final VotingAbroad abroad;
    private final TransferCertificates certificates;
    private final PollingDayAdditions additions;

    ListMovesApiController(VotingAbroad abroad, TransferCertificates certificates, PollingDayAdditions additions) {
        this.abroad = abroad;
        this.certificates = certificates;
        this.additions = additions;
    }

    @PostMapping("/abroad-applications")
    @PreAuthorize(CONSULAR)
    ResponseEntity<VotingAbroad.Application> submit(@RequestBody VotingAbroad.NewApplication application) {
        return ResponseEntity.status(HttpStatus.CREATED).body(abroad.submitByOfficer(application));
    }

    @GetMapping("/abroad-applications")
    @PreAuthorize(CONSULAR)
    List<VotingAbroad.ApplicationView> applications(@RequestParam(required = false) String status,
                                                    @RequestParam(required = false) String reason) {
        return abroad.applications(status, reason);
    }

    @PostMapping("/abroad-applications/{id}/approval")
    @PreAuthorize(CONSULAR)
    VotingAbroad.Application approve(@PathVariable long id) {
        return abroad.approve(id);
    }

    @PostMapping("/abroad-applications/{id}/rejection")
    @PreAuthorize(CONSULAR)
    VotingAbroad.Application reject(@PathVariable long id, @RequestBody Rejection rejection) {
        return abroad.reject(id, rejection.reason());
    }

    @PostMapping("/transfer-certificates")
    @PreAuthorize(LIST_KEEPERS)
    ResponseEntity<TransferCertificates.Certificate> issue(@RequestBody Issue issue) {
        return ResponseEntity.status(HttpStatus.CREATED).body(certificates.issue(issue.voterId(), issue.electionId()));
    }

    @PostMapping("/transfer-certificates/{number}/use")
    @PreAuthorize(LIST_KEEPERS)
    ResponseEntity<TransferCertificates.Used> use(@PathVariable String number, @RequestBody Presentation presentation) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(certificates.use(number, presentation.nationalId(), presentation.stationId()));
    }

    /** A polling-day addition to the station's supplementary list without a certificate (docs/register.md). */
    @PostMapping("/stations/{station}/supplementary-additions")
    @PreAuthorize(STATION_KEEPERS)
    ResponseEntity<PollingDayAdditions.Added> addOnPollingDay(@PathVariable long station,
                                                              @RequestBody PollingDayAdditions.Request request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(additions.add(station, request));
    }
}
