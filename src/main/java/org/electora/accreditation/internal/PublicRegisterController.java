package org.electora.accreditation.internal;

import java.util.Locale;

import org.electora.platform.Digests;
import org.electora.platform.PageController;
import org.electora.platform.Ui;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The public register of accreditation, open to anyone without signing in: a page and its open data (CSV, JSON).
 * Counts only, computed by aggregates over a table of a few thousand rows; a strong ETag over the bytes lets
 * clients and caches revalidate cheaply, and the one-minute Cache-Control lets a CDN absorb a crowd.
 */
@Controller
public class PublicRegisterController implements PageController {

    static final String BASE = "/open-data/accreditation";
    static final String JWKS = "/api/v1/public/accreditation/keys";
    private static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);
    private static final CacheControl CACHE = CacheControl.maxAge(java.time.Duration.ofSeconds(60)).cachePublic();

    private final AccreditationFigures figures;

    PublicRegisterController(AccreditationFigures figures) {
        this.figures = figures;
    }

    /** What the register page shows; public because its template reads it. */
    public record RegisterPage(PublicRegister register, AccreditationStatistics.Headline headline, Locale locale) {
        public String country(String code) {
            return ReportViews.country(code, locale);
        }

        public String jwks() {
            return JWKS;
        }

        public String download(String file) {
            return BASE + "/" + file;
        }
    }

    @GetMapping(BASE)
    String page(@ModelAttribute("ui") Ui ui, Model model) {
        model.addAttribute("page", new RegisterPage(figures.register(), figures.headline(), ui.locale()));
        return "accreditation/register";
    }

    @GetMapping(BASE + "/organisations.csv")
    @ResponseBody
    ResponseEntity<byte[]> organisations(@RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        return file(ifNoneMatch, CSV, RegisterFiles.organisationsCsv(figures.register()));
    }

    @GetMapping(BASE + "/countries.csv")
    @ResponseBody
    ResponseEntity<byte[]> countries(@RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        return file(ifNoneMatch, CSV, RegisterFiles.countriesCsv(figures.register()));
    }

    @GetMapping(BASE + "/register.json")
    @ResponseBody
    ResponseEntity<byte[]> json(@RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        return file(ifNoneMatch, MediaType.APPLICATION_JSON, RegisterFiles.json(figures.register()));
    }

    private static ResponseEntity<byte[]> file(String ifNoneMatch, MediaType type, byte[] body) {
        String etag = "\"" + Digests.sha256(body) + "\"";
        if (ifNoneMatch != null && java.util.Arrays.stream(ifNoneMatch.split(",")).map(String::strip)
                .map(t -> t.startsWith("W/") ? t.substring(2) : t).anyMatch(t -> t.equals(etag) || t.equals("*"))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(CACHE).build();
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(CACHE).contentType(type).body(body);
    }
}
