package org.electora.accreditation.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.electora.platform.InvalidInput;
import org.electora.platform.Problem;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Bulk import of a mission's applications (a ZIP as the multipart part {@code file}). Open to the accreditation
 * officer and to observer or journalist accounts of the organisation itself (its coordinator); scope checked in
 * {@link MissionImport}. Answers with the report: 201 applied, 200 the same file was applied before, 422 invalid.
 */
@RestController
@RequestMapping("/api/v1/accreditation/imports")
@PreAuthorize("hasAnyRole('ACCREDITATION_OFFICER', 'CEC_ADMIN', 'OBSERVER', 'JOURNALIST')")
class MissionImportApiController {

    private final MissionImport imports;

    MissionImportApiController(MissionImport imports) {
        this.imports = imports;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, Object>> upload(@RequestParam(name = "file", required = false) MultipartFile file) {
        if (file == null || file.isEmpty()) {
            throw new InvalidInput(MissionImport.NOT_A_ZIP, "send the ZIP as the multipart part \"file\"");
        }
        byte[] zip;
        try {
            zip = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MissionImport.Report report = imports.upload(zip);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.status().name());
        body.put("sha256", report.sha256());
        body.put("rows", report.rows());
        body.put("applicationIds", report.applicationIds());
        if (!report.problems().isEmpty()) {
            body.put("ruleCode", report.problems().getFirst().ruleCode());
            body.put("problems", report.problems().stream().map(MissionImportApiController::problem).toList());
        }
        int status = switch (report.status()) {
            case APPLIED -> 201;
            case ALREADY_APPLIED -> 200;
            case INVALID -> 422;
        };
        return ResponseEntity.status(status).body(body);
    }

    private static Map<String, Object> problem(Problem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", p.line());
        m.put("ruleCode", p.ruleCode());
        m.put("field", p.field());
        m.put("message", p.message());
        return m;
    }
}
