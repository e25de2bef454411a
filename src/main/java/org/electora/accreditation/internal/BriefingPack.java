package org.electora.accreditation.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.electora.election.CalendarProgress;
import org.electora.election.MilestoneProgress;
import org.electora.geography.StationKind;
import org.electora.registry.RegisterFigures;

/**
 * The facts a minister hands to a visiting head of mission, drawn from live data when asked for: the election, its
 * polling stations at home, in resettled areas and abroad by country, the voters on lists abroad, the progress of
 * the preparatory calendar, and the accreditation figures. Numbers and codes only; every label comes from the
 * messages bundles in the pack's language. Public because the page's template reads it.
 */
public record BriefingPack(Locale locale, LocalDate asOf, long electionId, String electionName, LocalDate pollingDay,
                           String pollsOpen, String pollsClose, Stations stations, List<CountryStations> abroadByCountry,
                           RegisterFigures.ListFigures voters, CalendarProgress calendar, List<MilestoneRow> milestones,
                           AccreditationStatistics.Headline headline, PublicRegister.Counts accredited,
                           long applications) {

    public BriefingPack {
        abroadByCountry = List.copyOf(abroadByCountry);
        milestones = List.copyOf(milestones);
    }

    /**
     * @param atHome         stations in the country (all kinds)
     * @param byKind         stations at home by kind (regular, hospital, military, …), every kind present
     * @param resettledAreas stations at home in resettled areas
     * @param abroad         stations at embassies and consulates
     */
    public record Stations(int total, int atHome, Map<StationKind, Integer> byKind, int resettledAreas, int abroad,
                           int countriesAbroad, int missions) {
        public Stations {
            byKind = Map.copyOf(byKind);
        }
    }

    /** @param voters voters on the lists of this country's stations */
    public record CountryStations(String country, int stations, int missions, long voters) {
    }

    public record MilestoneRow(String code, String title, LocalDate due, MilestoneProgress progress, LocalDate doneOn) {
    }

    public String language() {
        return locale.getLanguage();
    }

    public String country(String code) {
        return ReportViews.country(code, locale);
    }

    public int maxStationsAbroad() {
        return abroadByCountry.stream().mapToInt(CountryStations::stations).max().orElse(0);
    }
}
