package org.electora.results.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.electora.election.ProtocolTemplate;
import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStationId;
import org.electora.platform.AccessDenied;
import org.electora.platform.CurrentStaff;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
import org.electora.platform.Problem;
import org.electora.platform.StaffMember;
import org.electora.results.ConstituencyProtocol;
import org.electora.results.ConstituencyProtocols;
import org.electora.results.ProtocolDecision;
import org.electora.results.ProtocolId;
import org.electora.results.ProtocolScan;
import org.electora.results.ProtocolSource;
import org.electora.results.ProtocolSubmission;
import org.electora.results.ProtocolVersion;
import org.electora.results.ProtocolView;
import org.electora.results.Protocols;
import org.electora.results.SubmissionOutcome;
import org.electora.results.Tallies;
import org.electora.results.Tally;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/** Protocols over REST for staff; the public reads published snapshots, not these endpoints. */
@RestController
@RequestMapping("/api/v1")
class ResultsApiController {

    /**
     * Live tallies are for the commissions that run the count and for auditors; precinct and consular operators see
     * their own protocols, observers and journalists read the published snapshots (ADR 0009).
     */
    static final String TALLY_READERS = "hasAnyRole('CEC_ADMIN', 'CONSTITUENCY_OPERATOR', 'AUDITOR')";

    record SubmitRequest(@NotNull UUID clientSubmissionId, @NotNull @Positive Long contestId, @NotNull @Positive Long stationId,
                         @NotNull Map<Integer, Long> lines, @NotNull Map<Integer, Long> votes, Integer version, String reason) {

        /**
         * What the annotations say, checked by hand (the endpoint binds its body itself): every problem, GEN-422; a
         * line or vote sent as {@code null} is missing (PRT-001, RES-003), as if it had not been sent.
         */
        SubmitRequest {
            List<Problem> problems = new ArrayList<>();
            if (clientSubmissionId == null) {
                problems.add(Problem.at(0, "GEN-422", "clientSubmissionId", "clientSubmissionId must not be null"));
            }
            positive(contestId, "contestId", problems);
            positive(stationId, "stationId", problems);
            if (lines == null) {
                problems.add(Problem.at(0, "GEN-422", "lines", "lines must not be null"));
            } else if (lines.containsValue(null)) { // sorted only then: this is every protocol's path
                new TreeMap<>(lines).forEach((n, v) -> {
                    if (v == null) {
                        problems.add(Problem.at(0, ProtocolTemplate.MISSING_LINE, "lines." + n, "line " + n + " is missing (null)"));
                    }
                });
            }
            if (votes == null) {
                problems.add(Problem.at(0, "GEN-422", "votes", "votes must not be null"));
            } else if (votes.containsValue(null)) {
                new TreeMap<>(votes).forEach((n, v) -> {
                    if (v == null) {
                        problems.add(Problem.at(0, "RES-003", "votes." + n, "votes for candidate " + n + " are missing (null)"));
                    }
                });
            }
            if (reason != null && reason.indexOf('\u0000') >= 0) {
                problems.add(Problem.at(0, "GEN-422", "reason", "reason must not contain a NUL character"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidInput(problems);
            }
        }

        private static void positive(Long value, String field, List<Problem> problems) {
            if (value == null) {
                problems.add(Problem.at(0, "GEN-422", field, field + " must not be null"));
            } else if (value <= 0) {
                problems.add(Problem.at(0, "GEN-422", field, field + " must be greater than 0"));
            }
        }
    }

    /**
     * Reads a protocol submission's JSON body with the application's mapper; a body that does not bind is the 400
     * (GEN-400) Spring MVC gives one it cannot read.
     */
    static final class SubmissionReader {
        private final ObjectReader reader;

        SubmissionReader(JsonMapper json) {
            // Strict as every request body (WebConfiguration): a field the protocol does not have is refused.
            this.reader = json.readerFor(SubmitRequest.class);
        }

        SubmitRequest read(HttpServletRequest request) throws IOException {
            try {
                SubmitRequest r = reader.readValue(request.getInputStream());
                if (r == null) {
                    throw new HttpMessageNotReadableException("Required request body is missing", new ServletServerHttpRequest(request));
                }
                return r;
            } catch (JacksonException e) {
                // A check of the record's constructor arrives wrapped by the binding: it is the 422 it was.
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof InvalidInput invalid) {
                        throw invalid;
                    }
                }
                throw new HttpMessageNotReadableException("JSON parse error: " + e.getOriginalMessage(), e,
                        new ServletServerHttpRequest(request));
            }
        }
    }

    record Decision(@NotNull @Positive Integer version, String reason, String decisionReference) {
    }

    record ProtocolDetail(ProtocolView protocol, List<ProtocolVersion> versions, List<ProtocolDecision> decisions) {
    }

    private final Protocols protocols;
    private final GroupCommit groupCommit;
    private final Tallies tallies;
    private final ElectoralMap map;
    private final ConstituencyProtocols constituencyProtocols;
    private final SubmissionReader submissionReader;
    private final ObjectWriter outcomeWriter;

    ResultsApiController(Protocols protocols, GroupCommit groupCommit, Tallies tallies, ElectoralMap map,
                         ConstituencyProtocols constituencyProtocols, JsonMapper json) {
        this.submissionReader = new SubmissionReader(json);
        this.outcomeWriter = json.writerFor(SubmissionOutcome.class);
        this.groupCommit = groupCommit;
        this.protocols = protocols;
        this.tallies = tallies;
        this.map = map;
        this.constituencyProtocols = constituencyProtocols;
    }

    /** The constituency commission signs its summary protocol (409 RES-030 while a station is missing or undecided). */
    @PostMapping("/contests/{contest}/constituencies/{constituency}/summary-protocol")
    ResponseEntity<ConstituencyProtocol> signSummary(@PathVariable long contest, @PathVariable long constituency) {
        return ResponseEntity.status(HttpStatus.CREATED).body(constituencyProtocols.sign(contest, constituency));
    }

    record Withdrawal(String reason, String decisionReference) {
    }

    /** A recorded CEC decision withdraws the signed summary protocol (a recount ordered after the signature). */
    @PostMapping("/contests/{contest}/constituencies/{constituency}/summary-protocol/withdrawal")
    ConstituencyProtocol withdrawSummary(@PathVariable long contest, @PathVariable long constituency,
                                         @RequestBody Withdrawal w) {
        return constituencyProtocols.withdraw(contest, constituency, w.reason(), w.decisionReference());
    }

    /** The signed totals are the constituency's live tally: for the same readers, so that no embargo is broken. */
    @GetMapping("/contests/{contest}/constituencies/{constituency}/summary-protocol")
    @PreAuthorize(TALLY_READERS)
    ConstituencyProtocol summary(@PathVariable long contest, @PathVariable long constituency) {
        return constituencyProtocols.signed(contest, constituency)
                .orElseThrow(() -> new NotFound("The summary protocol of constituency " + constituency + " is not signed"));
    }

    /**
     * 201 with the outcome; 200 when the same submission was already recorded (idempotent replay).
     * <p>
     * The one endpoint of election night's load: it reads and writes its JSON itself, with the application's own
     * mapper, instead of through Spring MVC's argument resolvers, bean validation and message converters (a fifth of
     * a request thread's CPU in the replay benchmark's profile, docs/benchmarks.md). The answers are the same: 400
     * GEN-400 for JSON that does not bind, 415 for another content type, 422 GEN-422 naming each missing or
     * non-positive field, and every other refusal through {@code ApiExceptionHandler} as before.
     */
    @PostMapping(value = "/protocols", consumes = MediaType.APPLICATION_JSON_VALUE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = SubmitRequest.class)))
    @ApiResponse(responseCode = "201", description = "recorded (200: the same submission id and content again)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = SubmissionOutcome.class)))
    void submit(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SubmitRequest r = submissionReader.read(request);
        SubmissionOutcome outcome = groupCommit.submit(new ProtocolSubmission(r.clientSubmissionId(), r.contestId(),
                r.stationId(), r.lines(), r.votes(), r.version(), r.reason()), ProtocolSource.ELECTRONIC);
        response.setStatus(outcome.replay() ? HttpStatus.OK.value() : HttpStatus.CREATED.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        outcomeWriter.writeValue(response.getOutputStream(), outcome);
    }

    @GetMapping("/protocols/{id}")
    ProtocolDetail protocol(@PathVariable long id) {
        ProtocolView p = readable(id);
        return new ProtocolDetail(p, protocols.versions(p.id()), protocols.decisions(p.id()));
    }

    @PostMapping("/protocols/{id}/acceptance")
    ProtocolView accept(@PathVariable long id, @Valid @RequestBody Decision d) {
        return protocols.accept(new ProtocolId(id), d.version());
    }

    @PostMapping("/protocols/{id}/release")
    ProtocolView release(@PathVariable long id, @Valid @RequestBody Decision d) {
        return protocols.release(new ProtocolId(id), d.version(), d.reason(), d.decisionReference());
    }

    @PostMapping("/protocols/{id}/annulment")
    ProtocolView annul(@PathVariable long id, @Valid @RequestBody Decision d) {
        return protocols.annul(new ProtocolId(id), d.version(), d.reason(), d.decisionReference());
    }

    @PutMapping(value = "/protocols/{id}/versions/{version}/scan",
            consumes = {MediaType.APPLICATION_PDF_VALUE, MediaType.IMAGE_JPEG_VALUE, MediaType.IMAGE_PNG_VALUE})
    ResponseEntity<Map<String, String>> scan(@PathVariable long id, @PathVariable int version,
                                             @RequestHeader("Content-Type") String contentType,
                                             @RequestBody(required = false) byte[] content) {
        String sha256 = protocols.attachScan(new ProtocolId(id), version, contentType, content);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("sha256", sha256));
    }

    /** The scan's bytes with the type detected when it was attached; 404 when the version has none. */
    @GetMapping("/protocols/{id}/versions/{version}/scan")
    ResponseEntity<byte[]> scan(@PathVariable long id, @PathVariable int version) {
        ProtocolScan scan = protocols.scan(new ProtocolId(id), version)
                .orElseThrow(() -> new NotFound("Version " + version + " of protocol " + id + " has no scan"));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(scan.mediaType()))
                .header("Digest", "sha-256=" + scan.sha256())
                .header("Cache-Control", "private, no-store")
                .body(scan.content());
    }

    @PreAuthorize(TALLY_READERS)
    @GetMapping("/contests/{contest}/tallies/national")
    Tally national(@PathVariable long contest) {
        return tallies.national(contest);
    }

    @PreAuthorize(TALLY_READERS)
    @GetMapping("/contests/{contest}/tallies/regions")
    List<Tally> regions(@PathVariable long contest) {
        return tallies.byRegion(contest);
    }

    @PreAuthorize(TALLY_READERS)
    @GetMapping("/contests/{contest}/tallies/constituencies")
    List<Tally> constituencies(@PathVariable long contest) {
        return tallies.byConstituency(contest);
    }

    @PreAuthorize(TALLY_READERS)
    @GetMapping("/contests/{contest}/tallies/countries")
    List<Tally> countries(@PathVariable long contest) {
        return tallies.byHostCountry(contest);
    }

    private ProtocolView readable(long id) {
        StaffMember staff = CurrentStaff.require();
        if (!SubmittingProtocols.READERS.contains(staff.role())) {
            throw new AccessDenied("Your role does not read protocols; published results are open data");
        }
        ProtocolView p = protocols.protocol(new ProtocolId(id)).orElseThrow(() -> SubmittingProtocols.noProtocol(staff, id));
        CurrentStaff.requireScope(map.station(new PollingStationId(p.stationId())).orElseThrow().jurisdiction());
        return p;
    }
}
