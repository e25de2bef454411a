package org.electora.publication;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a snapshot publishes, serialised as canonical JSON (properties sorted, no timestamps of its own, so equal
 * results give equal bytes and the same SHA-256). Counts are of counted (accepted) protocols only.
 *
 * @param shareBaseName     the template's denominator of vote shares, e.g. "valid ballots"
 * @param turnoutDefinition which lines turnout divides, named
 * @param stations          every station of the map, counted or not, in constituency and station order
 * @param steps             every quarantine, correction, amendment, release and annulment of a station's protocol up
 *                          to the snapshot, in the order they were taken (format 2; empty in a format 1 snapshot,
 *                          which did not record them)
 * @param format            the layout's version, {@link #FORMAT} for a new snapshot
 */
public record SnapshotContent(int format, ElectionPart election, ContestPart contest, List<CandidatePart> candidates,
                              String shareBaseName, String turnoutDefinition, SnapshotStatus status, Area nation,
                              List<Area> regions, List<Area> constituencies, List<Area> countries,
                              List<Station> stations, List<Step> steps) {

    /** Version of this layout: 2 added {@code steps}, 3 each station's latest {@code version}. */
    public static final int FORMAT = 3;

    public SnapshotContent {
        Objects.requireNonNull(election);
        Objects.requireNonNull(contest);
        Objects.requireNonNull(status);
        candidates = List.copyOf(candidates);
        regions = List.copyOf(regions);
        constituencies = List.copyOf(constituencies);
        countries = List.copyOf(countries);
        stations = List.copyOf(stations);
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** Whether this snapshot records its protocols' steps (format 2 on); an older one says nothing of them. */
    public boolean recordsSteps() {
        return format >= 2;
    }

    /** Whether this snapshot records each station's latest version (format 3 on). */
    public boolean recordsVersions() {
        return format >= 3;
    }

    /** A candidate's full name by ballot order, "#n" for an order no candidate has. */
    public String candidateName(int ballotOrder) {
        return candidates.stream().filter(c -> c.ballotOrder() == ballotOrder).findFirst()
                .map(CandidatePart::fullName).orElse("#" + ballotOrder);
    }

    /**
     * @param pollsClosed  when the last station of the map closed (the embargo's base), ISO-8601 instant
     * @param issuer       the commission that publishes
     */
    public record ElectionPart(long id, String name, String type, boolean extraordinary, LocalDate pollingDay,
                               String status, String countryCode, String timeZone, String pollsClosed, String issuer,
                               String issuerAbbreviation) {
    }

    public record ContestPart(long id, String name, String templateCode, String templateName, List<Line> lines) {
        public ContestPart {
            lines = List.copyOf(lines);
        }
    }

    public record Line(int number, String code, String name) {
    }

    public record CandidatePart(int ballotOrder, String familyName, String givenName, String patronymic,
                                String fullName, String nominatedBy) {
    }

    /**
     * Totals of an area: the nation, a region, a constituency (parent = region code) or a host country abroad.
     *
     * @param votes by ballot order (index 0 = ballot order 1)
     */
    public record Area(String level, String code, String name, String parentCode, int stationsExpected,
                       int stationsCounted, int stationsAnnulled, long votersOnList, long ballotsIssued, long valid,
                       long invalid, long shareBase, List<Long> votes) {
        public Area {
            votes = List.copyOf(votes);
        }

        /** Counted or annulled: nothing more to wait for. */
        public int stationsReported() {
            return stationsCounted + stationsAnnulled;
        }

        /** A candidate's votes here, by ballot order (0 for an order past the list). */
        public long votes(int ballotOrder) {
            return ballotOrder <= votes.size() ? votes.get(ballotOrder - 1) : 0;
        }
    }

    /**
     * One polling station. {@code protocolStatus} is NONE when no protocol arrived; numbers are those of the counted
     * version (zero and empty when none counts).
     *
     * @param version the protocol's latest version when the snapshot was read, the one {@code protocolStatus} is of
     *                (null when none arrived, and in snapshots before format 3): the public station page shows the
     *                versions up to it, never one recorded after the snapshot
     */
    public record Station(String code, String name, String constituencyCode, String regionCode, String hostCountry,
                          String protocolStatus, Integer version, Integer countedVersion, Map<Integer, Long> lines,
                          List<Long> votes, long votersOnList, long ballotsIssued, long valid, long invalid,
                          long shareBase, String scanSha256) {
        public Station {
            // Sorted already: canonical JSON orders map keys, and a sorted map is written as it is, not re-sorted.
            lines = Collections.unmodifiableSortedMap(new TreeMap<>(lines));
            votes = List.copyOf(votes);
        }

        public boolean counted() {
            return countedVersion != null;
        }

        /** A candidate's votes here, by ballot order (0 for an order past the list). */
        public long votes(int ballotOrder) {
            return ballotOrder <= votes.size() ? votes.get(ballotOrder - 1) : 0;
        }
    }

    /**
     * A step of a station's protocol that is not the checks' routine verify or accept: a quarantine (with the hard
     * relations its version breaks), a correction, an amendment, a release or an annulment (with the decision).
     *
     * @param at              ISO-8601 instant
     * @param action          QUARANTINE, CORRECT, AMEND, RELEASE or ANNUL
     * @param statusAfter     the protocol's status after the step
     * @param brokenRelations for a quarantine, rule codes of the hard control relations its version breaks
     */
    public record Step(String station, String at, String action, int version, String statusAfter, String reason,
                       String reference, List<String> brokenRelations) {
        public Step {
            brokenRelations = brokenRelations == null ? List.of() : List.copyOf(brokenRelations);
        }
    }
}
