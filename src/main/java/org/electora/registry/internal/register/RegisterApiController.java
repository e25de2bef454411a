package org.electora.registry.internal.register;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.electora.geography.PollingStationId;
import org.electora.platform.InvalidInput;
import org.electora.registry.RegisterImport;
import org.electora.registry.VoterId;
import org.springframework.http.HttpHeaders;
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

/** The register over REST: imports, assignment (CEC), scoped reads of personal data, and the public lookup. */
@RestController
@RequestMapping("/api/v1")
class RegisterApiController {

    /** Larger files go through the command line (docs/register-csv.md). */
    static final long MAX_IMPORT_BYTES = 256L * 1024 * 1024;
    private static final String PERSONAL_DATA_ROLES =
            "hasAnyRole('CEC_ADMIN', 'CONSTITUENCY_OPERATOR', 'PRECINCT_OPERATOR', 'CONSULAR_OFFICER')";

    private final RegisterImport importer;
    private final Assignments assignments;
    private final VoterRecords voters;
    private final WhereDoIVote lookup;
    private final LookupRateLimiter limiter;

    RegisterApiController(RegisterImport importer, Assignments assignments, VoterRecords voters, WhereDoIVote lookup,
                          LookupRateLimiter limiter) {
        this.importer = importer;
        this.assignments = assignments;
        this.voters = voters;
        this.lookup = lookup;
        this.limiter = limiter;
    }

    /** 201 with the report when applied; 422 with the same report (problems by rule code and line) when rejected. */
    @PostMapping(value = "/register/imports", consumes = {"text/csv", "text/plain", "application/octet-stream"})
    @PreAuthorize("hasRole('CEC_ADMIN')")
    ResponseEntity<RegisterImport.Report> importRegister(HttpServletRequest request) throws IOException {
        long size = request.getContentLengthLong();
        if (size > MAX_IMPORT_BYTES) {
            throw new InvalidInput("REG-019", "files over " + MAX_IMPORT_BYTES / (1024 * 1024) + " MiB go through the command line");
        }
        var in = new java.io.FilterInputStream(request.getInputStream()) {
            private long read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                read += Math.max(0, n);
                if (read > MAX_IMPORT_BYTES) {
                    throw new InvalidInput("REG-019", "files over " + MAX_IMPORT_BYTES / (1024 * 1024) + " MiB go through the command line");
                }
                return n;
            }
        };
        RegisterImport.Report report = importer.importCsv(in, size, RegisterImport.Progress.NONE);
        return ResponseEntity.status(report.outcome() == RegisterImport.Outcome.APPLIED ? HttpStatus.CREATED
                : HttpStatus.UNPROCESSABLE_CONTENT).body(report);
    }

    @PostMapping("/register/assignment-rules")
    @PreAuthorize("hasRole('CEC_ADMIN')")
    ResponseEntity<Assignments.Rule> addRule(@RequestBody Assignments.NewRule rule) {
        return ResponseEntity.status(HttpStatus.CREATED).body(assignments.addRule(rule));
    }

    @GetMapping("/register/assignment-rules")
    @PreAuthorize("hasRole('CEC_ADMIN')")
    List<Assignments.Rule> rules(@RequestParam long mapVersion) {
        return assignments.rules(mapVersion);
    }

    /** Assigns every active domestic voter not yet on a list of the election; the report names uncovered streets. */
    @PostMapping("/register/assignments")
    @PreAuthorize("hasRole('CEC_ADMIN')")
    Assignments.Report assign(@RequestParam long election) {
        return assignments.assign(election);
    }

    @GetMapping("/voters/{id}")
    @PreAuthorize(PERSONAL_DATA_ROLES)
    VoterRecords.VoterView voter(@PathVariable long id, @RequestParam(required = false) String reason,
                                 @RequestParam(required = false) Long election) {
        return voters.voter(new VoterId(id), election, reason);
    }

    @GetMapping("/stations/{station}/voters")
    @PreAuthorize(PERSONAL_DATA_ROLES)
    List<VoterRecords.VoterView> stationList(@PathVariable long station, @RequestParam(required = false) String reason,
                                             @RequestParam(required = false) Long election) {
        return voters.stationList(new PollingStationId(station), election, reason);
    }

    /** Public. 200 when found, 404 with the same shape (found false) for an unknown id or a wrong date of birth. */
    @GetMapping("/public/where-do-i-vote")
    ResponseEntity<WhereDoIVote.Answer> whereDoIVote(@RequestParam(required = false) String nationalId,
                                                     @RequestParam(required = false) String dateOfBirth,
                                                     HttpServletRequest request) {
        long wait = limiter.acquire(request.getRemoteAddr());
        if (wait > 0) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, Long.toString(wait))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
        WhereDoIVote.Answer answer = lookup.lookup(nationalId, dateOfBirth);
        return ResponseEntity.status(answer.found() ? HttpStatus.OK : HttpStatus.NOT_FOUND)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(answer);
    }
}
