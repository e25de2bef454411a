package org.electora.results;

import java.util.List;

/**
 * Live totals of counted protocols. The national total sums per-constituency partials kept up to date in the
 * transaction of each protocol (ADR 0009): cheap at any moment, no rescan of stations.
 */
public interface Tallies {

    Tally national(long contestId);

    List<Tally> byRegion(long contestId);

    List<Tally> byConstituency(long contestId);

    List<Tally> byStation(long contestId, long constituencyId);

    /** Every counted station of the contest, keyed by station code (one query for the whole contest). */
    List<Tally> byStation(long contestId);

    /** Stations abroad by host country. */
    List<Tally> byHostCountry(long contestId);
}
