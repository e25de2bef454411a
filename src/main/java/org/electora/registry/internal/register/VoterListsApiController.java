package org.electora.registry.internal.register;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.electora.platform.Ui;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Voter lists per station over REST, for the staff of that station's scope: counts and printings, the change log
 * since the first printing, the list as CSV or draft PDF, the official printing; and the election's rule for
 * displaced voters (CEC). Downloads are reads of personal data: a reason is required and every one is logged.
 */
@RestController
@RequestMapping("/api/v1")
class VoterListsApiController {

    static final String LIST_ROLES =
            "hasAnyRole('CEC_ADMIN', 'CONSTITUENCY_OPERATOR', 'PRECINCT_OPERATOR', 'CONSULAR_OFFICER')";
    static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    record PrintRequest(String reason) {
    }

    record RuleRequest(String displacedVoters) {
    }

    private final RegisterLists lists;
    private final DisplacedVotersRule rule;
    private final MessageSource messages;

    VoterListsApiController(RegisterLists lists, DisplacedVotersRule rule, MessageSource messages) {
        this.lists = lists;
        this.rule = rule;
        this.messages = messages;
    }

    @GetMapping("/stations/{station}/voter-list")
    @PreAuthorize(LIST_ROLES)
    RegisterLists.Summary summary(@PathVariable long station, @RequestParam(required = false) Long election) {
        return lists.summary(station, election);
    }

    @GetMapping("/stations/{station}/voter-list/changes")
    @PreAuthorize(LIST_ROLES)
    List<RegisterLists.ListChange> changes(@PathVariable long station, @RequestParam(required = false) Long election) {
        return lists.changes(station, election);
    }

    @GetMapping("/stations/{station}/voter-list.csv")
    @PreAuthorize(LIST_ROLES)
    ResponseEntity<byte[]> csv(@PathVariable long station, @RequestParam(required = false) Long election,
                               @RequestParam(required = false) String reason) {
        RegisterLists.Download csv = lists.csv(station, election, reason);
        return file(HttpStatus.OK, CSV, csv.fileName(), csv.body()).body(csv.body());
    }

    @GetMapping("/stations/{station}/voter-list.pdf")
    @PreAuthorize(LIST_ROLES)
    ResponseEntity<byte[]> draft(@PathVariable long station, @RequestParam(required = false) Long election,
                                 @RequestParam(required = false) String reason, @RequestParam(required = false) String lang) {
        RegisterLists.Download pdf = lists.draftPdf(station, election, reason, labels(messages, lang));
        return file(HttpStatus.OK, MediaType.APPLICATION_PDF, pdf.fileName(), pdf.body()).body(pdf.body());
    }

    /** 201 with the PDF of the new version; its number and hash in X-List-Version and X-Content-SHA256. */
    @PostMapping("/stations/{station}/voter-list/prints")
    @PreAuthorize(LIST_ROLES)
    ResponseEntity<byte[]> print(@PathVariable long station, @RequestParam(required = false) Long election,
                                 @RequestParam(required = false) String lang, @RequestBody(required = false) PrintRequest request) {
        RegisterLists.Printed printed = lists.print(station, election, request == null ? null : request.reason(),
                labels(messages, lang));
        return file(HttpStatus.CREATED, MediaType.APPLICATION_PDF, printed.fileName(), printed.pdf())
                .header("X-List-Version", Integer.toString(printed.version()))
                .header("X-Content-SHA256", printed.sha256()).body(printed.pdf());
    }

    @GetMapping("/register/displaced-voters-rule")
    @PreAuthorize(LIST_ROLES)
    DisplacedVotersRule.Setting displacedRule(@RequestParam long election) {
        return rule.get(election);
    }

    @PutMapping("/register/displaced-voters-rule")
    @PreAuthorize("hasRole('CEC_ADMIN')")
    DisplacedVotersRule.Setting setDisplacedRule(@RequestParam long election, @RequestBody(required = false) RuleRequest request) {
        return rule.set(election, request == null ? null : request.displacedVoters());
    }

    static Function<String, String> labels(MessageSource messages, String lang) {
        Locale locale = lang != null && Ui.LANGUAGES.contains(lang) ? Locale.forLanguageTag(lang) : Locale.ENGLISH;
        return labels(messages, locale);
    }

    static Function<String, String> labels(MessageSource messages, Locale locale) {
        return key -> messages.getMessage(key, null, key, locale);
    }

    static ResponseEntity.BodyBuilder file(HttpStatus status, MediaType type, String name, byte[] body) {
        return ResponseEntity.status(status).contentType(type).contentLength(body.length)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
