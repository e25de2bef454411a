package org.electora.election.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.electora.election.Candidate;
import org.electora.election.Contest;
import org.electora.election.Election;
import org.electora.election.ElectionCalendar;
import org.electora.election.ElectionId;
import org.electora.election.Elections;
import org.electora.election.Milestone;
import org.electora.election.ProtocolTemplate;
import org.electora.geography.ElectoralMap;
import org.electora.geography.MapVersion;
import org.electora.geography.PollingStation;
import org.electora.platform.NotFound;
import org.electora.platform.PageController;
import org.electora.platform.Ui;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Public pages: the elections, one election's overview, and when polls close at the stations abroad. Public only
 * so that the compiled templates can see the view records.
 */
@Controller
public class ElectionPages implements PageController {

    private final Elections elections;
    private final ElectoralMap map;

    private final Clock clock;

    ElectionPages(Elections elections, ElectoralMap map, Clock clock) {
        this.elections = elections;
        this.map = map;
        this.clock = clock;
    }

    @GetMapping("/elections")
    String list(Model model) {
        model.addAttribute("elections", elections.all());
        return "election/list";
    }

    /** A contest with its candidates and the protocol template it is counted on. */
    public record ContestView(Contest contest, List<Candidate> candidates, ProtocolTemplate template) {
    }

    /** A milestone with its progress today; title and responsible body are translated by message key. */
    public record CalendarRow(Milestone milestone, String progress) {
        public String titleKey() {
            return "milestone." + milestone.code();
        }

        public String bodyKey() {
            return "body." + milestone.responsibleBody().replaceAll("[^A-Za-z]", "");
        }
    }

    @GetMapping("/elections/{id}")
    String overview(@PathVariable long id, Model model) {
        Election election = existing(id);
        MapVersion mapVersion = map.version(election.mapVersionId()).orElseThrow();
        LocalDate today = LocalDate.now(mapVersion.capitalZone());
        List<Milestone> calendar = elections.calendar(election.id());
        List<ContestView> contests = elections.contests(election.id()).stream()
                .map(c -> new ContestView(c, elections.candidates(c.id()), elections.template(c.templateCode()).orElseThrow()))
                .toList();
        model.addAttribute("election", election);
        model.addAttribute("mapVersion", mapVersion);
        model.addAttribute("contests", contests);
        model.addAttribute("calendar", calendar.stream().map(m -> new CalendarRow(m, m.progress(today).name())).toList());
        model.addAttribute("progress", ElectionCalendar.summarize(calendar, today));
        return "election/overview";
    }

    /**
     * A station abroad on the page: its local time now (the application's clock), its closing and whether it has;
     * {@code closesInCapital} orders the table.
     */
    public record StationAbroad(String countryCode, String country, PollingStation station, String offset,
                         ZonedDateTime localNow, ZonedDateTime closesLocal, ZonedDateTime closesInCapital) {
        public boolean closed() {
            return !localNow.isBefore(closesLocal);
        }
    }

    public record CountryGroup(String code, String name, List<StationAbroad> stations) {
    }

    @GetMapping("/map/abroad")
    String abroad(@RequestParam(required = false) Long election, Model model) {
        Ui ui = (Ui) model.getAttribute("ui");
        List<Election> all = elections.all();
        Election chosen = election == null ? elections.current().orElse(null) : existing(election);
        model.addAttribute("elections", all);
        model.addAttribute("election", chosen);
        if (chosen == null) {
            model.addAttribute("groups", List.of());
            model.addAttribute("capitalZone", ZoneId.of("UTC"));
            model.addAttribute("earliest", null);
            model.addAttribute("latest", null);
            return "election/abroad";
        }
        ZoneId capital = map.version(chosen.mapVersionId()).orElseThrow().capitalZone();
        var rows = new ArrayList<StationAbroad>();
        for (PollingStation s : map.stationsAbroad(chosen.mapVersionId())) {
            ZoneId zone = s.timeZone();
            ZonedDateTime closes = chosen.closesAt(zone);
            String country = ui.country(s.abroad().hostCountry());
            rows.add(new StationAbroad(s.abroad().hostCountry(), country, s, closes.getOffset().getId().replace("Z", "+00:00"),
                    ZonedDateTime.now(clock.withZone(zone)), closes, closes.withZoneSameInstant(capital)));
        }
        // Countries in the order their first station closes, stations within a country likewise: the page answers
        // "where do polls close first", which is what the CEC watches on the night.
        rows.sort(Comparator.comparing((StationAbroad r) -> r.closesInCapital().toInstant())
                .thenComparing(r -> r.station().code()));
        Map<String, List<StationAbroad>> byCountry = new LinkedHashMap<>();
        rows.forEach(r -> byCountry.computeIfAbsent(r.countryCode(), k -> new ArrayList<>()).add(r));
        List<CountryGroup> groups = byCountry.entrySet().stream()
                .map(e -> new CountryGroup(e.getKey(), e.getValue().getFirst().country(), e.getValue()))
                .toList();
        model.addAttribute("groups", groups);
        model.addAttribute("capitalZone", capital);
        model.addAttribute("earliest", rows.isEmpty() ? null : rows.getFirst().closesInCapital());
        model.addAttribute("latest", rows.isEmpty() ? null : rows.getLast().closesInCapital());
        return "election/abroad";
    }

    private Election existing(long id) {
        if (id <= 0) {
            throw new NotFound("No election " + id);
        }
        return elections.byId(new ElectionId(id))
                .orElseThrow(() -> new NotFound("No election " + id));
    }
}
