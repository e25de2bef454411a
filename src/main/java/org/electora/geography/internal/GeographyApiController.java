package org.electora.geography.internal;

import java.io.InputStreamReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import org.electora.geography.Constituency;
import org.electora.geography.ConstituencyId;
import org.electora.geography.ElectoralMap;
import org.electora.geography.MapImport;
import org.electora.geography.MapVersion;
import org.electora.geography.MapVersionId;
import org.electora.geography.PollingStation;
import org.electora.geography.PollingStationId;
import org.electora.geography.Region;
import org.electora.geography.RegionId;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
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

/** The map over REST: public reads under /api/v1/map, staff writes scoped on the server. */
@RestController
@RequestMapping("/api/v1")
class GeographyApiController {

    private static final long MAX_MAP_BYTES = 64L * 1024 * 1024;

    private final ElectoralMap map;
    private final MapImport importer;
    private final MapExport export;
    private final StationEdits edits;

    GeographyApiController(ElectoralMap map, MapImport importer, MapExport export, StationEdits edits) {
        this.map = map;
        this.importer = importer;
        this.export = export;
        this.edits = edits;
    }

    @GetMapping("/map/versions")
    List<MapVersion> versions() {
        return map.versions();
    }

    @GetMapping("/map/versions/{version}")
    ElectoralMap.MapSummary summary(@PathVariable long version) {
        MapVersionId id = existing(version);
        return map.summary(id);
    }

    @GetMapping("/map/versions/{version}/regions")
    List<Region> regions(@PathVariable long version) {
        return map.regions(existing(version));
    }

    @GetMapping("/map/versions/{version}/constituencies")
    List<Constituency> constituencies(@PathVariable long version) {
        return map.constituencies(existing(version));
    }

    @GetMapping("/map/regions/{region}/constituencies")
    List<Constituency> constituenciesOfRegion(@PathVariable long region) {
        map.region(new RegionId(region)).orElseThrow(() -> new NotFound("No region " + region));
        return map.constituencies(new RegionId(region));
    }

    @GetMapping("/map/constituencies/{constituency}/stations")
    List<PollingStation> stations(@PathVariable long constituency) {
        map.constituency(new ConstituencyId(constituency)).orElseThrow(() -> new NotFound("No constituency " + constituency));
        return map.stations(new ConstituencyId(constituency));
    }

    @GetMapping("/map/stations/{station}")
    PollingStation station(@PathVariable long station) {
        return map.station(new PollingStationId(station)).orElseThrow(() -> new NotFound("No polling station " + station));
    }

    @GetMapping("/map/versions/{version}/stations-abroad")
    List<PollingStation> abroad(@PathVariable long version) {
        return map.stationsAbroad(existing(version));
    }

    @GetMapping(value = "/map/versions/{version}/export.csv", produces = "text/csv")
    ResponseEntity<String> exportCsv(@PathVariable long version) {
        MapVersionId id = existing(version);
        var out = new StringWriter();
        export.write(id, out);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"map-" + version + ".csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8)).body(out.toString());
    }

    /** Imports a map CSV (body) as a new map version; 201 with counts, or 422 with every problem. */
    @PostMapping(value = "/maps", consumes = {"text/csv", "text/plain"})
    @PreAuthorize("hasRole('CEC_ADMIN')")
    ResponseEntity<?> importMap(@RequestParam String country, @RequestParam String name,
                                @RequestParam(defaultValue = "Asia/Baku") String capitalTimeZone,
                                HttpServletRequest request) throws java.io.IOException {
        if (request.getContentLengthLong() > MAX_MAP_BYTES) {
            throw new InvalidInput("GEO-018", "map file larger than " + MAX_MAP_BYTES / (1024 * 1024) + " MiB");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(capitalTimeZone);
        } catch (DateTimeException e) {
            throw new InvalidInput("GEO-005", "\"" + capitalTimeZone + "\" is not an IANA time zone");
        }
        var outcome = importer.importCsv(new MapImport.NewMap(country, name, zone),
                new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8));
        return switch (outcome) {
            case MapImport.ImportOutcome.Imported imported -> ResponseEntity.status(HttpStatus.CREATED).body(imported);
            case MapImport.ImportOutcome.Rejected rejected -> throw new InvalidInput(rejected.problems());
        };
    }

    record StationEdit(@NotBlank String name, @NotBlank String address, BigDecimal latitude, BigDecimal longitude,
                       Integer capacity, @PositiveOrZero int version) {
    }

    /** A station with its version, for staff whose scope covers it. */
    @GetMapping("/stations/{station}")
    PollingStation staffStation(@PathVariable long station) {
        return edits.read(new PollingStationId(station));
    }

    @PutMapping("/stations/{station}")
    PollingStation editStation(@PathVariable long station, @Valid @RequestBody StationEdit edit) {
        return edits.edit(new PollingStationId(station), new StationEdits.Edit(edit.name(), edit.address(),
                edit.latitude(), edit.longitude(), edit.capacity(), edit.version()));
    }

    private MapVersionId existing(long version) {
        MapVersionId id = new MapVersionId(version);
        map.version(id).orElseThrow(() -> new NotFound("No map version " + version));
        return id;
    }
}
