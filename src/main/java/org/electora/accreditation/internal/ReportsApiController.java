package org.electora.accreditation.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The dashboard's figures and the briefing pack over the API; roles checked here and again in the service. */
@RestController
@PreAuthorize(ReportRoles.STATISTICS_AUTHORITIES)
class ReportsApiController {

    private final AccreditationReports reports;
    private final BriefingPdf pdf;

    ReportsApiController(AccreditationReports reports, BriefingPdf pdf) {
        this.reports = reports;
        this.pdf = pdf;
    }

    /** Every figure of the dashboard, with the headline sentence in {@code lang}. */
    @GetMapping("/api/v1/accreditation/statistics")
    Map<String, Object> statistics(@RequestParam(defaultValue = "en") String lang) {
        var locale = AccreditationReports.language(lang);
        AccreditationStatistics s = reports.statistics();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("headlineSentence", reports.headlineSentence(s.headline(), locale));
        out.put("headline", s.headline());
        out.put("applications", s.applications());
        out.put("accredited", s.accredited());
        out.put("byStatus", s.byStatus());
        out.put("byCategory", s.byCategory());
        out.put("byOrganisationKind", s.byOrganisationKind());
        out.put("byOrganisation", s.byOrganisation());
        out.put("byCountry", s.byCountry());
        return out;
    }

    @GetMapping("/api/v1/accreditation/briefing")
    BriefingPack briefing(@RequestParam(required = false) Long election, @RequestParam(defaultValue = "en") String lang) {
        return reports.briefing(election, AccreditationReports.language(lang));
    }

    @GetMapping("/api/v1/accreditation/briefing.pdf")
    ResponseEntity<byte[]> briefingPdf(@RequestParam(required = false) Long election, @RequestParam(defaultValue = "en") String lang) {
        return BriefingController.response(pdf, reports.briefing(election, AccreditationReports.language(lang)));
    }
}
