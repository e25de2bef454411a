package org.electora.results.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.electora.election.Candidate;
import org.electora.election.Contest;
import org.electora.election.Election;
import org.electora.election.ElectionStatus;
import org.electora.election.Elections;
import org.electora.election.ProtocolTemplate;
import org.electora.election.Violation;
import org.electora.geography.Constituency;
import org.electora.geography.ConstituencyId;
import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.geography.PollingStationId;
import org.electora.platform.AccessDenied;
import org.electora.platform.CurrentStaff;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
import org.electora.platform.PageController;
import org.electora.platform.PageNotice;
import org.electora.platform.PdfText;
import org.electora.platform.Role;
import org.electora.platform.Scope;
import org.electora.platform.StaffMember;
import org.electora.platform.Ui;
import org.electora.results.ConstituencyProtocol;
import org.electora.results.ProtocolStatus;
import org.electora.results.ProtocolVersion;
import org.electora.results.ProtocolView;
import org.electora.results.Protocols;
import org.electora.results.Tally;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The results desk of a constituency commission and of the CEC on election night: where every constituency of their
 * scope stands (protocols by status, stations still missing, the summary protocol), the quarantined protocols with
 * the relations they break, and the recorded decisions that follow — accept, release from quarantine, annul, sign the
 * summary protocol, and (CEC) withdraw a signature. Every check is the services'; a refusal is shown with its rule
 * code and changes nothing. The overview reloads its table every 30 seconds (htmx), as protocols keep arriving.
 */
@Controller
public class DeskPages implements PageController {

    /**
     * How far a set of polling stations has got: how many there are, their protocols by status, and how many of them
     * are still polling (their polls have not closed yet, by their own clock, so no protocol can come from them).
     */
    public record Progress(int stations, Map<ProtocolStatus, Integer> counts, int polling) {

        public int count(ProtocolStatus status) {
            return counts.getOrDefault(status, 0);
        }

        /** Stations without any protocol yet. */
        public int missing() {
            return stations - counts.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Stations whose polls have closed and whose protocol has not come: the ones to call. */
        public int overdue() {
            return Math.max(0, missing() - polling);
        }

        /** Protocols received but neither counted nor annulled (entered, verified, amended). */
        public int waiting() {
            return count(ProtocolStatus.ENTERED) + count(ProtocolStatus.VERIFIED) + count(ProtocolStatus.AMENDED);
        }

        /** Every station's protocol is accepted or annulled. */
        public boolean complete() {
            return count(ProtocolStatus.ACCEPTED) + count(ProtocolStatus.ANNULLED) == stations;
        }

        static Progress sum(List<ConstituencyRow> rows) {
            Map<ProtocolStatus, Integer> counts = new EnumMap<>(ProtocolStatus.class);
            rows.forEach(r -> r.progress().counts().forEach((status, n) -> counts.merge(status, n, Integer::sum)));
            return new Progress(rows.stream().mapToInt(r -> r.progress().stations()).sum(), counts,
                    rows.stream().mapToInt(r -> r.progress().polling()).sum());
        }
    }

    /**
     * A constituency's line on the desk: its progress and its live signature's round (or null).
     *
     * @param counting whether the election is counting: summary protocols are signed only then (RES-031)
     */
    public record ConstituencyRow(Constituency constituency, Progress progress, Integer signedRound, boolean counting) {

        /**
         * Every station's protocol is accepted or annulled and the election is counting: the commission may sign. A
         * constituency at home is complete hours before the missions in the Americas close; it is not yet ready then.
         */
        public boolean readyToSign() {
            return counting && progress.complete();
        }

        /** Something for the commission to do: a protocol in quarantine or waiting, or a summary protocol to sign. */
        public boolean needsAttention() {
            return progress.count(ProtocolStatus.QUARANTINED) > 0 || progress.waiting() > 0
                    || (signedRound == null && readyToSign());
        }
    }

    /** Which constituencies the overview lists. */
    public enum Show {
        ALL, ATTENTION, OVERDUE, UNSIGNED;

        boolean shows(ConstituencyRow row) {
            return switch (this) {
                case ALL -> true;
                case ATTENTION -> row.needsAttention();
                case OVERDUE -> row.progress().overdue() > 0;
                case UNSIGNED -> row.signedRound() == null;
            };
        }
    }

    /**
     * A page of a contest's constituencies: page {@code page} of {@code pages}, rows {@code from} to {@code to}
     * (1-based) of the {@code matching} ones.
     */
    public record Paging(int page, int pages, int from, int to, int matching) {

        static Paging of(int requested, int matching, int size) {
            int pages = Math.max(1, (matching + size - 1) / size);
            int page = Math.clamp(requested, 1, pages);
            int from = (page - 1) * size;
            return new Paging(page, pages, Math.min(from + 1, matching), Math.min(from + size, matching), matching);
        }
    }

    /** A station whose polls have closed and whose protocol has not come: when it closed, and how long ago. */
    public record OverdueStation(PollingStation station, Constituency constituency, ZonedDateTime closed,
                                 ZonedDateTime closedInCapital, Duration late) {
    }

    /** A quarantined protocol on the overview: its station code, constituency and the rule codes it breaks. */
    public record Quarantined(long stationId, String stationCode, Constituency constituency, List<Violation> violations) {
    }

    /**
     * A contest on the desk: the totals of every constituency in scope, how many of them match each filter, the page
     * of those shown, the first quarantined protocols (all {@code quarantined} of them are in the totals) and the
     * stations overdue longest (all {@code total.overdue()} of them are in the totals), and the night's
     * {@link #timeline(PollingHours.Closings, List, List, Instant, ZoneId) timeline} as JSON (null before any protocol arrived).
     */
    public record ContestDesk(Contest contest, Progress total, int constituencies, long signed,
                              Map<Show, Long> matching, List<ConstituencyRow> rows, Paging paging,
                              List<Quarantined> quarantinedProtocols, List<OverdueStation> overdueStations,
                              String timeline) {

        public int quarantined() {
            return total.count(ProtocolStatus.QUARANTINED);
        }

        static ContestDesk of(Contest contest, List<ConstituencyRow> all, Show show, int page, List<Quarantined> quarantined,
                              List<OverdueStation> overdue, String timeline) {
            Map<Show, Long> matching = new EnumMap<>(Show.class);
            for (Show s : Show.values()) {
                matching.put(s, all.stream().filter(s::shows).count());
            }
            List<ConstituencyRow> shown = all.stream().filter(show::shows).toList();
            Paging paging = Paging.of(page, shown.size(), PAGE_SIZE);
            return new ContestDesk(contest, Progress.sum(all), all.size(), all.size() - matching.get(Show.UNSIGNED),
                    matching, shown.subList(Math.max(0, paging.from() - 1), paging.to()), paging, quarantined, overdue,
                    timeline);
        }
    }

    /**
     * A station on its constituency's page: its protocol's status and current version (null when none yet), and when
     * its polls close, in its own time and in the capital's.
     */
    public record StationRow(PollingStation station, ProtocolView protocol, List<Violation> violations, Closing closing) {
    }

    /**
     * A line of the protocol page's table: the current version's value and, when there is an earlier version, that
     * version's (null otherwise), so that the commission sees what an amendment or correction changed;
     * {@code formPart} names the line's text in the {@code protocol-forms} bundle, null for a candidate's votes.
     */
    public record LineValue(String label, String formPart, String name, Long value, Long previous) {
        public boolean changed() {
            return previous != null && !previous.equals(value);
        }
    }

    /** How far before the first protocol the night's chart begins, at most. */
    static final Duration ARRIVALS_SHOWN_AFTER = Duration.ofHours(3);

    /** Constituencies on one page of the overview (the 2018 import has 2,778). */
    static final int PAGE_SIZE = 50;

    /** Quarantined protocols listed on the overview; the rest are on their constituencies' pages. */
    static final int QUARANTINED_LISTED = 100;

    /** Overdue stations listed on the overview, those that closed first first; the rest are on their constituencies' pages. */
    static final int OVERDUE_LISTED = 100;

    private static final Set<ElectionStatus> SHOWN = EnumSet.of(ElectionStatus.POLLING, ElectionStatus.COUNTING,
            ElectionStatus.RESULTS_CERTIFIED);

    private final Elections elections;
    private final ElectoralMap map;
    private final ProtocolStore store;
    private final SigningConstituencyProtocols signatures;
    private final Protocols protocols;
    private final ContestRules rules;
    private final TallyStore tallies;
    private final SummaryProtocolPdf summaryPdf;
    private final Clock clock;

    DeskPages(Elections elections, ElectoralMap map, ProtocolStore store, SigningConstituencyProtocols signatures,
              Protocols protocols, ContestRules rules, TallyStore tallies, SummaryProtocolPdf summaryPdf, Clock clock) {
        this.summaryPdf = summaryPdf;
        this.elections = elections;
        this.map = map;
        this.store = store;
        this.signatures = signatures;
        this.protocols = protocols;
        this.rules = rules;
        this.tallies = tallies;
        this.clock = clock;
    }

    private static StaffMember requireDecider() {
        return CurrentStaff.requireRole(SubmittingProtocols.DECIDERS,
                "The results desk is for constituency commissions and the CEC");
    }

    @GetMapping("/desk")
    String overview(@RequestParam(required = false) Long election, @RequestParam(defaultValue = "ALL") Show show,
                    @RequestParam(defaultValue = "1") int page, Model model) {
        StaffMember staff = requireDecider();
        Elections.Choice choice = elections.choose(SHOWN, election);
        Optional<Election> chosen = choice.chosen();
        List<ContestDesk> contests = new ArrayList<>();
        Map<Long, List<HostCountry>> missions = new HashMap<>();
        Instant now = clock.instant();
        ZoneId capital = chosen.map(e -> map.capitalZone(e.mapVersionId())).orElse(ZoneOffset.UTC);
        if (chosen.isPresent()) {
            List<Constituency> constituencies = switch (staff.scope()) {
                case Scope.National n -> map.constituencies(chosen.get().mapVersionId());
                case Scope.Constituency c -> map.constituency(new ConstituencyId(c.constituencyId())).stream()
                        .filter(k -> k.mapVersionId().equals(chosen.get().mapVersionId())).toList();
                default -> throw new AccessDenied("Your scope is not a constituency");
            };
            Long only = staff.scope() instanceof Scope.Constituency c ? c.constituencyId() : null;
            List<PollingStation> stations = only == null ? map.stations(chosen.get().mapVersionId())
                    : map.stations(new ConstituencyId(only));
            PollingHours.Closings closings = new PollingHours.Closings(chosen.get());
            Map<Long, Integer> polling = polling(closings, stations, now);
            List<PollingStation> abroad = stations.stream().filter(PollingStation::isAbroad).toList();
            Map<Long, Constituency> byId = new HashMap<>();
            constituencies.forEach(k -> byId.put(k.id().value(), k));
            for (Contest contest : elections.contests(chosen.get().id())) {
                long contestId = contest.id().value();
                Map<Long, Map<ProtocolStatus, Integer>> counts = new HashMap<>();
                store.statusCounts(contestId, only).forEach(c -> counts
                        .computeIfAbsent(c.constituencyId(), k -> new EnumMap<>(ProtocolStatus.class)).put(c.status(), c.count()));
                Map<Long, Integer> signed = signatures.signedRounds(contestId);
                List<Quarantined> quarantined = store.quarantined(contestId, only, QUARANTINED_LISTED).stream()
                        .map(q -> new Quarantined(q.protocol().stationId(), q.protocol().stationCode(),
                                byId.get(q.protocol().constituencyId()), SubmittingProtocols.violations(q.violationsJson())))
                        .toList();
                List<ConstituencyRow> rows = constituencies.stream().map(k -> new ConstituencyRow(k,
                        new Progress(k.stations(), counts.getOrDefault(k.id().value(), Map.of()),
                                polling.getOrDefault(k.id().value(), 0)),
                        signed.get(k.id().value()), chosen.get().status() == ElectionStatus.COUNTING)).toList();
                List<Long> late = rows.stream().filter(r -> r.progress().overdue() > 0)
                        .map(r -> r.constituency().id().value()).toList();
                List<OverdueStation> overdue = overdue(closings, stations, Set.copyOf(late),
                        store.stationsWithProtocol(contestId, late), now, OVERDUE_LISTED).stream()
                        .map(s -> new OverdueStation(s, byId.get(s.constituencyId().value()), closings.local(s.timeZone()),
                                closings.at(s.timeZone()).atZone(capital), Duration.between(closings.at(s.timeZone()), now)))
                        .toList();
                contests.add(ContestDesk.of(contest, rows, show, page, quarantined, overdue,
                        timeline(closings, stations, store.arrivals(contestId, only), now, capital)));
                missions.put(contestId, missions(closings, abroad, store.byStations(contestId,
                        abroad.stream().mapToLong(st -> st.id().value()).toArray()), now, capital));
            }
        }
        model.addAttribute("missions", missions);
        model.addAttribute("elections", choice.offered());
        model.addAttribute("election", chosen.orElse(null));
        model.addAttribute("contests", contests);
        model.addAttribute("show", show);
        model.addAttribute("page", page);
        model.addAttribute("now", now.atZone(capital));
        return "results/desk";
    }

    @GetMapping("/desk/{contest}/{constituency}")
    String constituency(@PathVariable long contest, @PathVariable long constituency, Model model) {
        requireDecider();
        SigningConstituencyProtocols.Target target = signatures.locate(contest, constituency);
        Constituency k = target.constituency();
        ContestRules.Rules r = target.contest();
        Election election = target.election();
        Map<Long, ProtocolStore.Checked> byStation = new HashMap<>();
        store.ofConstituency(contest, constituency).forEach(c -> byStation.put(c.protocol().stationId(), c));
        Instant now = clock.instant();
        ZoneId capital = map.capitalZone(k.mapVersionId());
        PollingHours.Closings closings = new PollingHours.Closings(election);
        List<StationRow> stations = map.stations(k.id()).stream().map(s -> {
            ProtocolStore.Checked c = byStation.get(s.id().value());
            return new StationRow(s, c == null ? null : c.protocol(),
                    c == null ? List.of() : SubmittingProtocols.violations(c.violationsJson()),
                    closings.closing(s.timeZone(), capital, now));
        }).toList();
        Map<ProtocolStatus, Integer> counts = new EnumMap<>(ProtocolStatus.class);
        byStation.values().forEach(c -> counts.merge(c.protocol().status(), 1, Integer::sum));
        Tally live = tallies.constituency(contest, constituency).orElse(null);
        model.addAttribute("election", election);
        model.addAttribute("contest", r.contest());
        model.addAttribute("candidates", candidates(r.contest()));
        ConstituencyProtocol signature = signatures.signed(contest, constituency).orElse(null);
        model.addAttribute("row", new ConstituencyRow(k, new Progress(k.stations(), counts,
                (int) stations.stream().filter(s -> !s.closing().closed()).count()), signature == null ? null : signature.round(),
                election.status() == ElectionStatus.COUNTING));
        model.addAttribute("signature", signature);
        model.addAttribute("stations", stations);
        model.addAttribute("rounds", signatures.rounds(contest, constituency));
        model.addAttribute("capital", capital);
        model.addAttribute("live", live);
        model.addAttribute("cec", CurrentStaff.require().role() == Role.CEC_ADMIN);
        notice(model);
        return "results/desk-constituency";
    }

    /**
     * The live signed summary protocol as a PDF to print, sign by hand and post (404 GEN-404 while none is signed);
     * with {@code round}, that round, also one a CEC decision withdrew (marked so, with the decision, and without the
     * stations, whose protocols the withdrawal opened again). 404 for a round that was never signed.
     */
    @GetMapping("/desk/{contest}/{constituency}/summary-protocol.pdf")
    ResponseEntity<byte[]> summaryProtocol(@PathVariable long contest, @PathVariable long constituency,
                                           @RequestParam(required = false) Integer round, Locale locale) {
        requireDecider();
        SigningConstituencyProtocols.Target target = signatures.locate(contest, constituency);
        Constituency k = target.constituency();
        ConstituencyProtocol signed = (round == null ? signatures.signed(contest, constituency)
                : signatures.round(contest, constituency, round))
                .orElseThrow(() -> new NotFound(round == null ? "Constituency " + k.code() + " has not signed its summary protocol"
                        : "Constituency " + k.code() + " has signed no round " + round));
        SignatureRound withdrawal = round == null ? null : signatures.rounds(contest, constituency).stream()
                .filter(r -> r.round() == signed.round() && r.withdrawn()).findFirst().orElse(null);
        Map<Long, ProtocolStatus> statuses = new HashMap<>();
        store.ofConstituency(contest, constituency).forEach(c -> statuses.put(c.protocol().stationId(), c.protocol().status()));
        List<SummaryProtocolPdf.StationLine> stations = map.stations(k.id()).stream()
                .map(s -> new SummaryProtocolPdf.StationLine(s, statuses.get(s.id().value()))).toList();
        ZoneId capital = map.capitalZone(k.mapVersionId());
        byte[] pdf = summaryPdf.render(target.election(), target.contest().contest(), target.contest().template(), k, signed,
                withdrawal, candidates(target.contest().contest()), stations, capital, Ui.supported(locale));
        return PdfText.inline(pdf, "summary-protocol-" + k.code() + "-round-" + signed.round()
                + (withdrawal == null ? "" : "-withdrawn") + ".pdf");
    }

    @PostMapping("/desk/{contest}/{constituency}/signature")
    String sign(@PathVariable long contest, @PathVariable long constituency, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", PageNotice.attempt(() -> {
            ConstituencyProtocol signed = signatures.sign(contest, constituency);
            return PageNotice.done("desk.done.signed", signed.round());
        }));
        return "redirect:/desk/" + contest + "/" + constituency;
    }

    @PostMapping("/desk/{contest}/{constituency}/withdrawal")
    String withdraw(@PathVariable long contest, @PathVariable long constituency, @RequestParam(required = false) String reason,
                    @RequestParam(required = false) String decisionReference, @RequestParam Map<String, String> form,
                    RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", PageNotice.attempt(form, () -> {
            ConstituencyProtocol withdrawn = signatures.withdraw(contest, constituency, reason, decisionReference);
            return PageNotice.done("desk.done.withdrawn", withdrawn.round());
        }));
        return "redirect:/desk/" + contest + "/" + constituency;
    }

    @GetMapping("/desk/{contest}/stations/{station}")
    String protocol(@PathVariable long contest, @PathVariable long station, Model model) {
        requireDecider();
        PollingStation s = map.station(new PollingStationId(station)).orElseThrow(() -> new NotFound("No station " + station));
        CurrentStaff.requireScope(s.jurisdiction());
        ContestRules.Rules r = rules.of(contest).orElseThrow(() -> new NotFound("No contest " + contest));
        ProtocolView p = protocols.protocol(contest, station)
                .orElseThrow(() -> new NotFound("Station " + s.code() + " has no protocol for this contest yet"));
        List<ProtocolVersion> versions = protocols.versions(p.id());
        ProtocolVersion current = versions.getLast();
        List<Candidate> candidates = candidates(r.contest());
        model.addAttribute("station", s);
        model.addAttribute("contest", r.contest());
        model.addAttribute("protocol", p);
        model.addAttribute("current", current);
        ProtocolVersion previous = versions.size() > 1 ? versions.get(versions.size() - 2) : null;
        model.addAttribute("values", values(r.template(), r.ballotOrders(), candidates, current, previous));
        model.addAttribute("previous", previous);
        model.addAttribute("versions", versions.reversed());
        model.addAttribute("decisions", protocols.decisions(p.id()).reversed());
        model.addAttribute("capital", map.capitalZone(s.mapVersionId()));
        notice(model);
        return "results/desk-protocol";
    }

    @PostMapping("/desk/{contest}/stations/{station}/decision")
    String decide(@PathVariable long contest, @PathVariable long station, @RequestParam String action,
                  @RequestParam int version, @RequestParam(required = false) String reason,
                  @RequestParam(required = false) String decisionReference, @RequestParam Map<String, String> form,
                  RedirectAttributes redirect) {
        // Role and scope before the protocol is looked up, as on the station's page: a 404 for a station without a
        // protocol would tell anyone refused which stations have reported.
        requireDecider();
        PollingStation s = map.station(new PollingStationId(station)).orElseThrow(() -> new NotFound("No station " + station));
        CurrentStaff.requireScope(s.jurisdiction());
        redirect.addFlashAttribute("notice", PageNotice.attempt(form, () -> {
            ProtocolView p = protocols.protocol(contest, station).orElseThrow(() -> new NotFound("No protocol yet"));
            ProtocolView after = switch (action) {
                case "accept" -> protocols.accept(p.id(), version);
                case "release" -> protocols.release(p.id(), version, reason, blankToNull(decisionReference));
                case "annul" -> protocols.annul(p.id(), version, reason, decisionReference);
                default -> throw new InvalidInput("GEN-422", "Unknown decision " + action);
            };
            return PageNotice.done("desk.decided." + after.status());
        }));
        return "redirect:/desk/" + contest + "/stations/" + station;
    }

    /**
     * The stations abroad in one host country, as the CEC watches them on the night: how many, how many protocols are
     * in and counted, how many still poll by their own clock and how many closed without a protocol, and when the last
     * of them closes in the capital's time.
     */
    public record HostCountry(String code, int stations, int received, int counted, int polling, int overdue,
                              ZonedDateTime lastClosesInCapital) {
    }

    /** The stations abroad grouped by host country, the country whose last station closes first first. */
    static List<HostCountry> missions(PollingHours.Closings closings, List<PollingStation> abroad,
                                      List<ProtocolView> protocols, Instant now, ZoneId capital) {
        Map<Long, ProtocolStatus> status = new HashMap<>();
        protocols.forEach(p -> status.put(p.stationId(), p.status()));
        Map<String, List<PollingStation>> byCountry = new HashMap<>();
        abroad.forEach(st -> byCountry.computeIfAbsent(st.abroad().hostCountry(), k -> new ArrayList<>()).add(st));
        return byCountry.entrySet().stream().map(e -> {
            List<PollingStation> in = e.getValue();
            int received = (int) in.stream().filter(st -> status.containsKey(st.id().value())).count();
            int counted = (int) in.stream().filter(st -> status.get(st.id().value()) == ProtocolStatus.ACCEPTED).count();
            int polling = (int) in.stream().filter(st -> !closings.closed(st.timeZone(), now)).count();
            Instant last = in.stream().map(st -> closings.at(st.timeZone())).max(Instant::compareTo).orElseThrow();
            return new HostCountry(e.getKey(), in.size(), received, counted, polling, in.size() - received - polling,
                    last.atZone(capital));
        }).sorted(Comparator.comparing((HostCountry h) -> h.lastClosesInCapital().toInstant()).thenComparing(HostCountry::code))
                .toList();
    }

    /** Per constituency, how many of {@code stations} are still polling at {@code now}, each by its own clock. */
    static Map<Long, Integer> polling(PollingHours.Closings closings, List<PollingStation> stations, Instant now) {
        Map<Long, Integer> polling = new HashMap<>();
        for (PollingStation s : stations) {
            if (!closings.closed(s.timeZone(), now)) {
                polling.merge(s.constituencyId().value(), 1, Integer::sum);
            }
        }
        return polling;
    }

    /**
     * The first {@code limit} stations of {@code constituencies} whose polls have closed at {@code now} and that have
     * no protocol ({@code reported} are the stations that have one), those that closed first first.
     */
    static List<PollingStation> overdue(PollingHours.Closings closings, List<PollingStation> stations,
                                        Set<Long> constituencies, Set<Long> reported, Instant now, int limit) {
        return stations.stream()
                .filter(s -> constituencies.contains(s.constituencyId().value()) && !reported.contains(s.id().value())
                        && closings.closed(s.timeZone(), now))
                .sorted(Comparator.comparing((PollingStation s) -> closings.at(s.timeZone()))
                        .thenComparing(PollingStation::code))
                .limit(limit).toList();
    }

    /**
     * The night as a picture: how many stations had closed and how many protocols had arrived, both counted up, from
     * half an hour before the first station closed (or, when that is long before, three hours before the first
     * protocol arrived: a rehearsal's capital closed twelve hours before its last mission) to {@code now}. JSON of
     * {@code closed} and {@code received}, each a list of {@code [time, count]} with times in epoch milliseconds
     * shifted to the capital's wall clock (the chart draws them as UTC, so its axis reads capital time), and
     * {@code now}; null when no protocol has arrived.
     */
    static String timeline(PollingHours.Closings closings, List<PollingStation> stations,
                           List<ProtocolStore.Arrival> arrivals, Instant now, ZoneId capital) {
        if (arrivals.isEmpty()) {
            return null;
        }
        TreeMap<Instant, Integer> closing = new TreeMap<>();
        for (PollingStation s : stations) {
            Instant closes = closings.at(s.timeZone());
            if (!closes.isAfter(now)) {
                closing.merge(closes, 1, Integer::sum);
            }
        }
        Instant firstArrival = arrivals.getFirst().minute();
        Instant start = firstArrival.minus(ARRIVALS_SHOWN_AFTER);
        if (!closing.isEmpty() && closing.firstKey().minus(Duration.ofMinutes(30)).isAfter(start)) {
            start = closing.firstKey().minus(Duration.ofMinutes(30));
        }
        if (firstArrival.isBefore(start)) {
            start = firstArrival;
        }
        int closed = closing.headMap(start, true).values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder json = new StringBuilder("{\"closed\":[").append(point(start, closed, capital));
        for (Map.Entry<Instant, Integer> step : closing.tailMap(start, false).entrySet()) {
            closed += step.getValue();
            json.append(',').append(point(step.getKey(), closed, capital));
        }
        json.append(',').append(point(now, closed, capital)).append("],\"received\":[").append(point(start, 0, capital));
        int received = 0;
        for (ProtocolStore.Arrival a : arrivals) {
            received += a.count();
            json.append(',').append(point(a.minute(), received, capital));
        }
        json.append(',').append(point(now, received, capital));
        return json.append("],\"now\":").append(wallClock(now, capital)).append('}').toString();
    }

    private static String point(Instant at, int count, ZoneId capital) {
        return "[" + wallClock(at, capital) + "," + count + "]";
    }

    private static long wallClock(Instant at, ZoneId capital) {
        return at.toEpochMilli() + capital.getRules().getOffset(at).getTotalSeconds() * 1000L;
    }

    private List<Candidate> candidates(Contest contest) {
        return elections.candidates(contest.id());
    }

    /** Each line and candidate of {@code version}, beside {@code previous}'s value (null: no earlier version). */
    private static List<LineValue> values(ProtocolTemplate template, List<Integer> ballotOrders, List<Candidate> candidates,
                                          ProtocolVersion version, ProtocolVersion previous) {
        List<LineValue> values = new ArrayList<>();
        template.lines().forEach(l -> values.add(new LineValue(Integer.toString(l.number()), "line." + l.code(), l.name(),
                version.lines().get(l.number()), previous == null ? null : previous.lines().get(l.number()))));
        for (int order : ballotOrders) {
            String name = candidates.stream().filter(c -> c.ballotOrder() == order).map(Candidate::fullName).findFirst().orElse("");
            values.add(new LineValue("C" + order, null, name, version.votes().get(order),
                    previous == null ? null : previous.votes().get(order)));
        }
        return values;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static void notice(Model model) {
        if (!model.containsAttribute("notice")) {
            model.addAttribute("notice", null);
        }
    }
}
