package org.electora.results.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

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
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Command line: {@code --electora.import.russia2018=<path of 2018-president-uik.csv>} imports the Russian 2018
 * presidential election on start (docs/historic-import.md), with a console progress bar.
 * {@code --electora.import.part=MAP_AND_ELECTION} stops after the map and the election (the benchmark replays the
 * protocols over HTTP); the application keeps running afterwards.
 */
@Component
@Order(20)
@ConditionalOnProperty("electora.import.russia2018")
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
        Path file = Path.of(environment.getRequiredProperty("electora.import.russia2018"));
        var part = HistoricImport.Part.valueOf(environment.getProperty("electora.import.part", "EVERYTHING"));
        log.info("Importing {} ({})", file.toAbsolutePath(), part);
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
            outcome = CurrentStaff.runAsSystem(() -> historicImport.importCsv(HistoricMapping.russia2018(), reader, part, progress));
        } finally {
            bars.values().forEach(ProgressBar::close);
        }
        switch (outcome) {
            case HistoricImport.Outcome.Imported i -> {
                log.info("Imported election {} (contest {}) on map version {}: {} regions, {} constituencies, {} stations, "
                                + "{} protocols accepted, {} quarantined, in {} ms", i.election().value(), i.contest().value(),
                        i.mapVersion().value(), i.regions(), i.constituencies(), i.stations(), i.accepted(),
                        i.quarantined().size(), i.took().toMillis());
                i.quarantined().forEach(q -> log.warn("Quarantined: line {} station {} breaks {}", q.line(), q.stationCode(), q.ruleCodes()));
            }
            case HistoricImport.Outcome.Rejected r -> {
                r.problems().forEach(p -> log.error("{}", p));
                log.error("Import rejected: {} problem(s), nothing written", r.problems().size());
            }
        }
    }
}
