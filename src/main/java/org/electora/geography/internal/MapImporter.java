package org.electora.geography.internal;

import java.io.Reader;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.electora.audit.AuditLog;
import org.electora.audit.Disposition;
import org.electora.geography.MapImport;
import org.electora.geography.MapImported;
import org.electora.geography.MapVersionId;
import org.electora.platform.TextFiles;
import org.electora.platform.CurrentStaff;
import org.electora.platform.Digests;
import org.electora.platform.Problem;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class MapImporter implements MapImport {

    private final MapWriter writer;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    MapImporter(MapWriter writer, AuditLog audit, ApplicationEventPublisher events) {
        this.writer = writer;
        this.audit = audit;
        this.events = events;
    }

    @Override
    @Transactional
    public ImportOutcome importCsv(NewMap map, Reader csv) {
        String text = TextFiles.readAll(csv);
        String country = map.countryCode().toUpperCase(Locale.ROOT);
        // Any two letters: ISO 3166 leaves XA–XZ to user assignment, which a fictional or historic map may use.
        if (!country.matches("[A-Z]{2}")) {
            return reject(map, new ImportOutcome.Rejected(List.of(Problem.at(0, "GEO-010", "country",
                    "\"" + map.countryCode() + "\" is not a two-letter ISO 3166-1 country code"))));
        }
        return switch (MapCsv.parse(new StringReader(text), map.capitalZone())) {
            case MapCsv.Parsed.Invalid invalid -> reject(map, new ImportOutcome.Rejected(invalid.problems()));
            case MapCsv.Parsed.Valid valid -> {
                var parsed = valid.map();
                MapVersionId id = writer.write(country, map.name(), map.capitalZone(), Digests.sha256(text),
                        CurrentStaff.actorName(), parsed);
                audit.record("map.imported", "map-version:" + id, Map.of("country", country, "name", map.name(),
                        "regions", parsed.regions().size(), "constituencies", parsed.constituencies().size(),
                        "stations", parsed.stations().size(), "sourceSha256", Digests.sha256(text)));
                events.publishEvent(new MapImported(id, country, map.name(), parsed.stations().size()));
                yield new ImportOutcome.Imported(id, parsed.regions().size(), parsed.constituencies().size(),
                        parsed.stations().size());
            }
        };
    }

    // A rejected import writes nothing but its own audit event: who tried, and how many problems.
    private ImportOutcome reject(NewMap map, ImportOutcome.Rejected rejected) {
        audit.record("map.import-rejected", "map:" + map.countryCode(), Disposition.REJECTED,
                Map.of("name", map.name(), "problems", rejected.problems().size(),
                        "firstRule", rejected.problems().getFirst().ruleCode()));
        return rejected;
    }
}
