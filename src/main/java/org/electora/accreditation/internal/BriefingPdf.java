package org.electora.accreditation.internal;

import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.electora.geography.StationKind;
import org.electora.platform.PdfText;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The briefing pack as an A4 PDF in the pack's language ({@link PdfText}: DejaVu Sans, so Azerbaijani and Cyrillic
 * letters print). The chart of stations abroad by country is drawn with PDF primitives (rectangles and text), so the
 * numbers stay extractable text.
 */
@Component
class BriefingPdf {

    private final MessageSource messages;

    BriefingPdf(MessageSource messages) {
        this.messages = messages;
    }

    byte[] render(BriefingPack pack) {
        Locale locale = pack.locale();
        NumberFormat n = NumberFormat.getIntegerInstance(locale);
        DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        try (PdfText w = new PdfText(t("briefing.title", locale) + " — " + pack.electionName())) {
            w.line(18, t("briefing.title", locale));
            w.line(12, pack.electionName());
            w.line(10, t("briefing.pollingDay", locale) + ": " + dates.format(pack.pollingDay()) + " · "
                    + t("briefing.pollingHours", locale, pack.pollsOpen(), pack.pollsClose()));
            w.muted(9, t("briefing.asOf", locale, dates.format(pack.asOf())));
            w.gap(8);

            BriefingPack.Stations s = pack.stations();
            w.heading(t("briefing.stations", locale));
            w.line(10, t("briefing.stationsTotal", locale) + ": " + n.format(s.total()));
            w.line(10, t("briefing.stationsAtHome", locale) + ": " + n.format(s.atHome()));
            w.line(10, t("briefing.stationsResettled", locale) + ": " + n.format(s.resettledAreas()));
            for (StationKind kind : StationKind.values()) {
                if (kind != StationKind.REGULAR && s.byKind().getOrDefault(kind, 0) > 0) {
                    w.line(10, t("briefing.stationKind." + kind.name(), locale) + ": " + n.format(s.byKind().get(kind)));
                }
            }
            w.line(10, t("briefing.stationsAbroad", locale) + ": " + n.format(s.abroad()));
            w.line(10, t("briefing.countriesAbroad", locale) + ": " + n.format(s.countriesAbroad()));
            w.line(10, t("briefing.missions", locale) + ": " + n.format(s.missions()));
            w.gap(6);

            if (!pack.abroadByCountry().isEmpty()) {
                w.heading(t("briefing.chartAbroad", locale));
                w.bars(150, pack.abroadByCountry().stream()
                        .map(c -> new PdfText.Bar(pack.country(c.country()), c.stations(), n.format(c.stations()))).toList());
                w.gap(6);
            }

            var v = pack.voters();
            w.heading(t("briefing.voters", locale));
            w.line(10, t("briefing.votersOnLists", locale) + ": " + n.format(v.onLists()));
            w.line(10, t("briefing.votersAtHome", locale) + ": " + n.format(v.atHome()));
            w.line(10, t("briefing.votersAbroad", locale) + ": " + n.format(v.abroad()));
            w.line(10, t("briefing.residentsAbroad", locale) + ": " + n.format(v.residentsAbroad()));
            w.line(10, t("briefing.businessTrips", locale) + ": " + n.format(v.businessTrips()));
            w.line(10, t("briefing.transfers", locale) + ": " + n.format(v.transfers()));
            w.gap(6);

            var c = pack.calendar();
            w.heading(t("briefing.calendar", locale));
            w.line(10, t("briefing.calendarProgress", locale, n.format(c.done()), n.format(c.total()), n.format(c.late()),
                    n.format(c.percentDone())));
            for (BriefingPack.MilestoneRow m : pack.milestones()) {
                w.line(9, dates.format(m.due()) + " — " + m.title() + " — " + t("briefing.progress." + m.progress().name(), locale));
            }
            w.gap(6);

            w.heading(t("briefing.accreditation", locale));
            var h = pack.headline();
            w.line(10, t("accStats.headline", locale, n.format(h.internationalObservers()), n.format(h.organisations()),
                    n.format(h.countries())));
            w.line(10, t("accStats.media", locale, n.format(h.foreignJournalists()), n.format(h.foreignOutlets())));
            w.line(10, t("briefing.accreditedObservers", locale) + ": " + n.format(pack.accredited().observers()));
            w.line(10, t("briefing.accreditedJournalists", locale) + ": " + n.format(pack.accredited().journalists()));
            w.line(10, t("briefing.accreditedTechnical", locale) + ": " + n.format(pack.accredited().technicalStaff()));
            w.line(10, t("briefing.applications", locale) + ": " + n.format(pack.applications()));
            w.gap(10);
            w.muted(8, t("briefing.source", locale));
            return w.bytes();
        }
    }

    private String t(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}
