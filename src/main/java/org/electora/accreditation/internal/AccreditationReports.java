package org.electora.accreditation.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.electora.election.Election;
import org.electora.election.ElectionCalendar;
import org.electora.election.ElectionId;
import org.electora.election.Elections;
import org.electora.election.Milestone;
import org.electora.geography.Constituency;
import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.geography.StationKind;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
import org.electora.platform.Problem;
import org.electora.platform.Ui;
import org.electora.registry.RegisterFigures;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The accreditation reports read by staff: the statistics dashboard's figures and the briefing pack, assembled from
 * the geography, election and registry modules' APIs and this module's aggregates.
 */
@Service
class AccreditationReports {

    static final String BAD_LANGUAGE = "ACC-170";
    static final String NO_ELECTION = "ACC-171";

    private final AccreditationFigures figures;
    private final Elections elections;
    private final ElectoralMap map;
    private final RegisterFigures register;
    private final MessageSource messages;
    private final Clock clock;
    private final ZoneId zone;

    AccreditationReports(AccreditationFigures figures, Elections elections, ElectoralMap map, RegisterFigures register,
                         MessageSource messages, Clock clock,
                         @Value("${electora.accreditation.zone:Asia/Baku}") ZoneId zone) {
        this.figures = figures;
        this.elections = elections;
        this.map = map;
        this.register = register;
        this.messages = messages;
        this.clock = clock;
        this.zone = zone;
    }

    /** en, az or ru; anything else is refused rather than silently shown in English. */
    static Locale language(String lang) {
        String code = lang == null ? "" : lang.strip().toLowerCase(Locale.ROOT);
        if (!Ui.LANGUAGES.contains(code)) {
            throw new InvalidInput(List.of(Problem.at(0, BAD_LANGUAGE, "lang",
                    "lang must be one of " + Ui.LANGUAGES + ", not \"" + lang + "\"")));
        }
        return Locale.of(code);
    }

    @Transactional(readOnly = true)
    AccreditationStatistics statistics() {
        ReportRoles.require(ReportRoles.STATISTICS);
        return figures.statistics();
    }

    String headlineSentence(AccreditationStatistics.Headline h, Locale locale) {
        var n = java.text.NumberFormat.getIntegerInstance(locale);
        return messages.getMessage("accStats.headline", new Object[]{n.format(h.internationalObservers()),
                n.format(h.organisations()), n.format(h.countries())}, locale);
    }

    /** The election asked for, else the one the public pages show. */
    Election election(Long id) {
        if (id == null) {
            return elections.current().orElseThrow(() -> new NotFound(NO_ELECTION, "No election has been set up yet"));
        }
        return elections.byId(new ElectionId(id)).orElseThrow(() -> new NotFound(NO_ELECTION, "No election " + id));
    }

    @Transactional(readOnly = true)
    BriefingPack briefing(Long electionId, Locale locale) {
        ReportRoles.require(ReportRoles.BRIEFING);
        Election election = election(electionId);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        ElectoralMap.MapSummary summary = map.summary(election.mapVersionId());
        Map<StationKind, Integer> byKind = new EnumMap<>(StationKind.class);
        for (StationKind kind : StationKind.values()) {
            byKind.put(kind, 0);
        }
        int resettled = 0;
        for (Constituency c : map.constituencies(election.mapVersionId())) {
            for (PollingStation s : map.stations(c.id())) {
                if (!s.isAbroad()) {
                    byKind.merge(s.kind(), 1, Integer::sum);
                    resettled += s.resettledArea() ? 1 : 0;
                }
            }
        }
        RegisterFigures.ListFigures voters = register.lists(election.id());
        Map<String, Long> votersByCountry = new TreeMap<>();
        voters.abroadByCountry().forEach(c -> votersByCountry.put(c.country(), c.voters()));
        Map<String, List<PollingStation>> abroad = new TreeMap<>();
        for (PollingStation s : map.stationsAbroad(election.mapVersionId())) {
            abroad.computeIfAbsent(s.abroad().hostCountry(), k -> new ArrayList<>()).add(s);
        }
        List<BriefingPack.CountryStations> countries = abroad.entrySet().stream()
                .map(e -> new BriefingPack.CountryStations(e.getKey(), e.getValue().size(),
                        (int) e.getValue().stream().map(s -> s.abroad().missionId()).distinct().count(),
                        votersByCountry.getOrDefault(e.getKey(), 0L)))
                .toList();
        List<Milestone> calendar = elections.calendar(election.id());
        List<BriefingPack.MilestoneRow> milestones = calendar.stream()
                .map(m -> new BriefingPack.MilestoneRow(m.code(),
                        messages.getMessage("milestone." + m.code(), null, m.title(), locale), m.due(), m.progress(today), m.doneOn()))
                .toList();
        PublicRegister.Counts accredited = figures.register().totals();
        AccreditationStatistics statistics = figures.statistics();
        return new BriefingPack(locale, today, election.id().value(), election.name(), election.pollingDay(),
                election.pollsOpen().toString(), election.pollsClose().toString(),
                new BriefingPack.Stations(summary.stations(), summary.stations() - summary.stationsAbroad(), byKind,
                        resettled, summary.stationsAbroad(), summary.countriesAbroad(), summary.missions()),
                countries, voters, ElectionCalendar.summarize(calendar, today), milestones, statistics.headline(),
                accredited, statistics.applications());
    }
}
