package org.electora.publication.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.electora.election.Election;
import org.electora.election.ElectionId;
import org.electora.publication.Certification;
import org.electora.publication.PublishOutcome;
import org.electora.publication.Publishing;
import org.electora.publication.ResultsSnapshot;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** CEC commands of the publication module. */
@RestController
@RequestMapping("/api/v1/elections/{election}")
class SnapshotApiController {

    record CertifyRequest(@NotNull @Positive Integer version) {
    }

    private final Publishing publishing;
    private final Certification certification;

    SnapshotApiController(Publishing publishing, Certification certification) {
        this.publishing = publishing;
        this.certification = certification;
    }

    /** 201 with the new snapshot; 200 with the latest when nothing changed. */
    @PostMapping("/snapshots")
    @PreAuthorize("hasRole('CEC_ADMIN')")
    ResponseEntity<ResultsSnapshot> publish(@PathVariable long election) {
        PublishOutcome outcome = publishing.publish(new ElectionId(election));
        return switch (outcome) {
            case PublishOutcome.Published p -> ResponseEntity.status(HttpStatus.CREATED).body(p.snapshot());
            case PublishOutcome.Unchanged u -> ResponseEntity.ok(u.snapshot());
        };
    }

    @PostMapping("/certification")
    @PreAuthorize("hasRole('CEC_ADMIN')")
    Election certify(@PathVariable long election, @Valid @RequestBody CertifyRequest request) {
        return certification.certify(new ElectionId(election), request.version());
    }
}
