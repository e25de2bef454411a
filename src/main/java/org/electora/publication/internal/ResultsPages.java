package org.electora.publication.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.electora.election.Election;
import org.electora.election.ElectionId;
import org.electora.election.Elections;
import org.electora.geography.ElectoralMap;
import org.electora.geography.MapVersionId;
import org.electora.geography.PollingStation;
import org.electora.platform.CurrentStaff;
import org.electora.platform.NotFound;
import org.electora.platform.PageController;
import org.electora.platform.Ui;
import org.electora.publication.Publishing;
import org.electora.publication.ResultsSnapshot;
import org.electora.publication.SnapshotContent;
import org.electora.publication.SnapshotContent.Area;
import org.electora.results.ProtocolDecision;
import org.electora.results.ProtocolId;
import org.electora.results.ProtocolVersion;
import org.electora.results.ProtocolView;
import org.electora.results.Protocols;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.support.RequestContextUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public results pages. Every number comes from a published snapshot (never the live tables); a station's
 * version history shows the protocol versions submitted up to that snapshot (versions are append-only).
 */
@Controller
public class ResultsPages implements PageController {

    /** Colours of candidates by ballot order (colour-blind-safe palette, Okabe–Ito). */
    public static final List<String> COLOURS = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
            "#56B4E9", "#F0E442", "#000000");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** This process's pages: an ETag of a page rendered by an earlier release (other templates) must not match. */
    private static final String RELEASE = Long.toString(System.currentTimeMillis(), 36);

    private final Publishing publishing;
    private final Elections elections;
    private final ElectoralMap map;
    private final Protocols protocols;
    private final PublicSnapshots snapshots;
    private final Embargo embargo;
    private final MessageSource messages;
    private final Map<Long, Map<String, PollingStation>> stationsByMap = new ConcurrentHashMap<>();

    ResultsPages(Publishing publishing, Elections elections, ElectoralMap map, Protocols protocols, PublicSnapshots snapshots,
                 Embargo embargo, MessageSource messages) {
        this.embargo = embargo;
        this.messages = messages;
        this.publishing = publishing;
        this.elections = elections;
        this.map = map;
        this.protocols = protocols;
        this.snapshots = snapshots;
    }

    /** A snapshot with what every results page shows around it. */
    public record Page(Election election, ResultsSnapshot snapshot, SnapshotContent content, List<ResultsSnapshot> all) {
        /** The capital's zone, in which the snapshot tells national times. */
        public ZoneId capitalZone() {
            return ZoneId.of(content.election().timeZone());
        }

        public String colour(int ballotOrder) {
            return COLOURS.get((ballotOrder - 1) % COLOURS.size());
        }

        public String candidate(int ballotOrder) {
            return content.candidateName(ballotOrder);
        }

        /** Two decimals, written as the reader writes them (61.99 % in English, 61,99 % in Azerbaijani and Russian). */
        public String percent(long part, long whole) {
            return whole == 0 ? "–" : String.format(Ui.supported(LocaleContextHolder.getLocale()), "%.2f %%", 100.0 * part / whole);
        }

        public long votes(Area a, int ballotOrder) {
            return a.votes(ballotOrder);
        }

        public long votes(SnapshotContent.Station s, int ballotOrder) {
            return s.votes(ballotOrder);
        }

        /** Ballot order of the candidate with most votes, 0 when nothing is counted. */
        public int leader(List<Long> votes) {
            return leaderOf(votes);
        }

        /** A region's or constituency's name by its code, for the way up from a page (its code when unknown). */
        public String areaName(String code) {
            return Stream.concat(content.regions().stream(), content.constituencies().stream())
                    .filter(a -> a.code().equals(code)).map(Area::name).findFirst().orElse(code);
        }

        public String base(String query) {
            return "/results/elections/" + election.id().value() + query + "?sequence=" + snapshot.sequence();
        }

        public String download(String file) {
            return "/open-data/elections/" + election.id().value() + "/" + snapshot.sequence() + "/" + file;
        }
    }

    /** Ballot order of the candidate with most votes, 0 when nothing is counted. */
    static int leaderOf(List<Long> votes) {
        int best = 0;
        long max = 0;
        for (int i = 0; i < votes.size(); i++) {
            if (votes.get(i) > max) {
                max = votes.get(i);
                best = i + 1;
            }
        }
        return best;
    }

    /** A constituency drawn on the map: its stations' centre, its size by voters, its colour by the leader. */
    public record MapDot(String code, String name, double x, double y, double r, String colour, String label) {
    }

    /** A station whose protocol was quarantined, corrected, amended, released or annulled, with those steps in order. */
    public record Correction(SnapshotContent.Station station, List<SnapshotContent.Step> steps) {
        /** A step's instant, for display in UTC. */
        public ZonedDateTime at(SnapshotContent.Step step) {
            return Instant.parse(step.at()).atZone(ZoneOffset.UTC);
        }
    }

    /**
     * One line of a station protocol across its versions; {@code changed} where a version differs from the one before.
     * {@code line} is the form's line (its name is shown in the page's language), null for a candidate's votes.
     */
    public record VersionRow(SnapshotContent.Line line, String label, List<Long> values, List<Boolean> changed) {
    }

    /**
     * Where a station abroad is and when its polls closed, by its own clock and by the capital's; {@code zone} and the
     * times are null when the map holds no such station (the snapshot still names the country).
     */
    public record Abroad(String countryCode, String country, ZoneId zone, ZonedDateTime closedLocal,
                         ZonedDateTime closedInCapital) {
        /** The zone's offset on polling day, e.g. "+03:00". */
        public String offset() {
            return closedLocal.getOffset().getId().replace("Z", "+00:00");
        }

        /** Whether polls closed there on another day by the capital's calendar (its date is shown then). */
        public boolean capitalOnAnotherDay() {
            return !closedInCapital.toLocalDate().equals(closedLocal.toLocalDate());
        }
    }

    /** A station abroad's country and clocks; null for a station at home. */
    static Abroad abroad(Page page, SnapshotContent.Station station, Optional<PollingStation> onMap, Locale locale) {
        if (station.hostCountry() == null) {
            return null;
        }
        String country = Ui.country(station.hostCountry(), locale);
        if (onMap.isEmpty()) {
            return new Abroad(station.hostCountry(), country, null, null, null);
        }
        ZoneId zone = onMap.get().timeZone();
        ZonedDateTime closed = page.election().closesAt(zone);
        return new Abroad(station.hostCountry(), country, zone, closed, closed.withZoneSameInstant(page.capitalZone()));
    }

    @GetMapping("/results")
    String current() {
        Election election = elections.current().orElseThrow(() -> notFound("No election yet"));
        return "redirect:/results/elections/" + election.id().value();
    }

    @GetMapping("/results/elections/{id}")
    String nation(@PathVariable long id, @RequestParam(required = false) Integer sequence, Model model,
                  ServletWebRequest request) {
        Page page = page(id, sequence);
        if (unchanged(page, request)) {
            return null;
        }
        model.addAttribute("page", page);
        model.addAttribute("dots", dots(page));
        model.addAttribute("chartData", chartData(page));
        return "publication/nation";
    }

    @GetMapping("/results/elections/{id}/regions/{code}")
    String region(@PathVariable long id, @PathVariable String code, @RequestParam(required = false) Integer sequence, Model model,
                  ServletWebRequest request) {
        Page page = page(id, sequence);
        Area region = page.content().regions().stream().filter(r -> r.code().equals(code)).findFirst()
                .orElseThrow(() -> notFound("No region " + code));
        if (unchanged(page, request)) {
            return null;
        }
        model.addAttribute("page", page);
        model.addAttribute("area", region);
        model.addAttribute("constituencies", page.content().constituencies().stream().filter(c -> code.equals(c.parentCode())).toList());
        return "publication/region";
    }

    record Published(List<ProtocolVersion> versions, List<ProtocolDecision> decisions) {
    }

    /**
     * The versions and steps of a station's protocol as the snapshot saw them, from the append-only tables: the
     * versions up to the one it records, and the steps up to the one that gave the status it records. A version or
     * step committed after the snapshot was read is left out even when its time is earlier (a submission's time is
     * taken before its transaction commits), so the page never shows numbers the snapshot's totals do not hold. A
     * snapshot before format 3 records no version: its time is the bound then.
     */
    static Published published(SnapshotContent content, Instant generatedAt, SnapshotContent.Station station,
                               List<ProtocolVersion> versions, List<ProtocolDecision> decisions) {
        if (!content.recordsVersions()) {
            return new Published(versions.stream().filter(v -> !v.submittedAt().toInstant().isAfter(generatedAt)).toList(),
                    decisions.stream().filter(d -> !d.at().toInstant().isAfter(generatedAt)).toList());
        }
        int last = station.version() == null ? 0 : station.version();
        List<ProtocolDecision> steps = new ArrayList<>();
        boolean reached = false; // the last version's status as recorded (no status recurs within one version)
        for (ProtocolDecision d : decisions) {
            if (d.version() < last || d.version() == last && !reached) {
                steps.add(d);
                reached = d.version() == last && d.to().name().equals(station.protocolStatus());
            }
        }
        return new Published(versions.stream().filter(v -> v.number() <= last).toList(), steps);
    }

    /** {@code code} is the rest of the path: imported codes may hold slashes (the 2018 file's "R01/1"). */
    @GetMapping("/results/elections/{id}/constituencies/{*code}")
    String constituency(@PathVariable long id, @PathVariable("code") String path, @RequestParam(required = false) Integer sequence,
                        Model model, ServletWebRequest request) {
        String code = path.substring(1);
        Page page = page(id, sequence);
        Area constituency = page.content().constituencies().stream().filter(c -> c.code().equals(code)).findFirst()
                .orElseThrow(() -> notFound("No constituency " + code));
        if (unchanged(page, request)) {
            return null;
        }
        model.addAttribute("page", page);
        model.addAttribute("area", constituency);
        model.addAttribute("stations", page.content().stations().stream().filter(s -> code.equals(s.constituencyCode())).toList());
        return "publication/constituency";
    }

    /** Counted stations by their turnout, for the whole snapshot or one region: a chart and a table of 10 % bands. */
    @GetMapping("/results/elections/{id}/turnout")
    String turnout(@PathVariable long id, @RequestParam(required = false) Integer sequence,
                   @RequestParam(name = "region", required = false) String regionCode, Model model, ServletWebRequest request) {
        // The form's "whole country" sends region= (empty): the same as no region at all.
        String region = regionCode == null || regionCode.isBlank() ? null : regionCode;
        Page page = page(id, sequence);
        Area area = region == null ? page.content().nation() : page.content().regions().stream()
                .filter(r -> r.code().equals(region)).findFirst().orElseThrow(() -> notFound("No region " + region));
        if (unchanged(page, request)) {
            return null;
        }
        TurnoutDistribution distribution = TurnoutDistribution.of(page.content(), region);
        model.addAttribute("page", page);
        model.addAttribute("area", area);
        model.addAttribute("region", region);
        model.addAttribute("distribution", distribution);
        model.addAttribute("chartData", JSON.writeValueAsString(distribution.chart(page.content().candidates(), page::colour)));
        return "publication/turnout";
    }

    @GetMapping("/results/elections/{id}/abroad")
    String abroad(@PathVariable long id, @RequestParam(required = false) Integer sequence, Model model,
                  ServletWebRequest request, Locale locale) {
        Page page = page(id, sequence);
        if (unchanged(page, request)) {
            return null;
        }
        // Countries by their names in the reader's language, as a reader looks for them, not by ISO code (in
        // Azerbaijani by the Azerbaijani alphabet, which the JDK's collators do not know).
        Comparator<String> byName = CountryNames.byName(locale);
        model.addAttribute("page", page);
        model.addAttribute("countries", page.content().countries().stream().sorted(Comparator.comparing(Area::code, byName)).toList());
        model.addAttribute("stations", page.content().stations().stream().filter(s -> s.hostCountry() != null)
                .sorted(Comparator.comparing(SnapshotContent.Station::hostCountry, byName).thenComparing(SnapshotContent.Station::code)).toList());
        return "publication/abroad";
    }

    /**
     * Every station whose protocol was quarantined, corrected, amended, released or annulled up to the snapshot, the
     * latest first, with each step's reason and decision reference: what observers and journalists look for on the
     * night and after it, without opening every station.
     */
    @GetMapping("/results/elections/{id}/corrections")
    String corrections(@PathVariable long id, @RequestParam(required = false) Integer sequence, Model model,
                       ServletWebRequest request) {
        Page page = page(id, sequence);
        if (unchanged(page, request)) {
            return null;
        }
        List<SnapshotContent.Station> stations = page.content().stations();
        model.addAttribute("page", page);
        model.addAttribute("corrections", corrections(page.content()));
        model.addAttribute("quarantined", stations.stream().filter(s -> "QUARANTINED".equals(s.protocolStatus())).count());
        model.addAttribute("annulled", (long) page.content().nation().stationsAnnulled()); // counted by the snapshot
        model.addAttribute("laterVersion", stations.stream().filter(s -> s.counted() && s.countedVersion() > 1).count());
        return "publication/corrections";
    }

    /** The stations a snapshot records steps for, the one with the latest step first. */
    static List<Correction> corrections(SnapshotContent content) {
        Map<String, List<SnapshotContent.Step>> steps = new HashMap<>();
        Map<String, Integer> lastTaken = new HashMap<>(); // position of a station's latest step in the order taken
        for (int i = 0; i < content.steps().size(); i++) {
            SnapshotContent.Step step = content.steps().get(i);
            steps.computeIfAbsent(step.station(), k -> new ArrayList<>()).add(step);
            lastTaken.put(step.station(), i);
        }
        return content.stations().stream().filter(s -> steps.containsKey(s.code()))
                .sorted(Comparator.comparing((SnapshotContent.Station s) -> lastTaken.get(s.code())).reversed())
                .map(s -> new Correction(s, steps.get(s.code())))
                .toList();
    }

    /** {@code code} is the rest of the path: imported codes may hold slashes (the 2018 file's "R01/1/1"). */
    @GetMapping("/results/elections/{id}/stations/{*code}")
    String station(@PathVariable long id, @PathVariable("code") String path, @RequestParam(required = false) Integer sequence,
                   Model model, ServletWebRequest request, Locale locale) {
        String code = path.substring(1);
        Page page = page(id, sequence);
        SnapshotContent.Station station = page.content().stations().stream().filter(s -> s.code().equals(code)).findFirst()
                .orElseThrow(() -> notFound("No station " + code));
        if (unchanged(page, request)) {
            return null;
        }
        Optional<PollingStation> onMap = stationOf(page.election().mapVersionId(), code);
        Optional<ProtocolId> protocol = onMap
                .flatMap(s -> protocols.protocol(page.content().contest().id(), s.id().value()))
                .map(ProtocolView::id);
        Published shown = published(page.content(), page.snapshot().generatedAt().toInstant(), station,
                protocol.map(protocols::versions).orElse(List.of()),
                protocol.map(protocols::decisions).orElse(List.of()));
        List<ProtocolVersion> versions = shown.versions();
        List<ProtocolDecision> decisions = shown.decisions();
        model.addAttribute("page", page);
        model.addAttribute("station", station);
        model.addAttribute("versions", versions);
        model.addAttribute("decisions", decisions);
        model.addAttribute("rows", versionRows(page, versions));
        model.addAttribute("abroad", abroad(page, station, onMap, locale));
        return "publication/station";
    }

    /**
     * The scan of a signed paper protocol, by its SHA-256, once a published snapshot names it for a station (so no
     * station code, which may hold slashes, is in the path, and the address is the content's own).
     */
    @GetMapping("/results/elections/{id}/scans/{sha256}")
    org.springframework.http.ResponseEntity<byte[]> scan(@PathVariable long id, @PathVariable String sha256,
                                                         @RequestParam(required = false) Integer sequence) {
        Page page = page(id, sequence);
        if (page.content().stations().stream().noneMatch(s -> sha256.equals(s.scanSha256()))) {
            throw notFound("No published scan " + sha256);
        }
        var scan = protocols.publishedScan(sha256).orElseThrow(() -> notFound("No scan " + sha256));
        return org.springframework.http.ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.parseMediaType(scan.mediaType()))
                .eTag("\"" + sha256 + "\"")
                .cacheControl(org.springframework.http.CacheControl.maxAge(java.time.Duration.ofDays(365)).cachePublic().immutable())
                .body(scan.content());
    }

    /**
     * Answers 304 to a reader who already has this page of this snapshot: on election night journalists and voters
     * reload the same pages, which for the 2018 import take tens of milliseconds to render (bench/pages.sh). The tag names the snapshot, the
     * list of snapshots in the page's header, the language and this process (a new release renders differently).
     * Only for readers who are not signed in: a staff member's header names them and carries their session's token.
     */
    private boolean unchanged(Page page, ServletWebRequest request) {
        if (CurrentStaff.current().isPresent()) {
            return false;
        }
        String language = RequestContextUtils.getLocale(request.getRequest()).getLanguage();
        String etag = "W/\"" + page.snapshot().sha256().substring(0, 20) + "-" + page.all().size() + "-" + language + "-"
                + RELEASE + "\"";
        request.getResponse().setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        request.getResponse().addHeader(HttpHeaders.VARY, "Cookie");
        return request.checkNotModified(etag);
    }

    private Page page(long electionId, Integer sequence) {
        Election election = elections.byId(new ElectionId(electionId)).orElseThrow(() -> notFound("No election " + electionId));
        // The list the page's header shows anyway: empty, nothing is published (no query of its own for that).
        List<ResultsSnapshot> all = publishing.snapshots(electionId);
        if (all.isEmpty()) {
            throw new NothingPublished(election); // every page of the election says so as its first page does
        }
        ResultsSnapshot snapshot = snapshots.resolve(electionId, sequence == null ? "latest" : sequence.toString());
        SnapshotContent content = publishing.parsed(electionId, snapshot.sequence()).orElseThrow();
        return new Page(election, snapshot, content, all);
    }

    /** No snapshot of the election yet: under embargo, or the first not yet made. */
    private static final class NothingPublished extends RuntimeException {
        final transient Election election;

        NothingPublished(Election election) {
            super(null, null, false, false);
            this.election = election;
        }
    }

    /**
     * Before the embargo lifts (or before the first snapshot) every results page of the election — the national one,
     * a region's, the corrections — says so, with no number at all and the time it lifts in the reader's language.
     */
    @ExceptionHandler(NothingPublished.class)
    String nothingPublished(NothingPublished e, Model model, HttpServletRequest request, HttpServletResponse response) {
        Election election = e.election;
        model.addAttribute("ui", Ui.of(messages, request)); // an exception handler's model has none of the advice's
        response.setStatus(HttpStatus.NOT_FOUND.value());
        // When the embargo lifts, in the capital's time; null once it has.
        ZonedDateTime liftsAt = embargo.lifted(election) ? null : embargo.liftsAt(election)
                .atZone(map.version(election.mapVersionId()).orElseThrow().capitalZone());
        model.addAttribute("election", election);
        model.addAttribute("liftsAt", liftsAt);
        return "publication/not-yet";
    }

    private Optional<PollingStation> stationOf(MapVersionId version, String code) {
        return Optional.ofNullable(stations(version).get(code));
    }

    private Map<String, PollingStation> stations(MapVersionId version) {
        // A map version never changes its stations' places; edits only touch names and addresses.
        return stationsByMap.computeIfAbsent(version.value(), v -> {
            Map<String, PollingStation> byCode = new HashMap<>();
            map.constituencies(version).forEach(c -> map.stations(c.id()).forEach(s -> byCode.put(s.code(), s)));
            return byCode;
        });
    }

    /** Constituencies as dots on an equirectangular projection of their domestic stations' coordinates. */
    List<MapDot> dots(Page page) {
        Map<String, PollingStation> stations = stations(page.election().mapVersionId());
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (SnapshotContent.Station s : page.content().stations()) {
            PollingStation station = stations.get(s.code());
            if (s.hostCountry() != null || station == null || station.coordinates() == null) {
                continue;
            }
            double[] acc = sums.computeIfAbsent(s.constituencyCode(), k -> new double[3]);
            acc[0] += station.coordinates().latitude();
            acc[1] += station.coordinates().longitude();
            acc[2]++;
        }
        if (sums.isEmpty()) {
            return List.of();
        }
        double minLat = Double.MAX_VALUE, maxLat = -Double.MAX_VALUE, minLon = Double.MAX_VALUE, maxLon = -Double.MAX_VALUE;
        for (double[] acc : sums.values()) {
            double lat = acc[0] / acc[2];
            double lon = acc[1] / acc[2];
            minLat = Math.min(minLat, lat);
            maxLat = Math.max(maxLat, lat);
            minLon = Math.min(minLon, lon);
            maxLon = Math.max(maxLon, lon);
        }
        double scaleLon = Math.cos(Math.toRadians((minLat + maxLat) / 2));
        double width = Math.max((maxLon - minLon) * scaleLon, 1e-6);
        double height = Math.max(maxLat - minLat, 1e-6);
        double scale = Math.min(760 / width, 460 / height);
        long maxVoters = Math.max(1, page.content().constituencies().stream().mapToLong(Area::votersOnList).max().orElse(1));
        List<MapDot> dots = new ArrayList<>();
        for (Area c : page.content().constituencies()) {
            double[] acc = sums.get(c.code());
            if (acc == null) {
                continue;
            }
            double x = 20 + ((acc[1] / acc[2]) - minLon) * scaleLon * scale;
            double y = 20 + (maxLat - (acc[0] / acc[2])) * scale;
            int leader = page.leader(c.votes());
            double r = 4 + 10 * Math.sqrt((double) c.votersOnList() / maxVoters);
            String colour = leader == 0 ? "#b0b7bf" : page.colour(leader);
            String label = c.name() + (leader == 0 ? "" : ": " + page.candidate(leader) + " "
                    + page.percent(page.votes(c, leader), c.shareBase()));
            dots.add(new MapDot(c.code(), c.name(), round(x), round(y), round(r), colour, label));
        }
        return dots;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Data for the charts, embedded as JSON; the tables next to them carry the same numbers. */
    String chartData(Page page) {
        SnapshotContent c = page.content();
        List<Map<String, Object>> candidates = new ArrayList<>();
        for (SnapshotContent.CandidatePart p : c.candidates()) {
            long v = page.votes(c.nation(), p.ballotOrder());
            candidates.add(Map.of("name", p.fullName(), "votes", v, "colour", page.colour(p.ballotOrder()),
                    "share", c.nation().shareBase() == 0 ? 0 : Math.round(10000.0 * v / c.nation().shareBase()) / 100.0));
        }
        List<Map<String, Object>> regions = new ArrayList<>();
        for (Area r : c.regions()) {
            regions.add(Map.of("name", r.name(), "turnout",
                    r.votersOnList() == 0 ? 0 : Math.round(10000.0 * r.ballotsIssued() / r.votersOnList()) / 100.0));
        }
        return JSON.writeValueAsString(Map.of("candidates", candidates, "regions", regions));
    }

    List<VersionRow> versionRows(Page page, List<ProtocolVersion> versions) {
        List<VersionRow> rows = new ArrayList<>();
        for (SnapshotContent.Line line : page.content().contest().lines()) {
            rows.add(row(line, line.name(), versions.stream().map(v -> v.lines().getOrDefault(line.number(), 0L)).toList()));
        }
        for (SnapshotContent.CandidatePart p : page.content().candidates()) {
            rows.add(row(null, p.fullName(), versions.stream().map(v -> v.votes().getOrDefault(p.ballotOrder(), 0L)).toList()));
        }
        return rows;
    }

    private static VersionRow row(SnapshotContent.Line line, String label, List<Long> values) {
        List<Boolean> changed = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            changed.add(i > 0 && !values.get(i).equals(values.get(i - 1)));
        }
        return new VersionRow(line, label, values, changed);
    }

    /** A 404 in the layout, with its rule code (PageErrors), in the reader's language around the server's sentence. */
    private static NotFound notFound(String message) {
        return new NotFound(message);
    }
}
