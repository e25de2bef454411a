package org.electora.results.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.electora.platform.CurrentStaff;
import org.electora.results.HistoricImport;
import org.electora.results.HistoricMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Command line (docs/historic-import.md): {@code --electora.import.results=<csv> --electora.import.mapping=<properties>}
 * imports a historic election's per-station results on start, with a console progress bar; the mapping may also name
 * a shipped one ({@code russia-2018}, {@code russia-2024}). {@code --electora.import.russia2018=<csv>} is short for the
 * 2018 file with its mapping. {@code --electora.import.part=MAP_AND_ELECTION} stops after the map and the election
 * (the benchmark replays the protocols over HTTP); the application keeps running afterwards.
 */
@Component
@Order(20)
@ConditionalOnExpression("'${electora.import.russia2018:}' != '' or '${electora.import.results:}' != ''")
class HistoricImportRunner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(HistoricImportRunner.class);

    private final HistoricImport historicImport;
    private final Environment environment;

    HistoricImportRunner(HistoricImport historicImport, Environment environment) {
        this.historicImport = historicImport;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        String russia2018 = environment.getProperty("electora.import.russia2018", "");
        Path file = Path.of(russia2018.isEmpty() ? environment.getRequiredProperty("electora.import.results") : russia2018);
        HistoricMapping mapping = russia2018.isEmpty()
                ? mapping(environment.getRequiredProperty("electora.import.mapping"))
                : HistoricMapping.russia2018();
        var part = HistoricImport.Part.valueOf(environment.getProperty("electora.import.part", "EVERYTHING"));
        log.info("Importing {} as \"{}\" ({})", file.toAbsolutePath(), mapping.electionName(), part);
        Map<String, ProgressBar> bars = new HashMap<>();
        HistoricImport.Progress progress = (phase, done, total) -> {
            ProgressBar bar = bars.computeIfAbsent(phase, p -> new ProgressBarBuilder().setTaskName(p)
                    .setInitialMax(total).setStyle(ProgressBarStyle.ASCII).setUnit(" rows", 1).showSpeed().build());
            if (total >= 0 && bar.getMax() != total) {
                bar.maxHint(total);
            }
            bar.stepTo(done);
        };
        HistoricImport.Outcome outcome;
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            outcome = CurrentStaff.runAsSystem(() -> historicImport.importCsv(mapping, reader, part, progress));
        } finally {
            bars.values().forEach(ProgressBar::close);
        }
        switch (outcome) {
            case HistoricImport.Outcome.Imported i -> {
                log.info("Imported election {} (contest {}) on map version {}: {} regions, {} constituencies, {} stations, "
                                + "{} protocols accepted, {} quarantined, {} stations without numbers, in {} ms",
                        i.election().value(), i.contest().value(), i.mapVersion().value(), i.regions(), i.constituencies(),
                        i.stations(), i.accepted(), i.quarantined().size(), i.withoutNumbers(), i.took().toMillis());
                i.quarantined().forEach(q -> log.warn("Quarantined: line {} station {} breaks {}", q.line(), q.stationCode(), q.ruleCodes()));
            }
            case HistoricImport.Outcome.Rejected r -> {
                // Every problem with its line and rule code (HIS-0xx), and nothing written: the validation report.
                r.problems().forEach(p -> log.error("{}", p));
                log.error("Import rejected: {} problem(s), nothing written", r.problems().size());
            }
        }
    }

    /** A shipped mapping by name ({@code russia-2018}, {@code russia-2024}), or a properties file; a broken one says why (HIS-012). */
    static HistoricMapping mapping(String nameOrPath) throws IOException {
        Optional<HistoricMapping> shipped = HistoricMappings.shipped(nameOrPath);
        if (shipped.isPresent()) {
            return shipped.get();
        }
        try (var reader = Files.newBufferedReader(Path.of(nameOrPath), StandardCharsets.UTF_8)) {
            return HistoricMappings.read(reader, nameOrPath);
        }
    }
}
