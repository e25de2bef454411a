package org.electora.results.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
import org.electora.platform.PageController;
import org.electora.platform.PageNotice;
import org.electora.results.HistoricMapping;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The CEC's import of a historic election's per-station results from the browser (docs/historic-import.md): a CSV and
 * its column mapping (a shipped one, or a properties file sent with it) start a job that runs in the background; its
 * page shows each phase's progress while it runs, then what was imported — or the validation report, every problem
 * with its line and rule code, also as CSV. Nothing of a refused file is written.
 */
@Controller
class HistoricImportPages implements PageController {

    /** The mapping choice that means "the file sent with it". */
    static final String OWN_MAPPING = "file";
    /** Problems shown on the page; the CSV report has them all. */
    static final int SHOWN = 500;

    private final HistoricImportJobs jobs;

    HistoricImportPages(HistoricImportJobs jobs) {
        this.jobs = jobs;
    }

    @GetMapping("/historic-imports")
    String list(Model model) {
        model.addAttribute("jobs", jobs.jobs());
        model.addAttribute("mappings", HistoricMappings.SHIPPED.keySet());
        if (!model.containsAttribute("notice")) {
            model.addAttribute("notice", null);
        }
        return "results/historic-imports";
    }

    @PostMapping("/historic-imports")
    String start(@RequestParam(required = false) MultipartFile file, @RequestParam(defaultValue = "") String mapping,
                 @RequestParam(required = false) MultipartFile mappingFile, RedirectAttributes redirect) {
        HistoricImportJobs.requireCec(); // the role first: nobody else learns from the form's checks what it would do
        UUID[] started = new UUID[1];
        PageNotice notice = PageNotice.attempt(() -> {
            if (file == null || file.isEmpty()) {
                throw new InvalidInput("HIS-008", "Choose the results file (CSV) to import");
            }
            HistoricMapping chosen;
            String mappingName;
            if (OWN_MAPPING.equals(mapping)) {
                if (mappingFile == null || mappingFile.isEmpty()) {
                    throw new InvalidInput(HistoricMappings.UNUSABLE, "Choose the mapping file (.properties) to import with");
                }
                mappingName = name(mappingFile);
                chosen = HistoricMappings.read(new InputStreamReader(stream(mappingFile), StandardCharsets.UTF_8), mappingName);
            } else {
                mappingName = mapping;
                chosen = HistoricMappings.shipped(mapping).orElseThrow(() -> new InvalidInput(HistoricMappings.UNUSABLE,
                        "There is no shipped mapping \"" + mapping + "\"; choose one of " + HistoricMappings.SHIPPED.keySet()
                                + " or send a mapping file"));
            }
            started[0] = jobs.start(chosen, mappingName, name(file), text(file)).id;
            return PageNotice.done("historic.started");
        });
        redirect.addFlashAttribute("notice", notice);
        return started[0] == null ? "redirect:/historic-imports" : "redirect:/historic-imports/" + started[0];
    }

    @GetMapping("/historic-imports/{id}")
    String job(@PathVariable String id, Model model) {
        model.addAttribute("job", find(id));
        model.addAttribute("shown", SHOWN);
        if (!model.containsAttribute("notice")) {
            model.addAttribute("notice", null);
        }
        return "results/historic-import";
    }

    /** The validation report of a refused file: every problem, with its line, rule code, column and message. */
    @GetMapping("/historic-imports/{id}/report.csv")
    ResponseEntity<String> report(@PathVariable String id) {
        HistoricImportJobs.Job job = find(id);
        var rejected = job.rejected().orElseThrow(() -> new NotFound("The import of " + job.file + " has no validation report"
                + (job.finished() ? ": it was not refused" : " yet: it is still running")));
        StringWriter out = new StringWriter();
        try (var csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get())) {
            csv.printRecord("line", "rule", "column", "problem");
            for (var p : rejected.problems()) {
                csv.printRecord(p.line(), p.ruleCode(), p.field() == null ? "" : p.field(), p.message());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"import-report-" + job.id + ".csv\"")
                .body(out.toString());
    }

    private HistoricImportJobs.Job find(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            HistoricImportJobs.requireCec(); // the role first: a 403, not a 404 that tells what ids look like
            throw new NotFound("No import " + id);
        }
        return jobs.job(uuid).orElseThrow(() -> new NotFound("No import " + id + " (imports are listed until Electora restarts)"));
    }

    private static String name(MultipartFile file) {
        String name = file.getOriginalFilename();
        return name == null || name.isBlank() ? "(unnamed)" : name;
    }

    private static java.io.InputStream stream(MultipartFile file) {
        try {
            return file.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(MultipartFile file) {
        try {
            return new String(file.getBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
