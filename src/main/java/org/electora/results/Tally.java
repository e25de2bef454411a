package org.electora.results;

import java.util.List;

/**
 * Totals of counted (accepted) protocols for one area: a station, constituency, region, host country or the nation.
 * {@code shareBase} is the template's denominator of vote shares (e.g. valid ballots), named by {@code shareBaseName}.
 *
 * @param votes votes by candidate ballot order (index 0 = ballot order 1)
 */
public record Tally(String level, String key, String name, int stationsExpected, int stationsCounted,
                    long votersOnList, long ballotsIssued, long valid, long invalid, long shareBase,
                    List<Long> votes) {

    public Tally {
        votes = List.copyOf(votes);
    }

    /** Ballots issued ÷ voters on the list, in percent (0 when nobody is on the list). */
    public double turnoutPercent() {
        return votersOnList == 0 ? 0 : 100.0 * ballotsIssued / votersOnList;
    }

    /** A candidate's votes, by ballot order (0 for an order past the list). */
    public long votes(int ballotOrder) {
        return ballotOrder <= votes.size() ? votes.get(ballotOrder - 1) : 0;
    }

    /** A candidate's votes ÷ the share base, in percent. */
    public double sharePercent(int ballotOrder) {
        return shareBase == 0 ? 0 : 100.0 * votes(ballotOrder) / shareBase;
    }
}
