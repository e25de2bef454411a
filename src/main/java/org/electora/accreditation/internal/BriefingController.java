package org.electora.accreditation.internal;

import org.electora.platform.PageController;
import org.electora.platform.Ui;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The briefing pack for a visiting head of mission: a page (in the reader's language, switched with {@code ?lang=})
 * and a PDF in the language asked for by {@code lang}.
 */
@Controller
class BriefingController implements PageController {

    private final AccreditationReports reports;
    private final BriefingPdf pdf;

    BriefingController(AccreditationReports reports, BriefingPdf pdf) {
        this.reports = reports;
        this.pdf = pdf;
    }

    @GetMapping("/accreditation/briefing")
    String page(@ModelAttribute("ui") Ui ui, @RequestParam(required = false) Long election, Model model) {
        model.addAttribute("pack", reports.briefing(election, ui.locale()));
        return "accreditation/briefing";
    }

    @GetMapping("/accreditation/briefing.pdf")
    @ResponseBody
    ResponseEntity<byte[]> pdf(@RequestParam(required = false) Long election, @RequestParam(defaultValue = "en") String lang) {
        return response(pdf, reports.briefing(election, AccreditationReports.language(lang)));
    }

    static ResponseEntity<byte[]> response(BriefingPdf pdf, BriefingPack pack) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"briefing-" + pack.electionId() + "-"
                        + pack.language() + "-" + pack.asOf() + ".pdf\"")
                .body(pdf.render(pack));
    }
}
