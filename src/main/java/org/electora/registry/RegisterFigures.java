package org.electora.registry;

import java.util.List;
import java.util.Objects;

import org.electora.election.ElectionId;

/**
 * Counts of voters on the lists of an election, for briefings and statistics: aggregates only, never a person, so a
 * caller needs no personal-data rights and no read is logged. Only active registrations are counted (a voter who took
 * a transfer certificate is counted where the certificate put them, once).
 */
public interface RegisterFigures {

    ListFigures lists(ElectionId election);

    /**
     * @param onLists         every voter on a list of the election
     * @param atHome          on the list of a station at home
     * @param abroad          on the list of a station abroad (an embassy or consulate), whatever the reason
     * @param residentsAbroad registered abroad as living abroad (consular registration)
     * @param businessTrips   registered abroad for a business trip over polling day
     * @param transfers       on a supplementary list by a transfer certificate (moved from their home station)
     * @param abroadByCountry voters on lists abroad by host country (ISO 3166-1 alpha-2), in code order
     */
    record ListFigures(long onLists, long atHome, long abroad, long residentsAbroad, long businessTrips, long transfers,
                       List<CountryCount> abroadByCountry) {
        public ListFigures {
            abroadByCountry = List.copyOf(abroadByCountry);
        }
    }

    record CountryCount(String country, long voters) {
        public CountryCount {
            Objects.requireNonNull(country, "country");
        }
    }
}
