package org.electora.registry.internal.register;

import java.net.URI;

import org.electora.registry.VoterId;
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
 * Voter status changes (CEC) and the review queue of probable duplicates over REST (docs/register.md). Roles here;
 * scopes (both voters of a case within the caller's) in {@link DuplicateReview}.
 */
@RestController
@RequestMapping("/api/v1")
class ReviewApiController {

    private static final String REVIEWERS = "hasAnyRole('CEC_ADMIN', 'CONSTITUENCY_OPERATOR', 'CONSULAR_OFFICER')";

    record RunRequest(String region) {
    }

    private final VoterStatuses statuses;
    private final DuplicateRuns runs;
    private final DuplicateReview review;

    ReviewApiController(VoterStatuses statuses, DuplicateRuns runs, DuplicateReview review) {
        this.statuses = statuses;
        this.runs = runs;
        this.review = review;
    }

    @PostMapping("/voters/{id}/status-changes")
    @PreAuthorize("hasRole('CEC_ADMIN')")
    ResponseEntity<VoterStatuses.Changed> changeStatus(@PathVariable long id, @RequestBody VoterStatuses.Request request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(statuses.change(new VoterId(id), request));
    }

    /** 202: the run goes on in the background; poll the Location for its progress. */
    @PostMapping("/register/duplicate-runs")
    @PreAuthorize("hasRole('CEC_ADMIN')")
    ResponseEntity<DuplicateRuns.Run> detect(@RequestBody(required = false) RunRequest request) {
        DuplicateRuns.Run run = runs.start(request == null ? null : request.region());
        return ResponseEntity.accepted().location(URI.create("/api/v1/register/duplicate-runs/" + run.id())).body(run);
    }

    @GetMapping("/register/duplicate-runs/{id}")
    @PreAuthorize("hasRole('CEC_ADMIN')")
    DuplicateRuns.Run run(@PathVariable long id) {
        return runs.run(id);
    }

    @GetMapping("/register/duplicate-cases")
    @PreAuthorize(REVIEWERS)
    DuplicateReview.Page cases(@RequestParam(required = false) String status, @RequestParam(required = false) Integer page,
                               @RequestParam(required = false) Integer size) {
        return review.cases(status, page, size);
    }

    /** Both voters side by side: personal data, so a reason is required and the read is logged. */
    @GetMapping("/register/duplicate-cases/{id}")
    @PreAuthorize(REVIEWERS)
    DuplicateReview.CaseView duplicateCase(@PathVariable long id, @RequestParam(required = false) String reason) {
        return review.view(id, reason);
    }

    @PostMapping("/register/duplicate-cases/{id}/decision")
    @PreAuthorize(REVIEWERS)
    DuplicateReview.Case decide(@PathVariable long id, @RequestBody DuplicateReview.Decision decision) {
        return review.decide(id, decision);
    }
}
