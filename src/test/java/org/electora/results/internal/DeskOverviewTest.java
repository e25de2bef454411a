package org.electora.results.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.electora.election.Contest;
import org.electora.election.ContestId;
import org.electora.election.Election;
import org.electora.election.ElectionId;
import org.electora.election.ElectionStatus;
import org.electora.election.ElectionType;
import org.electora.geography.Constituency;
import org.electora.geography.ConstituencyId;
import org.electora.geography.MapVersionId;
import org.electora.geography.MissionId;
import org.electora.geography.PollingStation;
import org.electora.geography.PollingStationId;
import org.electora.geography.RegionId;
import org.electora.geography.StationKind;
import org.electora.results.ProtocolId;
import org.electora.results.ProtocolStatus;
import org.electora.results.ProtocolView;
import org.electora.results.internal.DeskPages.ConstituencyRow;
import org.electora.results.internal.DeskPages.ContestDesk;
import org.electora.results.internal.DeskPages.Paging;
import org.electora.results.internal.DeskPages.Progress;
import org.electora.results.internal.DeskPages.Show;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The desk's overview of a large election (the 2018 import has 2,778 constituencies): the totals count every
 * constituency in scope, whatever is shown; the filters keep the constituencies with something to decide or sign, or
 * not yet signed; a page holds {@link DeskPages#PAGE_SIZE} of them and an address past either end shows the nearest page.
 */
class DeskOverviewTest {

    private static final Contest CONTEST = new Contest(new ContestId(1), new ElectionId(1), "President", "T");

    /** Polls close at 19:00 on 7 February 2024: 10:00 UTC in Tokyo, 15:00 in Baku, 18:00 in Paris, 00:00 in New York. */
    private static final Election FEBRUARY = new Election(new ElectionId(1), "Test", ElectionType.PRESIDENTIAL, false,
            LocalDate.of(2024, 2, 7), LocalTime.of(8, 0), LocalTime.of(19, 0), new MapVersionId(1),
            ElectionStatus.COUNTING, 1, false);

    private static PollingHours.Closings february() {
        return new PollingHours.Closings(FEBRUARY);
    }

    /** Constituency 1: two stations in Baku and one in New York; 2: Tokyo and Paris; 3: one in Baku. */
    private static final List<PollingStation> STATIONS = List.of(station(1, 1, "Asia/Baku"), station(2, 1, "Asia/Baku"),
            station(3, 1, "America/New_York"), station(4, 2, "Asia/Tokyo"), station(5, 2, "Europe/Paris"),
            station(6, 3, "Asia/Baku"));

    private static ConstituencyRow row(int number, int stations, Map<ProtocolStatus, Integer> counts, Integer signedRound) {
        return row(number, stations, counts, 0, signedRound);
    }

    private static ConstituencyRow row(int number, int stations, Map<ProtocolStatus, Integer> counts, int polling,
                                       Integer signedRound) {
        Constituency k = new Constituency(new ConstituencyId(number), new MapVersionId(1), new RegionId(1), "Region",
                "K" + number, number, "Constituency " + number, stations, 0);
        return new ConstituencyRow(k, new Progress(stations, counts.isEmpty() ? Map.of() : new EnumMap<>(counts), polling),
                signedRound, true);
    }

    /**
     * 120 constituencies of 10 stations: every 10th has a quarantined protocol, every 7th is signed, the rest partly
     * in; in those the stations abroad of every 3rd (two of their five without a protocol) are still polling.
     */
    private static List<ConstituencyRow> election() {
        List<ConstituencyRow> rows = new ArrayList<>();
        for (int n = 1; n <= 120; n++) {
            if (n % 7 == 0) {
                rows.add(row(n, 10, Map.of(ProtocolStatus.ACCEPTED, 9, ProtocolStatus.ANNULLED, 1), 1));
            } else if (n % 10 == 0) {
                rows.add(row(n, 10, Map.of(ProtocolStatus.ACCEPTED, 8, ProtocolStatus.QUARANTINED, 1), null));
            } else if (n == 11) {
                rows.add(row(n, 10, Map.of(ProtocolStatus.ACCEPTED, 10), null));
            } else {
                rows.add(row(n, 10, Map.of(ProtocolStatus.ACCEPTED, 5), n % 3 == 0 ? 2 : 0, null));
            }
        }
        return rows;
    }

    @Test
    void theTotalsCountEveryConstituencyWhateverIsShown() {
        ContestDesk desk = ContestDesk.of(CONTEST, election(), Show.ATTENTION, 1, List.of(), List.of(), null);

        // 17 signed (7, 14, ..., 119), 10 with a quarantined protocol (70 is also signed: it counts once, as signed).
        assertThat(desk.constituencies()).isEqualTo(120);
        assertThat(desk.signed()).isEqualTo(17);
        assertThat(desk.total().stations()).isEqualTo(1_200);
        assertThat(desk.total().count(ProtocolStatus.ACCEPTED)).isEqualTo(17 * 9 + 11 * 8 + 10 + (120 - 17 - 11 - 1) * 5);
        assertThat(desk.total().count(ProtocolStatus.ANNULLED)).isEqualTo(17);
        assertThat(desk.quarantined()).isEqualTo(11);
        assertThat(desk.total().missing()).isEqualTo(1_200 - 17 * 10 - 11 * 9 - 10 - (120 - 17 - 11 - 1) * 5);
        assertThat(desk.total().complete()).isFalse();
        // Of the 91 constituencies partly in, the 31 that are multiples of 3 (but not of 7 or 10) have 2 still polling.
        int polling = 2 * (int) java.util.stream.IntStream.rangeClosed(1, 120)
                .filter(n -> n % 3 == 0 && n % 7 != 0 && n % 10 != 0 && n != 11).count();
        assertThat(desk.total().polling()).isEqualTo(polling).isEqualTo(2 * 31);
        // Missing: 1,200 - 170 in the signed - 99 beside the quarantined - 10 in 11 - 91 × 5 = 466; of those 62 polling.
        assertThat(desk.total().missing()).isEqualTo(466);
        assertThat(desk.total().overdue()).isEqualTo(404);
    }

    @Test
    void theFiltersKeepWhatNeedsADecisionOrASignatureAndWhatIsNotSigned() {
        List<ConstituencyRow> all = election();
        ContestDesk attention = ContestDesk.of(CONTEST, all, Show.ATTENTION, 1, List.of(), List.of(), null);

        // The quarantined ones (10, 20, 30, 40, 50, 60, 80, 90, 100, 110, 120 — 70 is signed) and 11, complete and unsigned.
        assertThat(attention.rows()).extracting(r -> r.constituency().number())
                .containsExactly(10, 11, 20, 30, 40, 50, 60, 80, 90, 100, 110, 120);
        assertThat(attention.matching()).containsEntry(Show.ALL, 120L).containsEntry(Show.ATTENTION, 12L)
                .containsEntry(Show.UNSIGNED, 103L).containsEntry(Show.OVERDUE, 102L);
        assertThat(attention.paging()).isEqualTo(new Paging(1, 1, 1, 12, 12));
        assertThat(ContestDesk.of(CONTEST, all, Show.UNSIGNED, 1, List.of(), List.of(), null).rows())
                .allMatch(r -> r.signedRound() == null).hasSize(50);
    }

    @Test
    void aPageHoldsFiftyConstituenciesAndAnAddressPastEitherEndShowsTheNearestPage() {
        List<ConstituencyRow> all = election();

        ContestDesk second = ContestDesk.of(CONTEST, all, Show.ALL, 2, List.of(), List.of(), null);
        assertThat(second.paging()).isEqualTo(new Paging(2, 3, 51, 100, 120));
        assertThat(second.rows()).extracting(r -> r.constituency().number()).startsWith(51).endsWith(100).hasSize(50);

        assertThat(ContestDesk.of(CONTEST, all, Show.ALL, 9, List.of(), List.of(), null).paging()).isEqualTo(new Paging(3, 3, 101, 120, 120));
        assertThat(ContestDesk.of(CONTEST, all, Show.ALL, 9, List.of(), List.of(), null).rows()).hasSize(20);
        assertThat(ContestDesk.of(CONTEST, all, Show.ALL, -1, List.of(), List.of(), null).paging().page()).isOne();

        ContestDesk nothing = ContestDesk.of(CONTEST, List.of(), Show.ALL, 1, List.of(), List.of(), null);
        assertThat(nothing.rows()).isEmpty();
        assertThat(nothing.paging()).isEqualTo(new Paging(1, 1, 0, 0, 0));
        assertThat(nothing.total().stations()).isZero();
    }

    /**
     * A constituency at home may have every protocol in hours before the missions in the Americas close: while the
     * election is still polling it is not ready to sign (signing would be refused, RES-031) and asks nothing of its
     * commission.
     */
    @Test
    void aCompleteConstituencyIsReadyToSignOnlyOnceTheElectionIsCounting() {
        Constituency k = new Constituency(new ConstituencyId(1), new MapVersionId(1), new RegionId(1), "Region", "K1", 1,
                "Constituency 1", 4, 0);
        Progress complete = new Progress(4, new EnumMap<>(Map.of(ProtocolStatus.ACCEPTED, 3, ProtocolStatus.ANNULLED, 1)), 0);
        assertThat(complete.complete()).isTrue();
        ConstituencyRow polling = new ConstituencyRow(k, complete, null, false);
        assertThat(polling.readyToSign()).isFalse();
        assertThat(polling.needsAttention()).isFalse();
        ConstituencyRow counting = new ConstituencyRow(k, complete, null, true);
        assertThat(counting.readyToSign()).isTrue();
        assertThat(counting.needsAttention()).isTrue();
        assertThat(new ConstituencyRow(k, complete, 1, true).needsAttention()).as("signed").isFalse();
    }

    @Test
    void aStationWhosePollsHaveClosedWithoutAProtocolIsOverdueOneStillPollingIsNot() {
        assertThat(row(1, 10, Map.of(ProtocolStatus.ACCEPTED, 5), 3, null).progress().overdue()).isEqualTo(2);
        assertThat(row(1, 10, Map.of(ProtocolStatus.ACCEPTED, 5), 5, null).progress().overdue()).isZero();
        assertThat(row(1, 10, Map.of(), 10, null).progress().overdue()).isZero();
        assertThat(Show.OVERDUE.shows(row(1, 10, Map.of(ProtocolStatus.ACCEPTED, 5), 3, null))).isTrue();
        assertThat(Show.OVERDUE.shows(row(1, 10, Map.of(ProtocolStatus.ACCEPTED, 5), 5, null))).isFalse();
    }

    @Test
    void stationsArePollingUntilTheirOwnClockSaysSeven() {
        // 15:00 UTC: 19:00 in Baku, 00:00 in Tokyo (closed); 16:00 in Paris, 10:00 in New York (open)
        assertThat(DeskPages.polling(february(), STATIONS, Instant.parse("2024-02-07T15:00:00Z")))
                .isEqualTo(Map.of(1L, 1, 2L, 1));
        assertThat(DeskPages.polling(february(), STATIONS, Instant.parse("2024-02-07T14:59:59Z")))
                .isEqualTo(Map.of(1L, 3, 2L, 1, 3L, 1));
        // 18:00 UTC: 19:00 in Paris; 00:00 UTC the next day: 19:00 in New York
        assertThat(DeskPages.polling(february(), STATIONS, Instant.parse("2024-02-07T18:00:00Z"))).isEqualTo(Map.of(1L, 1));
        assertThat(DeskPages.polling(february(), STATIONS, Instant.parse("2024-02-08T00:00:00Z"))).isEmpty();
    }

    @Test
    void theOverdueStationsAreThoseClosedWithoutAProtocolThoseThatClosedFirstFirst() {
        Instant now = Instant.parse("2024-02-07T18:30:00Z"); // Tokyo, Baku closed; Paris (18:00 UTC) too; New York not

        // Station 2 has a protocol; constituency 3 is not asked for; New York is still polling.
        assertThat(DeskPages.overdue(february(), STATIONS, Set.of(1L, 2L), Set.of(2L), now, 100))
                .extracting(s -> s.id().value()).containsExactly(4L, 1L, 5L);
        assertThat(DeskPages.overdue(february(), STATIONS, Set.of(1L, 2L), Set.of(2L), now, 2))
                .extracting(s -> s.id().value()).containsExactly(4L, 1L);
        assertThat(DeskPages.overdue(february(), STATIONS, Set.of(1L, 2L, 3L), Set.of(), Instant.parse("2024-02-08T00:00:00Z"), 100))
                .extracting(s -> s.id().value()).containsExactly(4L, 1L, 2L, 6L, 5L, 3L);
        assertThat(DeskPages.overdue(february(), STATIONS, Set.of(1L, 2L, 3L), Set.of(), Instant.parse("2024-02-07T09:59:59Z"), 100))
                .isEmpty();
    }

    @Test
    void theTimelineCountsStationsClosedAndProtocolsReceivedOnTheCapitalsClock() {
        Instant now = Instant.parse("2024-02-07T16:00:00Z"); // Tokyo (10:00 UTC) and Baku (15:00) closed, New York not
        List<ProtocolStore.Arrival> arrivals = List.of(new ProtocolStore.Arrival(Instant.parse("2024-02-07T11:05:00Z"), 2),
                new ProtocolStore.Arrival(Instant.parse("2024-02-07T15:07:00Z"), 1));

        // From half an hour before Tokyo closed: both steps of the closed stations are on the chart.
        assertThat(DeskPages.timeline(february(), STATIONS, arrivals, now, ZoneId.of("Asia/Baku"))).isEqualTo(
                "{\"closed\":[[%d,0],[%d,1],[%d,4],[%d,4]],\"received\":[[%d,0],[%d,2],[%d,3],[%d,3]],\"now\":%d}".formatted(
                        baku("09:30"), baku("10:00"), baku("15:00"), baku("16:00"),
                        baku("09:30"), baku("11:05"), baku("15:07"), baku("16:00"), baku("16:00")));
        // The first protocol more than three hours after the first station closed: the chart begins three hours before
        // it, with the stations closed by then.
        List<ProtocolStore.Arrival> late = List.of(new ProtocolStore.Arrival(Instant.parse("2024-02-07T15:30:00Z"), 3));
        assertThat(DeskPages.timeline(february(), STATIONS, late, now, ZoneId.of("Asia/Baku"))).isEqualTo(
                "{\"closed\":[[%d,1],[%d,4],[%d,4]],\"received\":[[%d,0],[%d,3],[%d,3]],\"now\":%d}".formatted(
                        baku("12:30"), baku("15:00"), baku("16:00"),
                        baku("12:30"), baku("15:30"), baku("16:00"), baku("16:00")));
        assertThat(DeskPages.timeline(february(), STATIONS, List.of(), now, ZoneId.of("Asia/Baku"))).isNull();
    }

    /** An instant of 7 February 2024, given in UTC, as the capital's wall clock in epoch milliseconds (Baku is UTC+4). */
    private static long baku(String utc) {
        return Instant.parse("2024-02-07T" + utc + ":00Z").toEpochMilli() + 4 * 3_600_000L;
    }

    private static PollingStation station(long id, long constituency, String zone) {
        return new PollingStation(new PollingStationId(id), new MapVersionId(1), new ConstituencyId(constituency), "K" + constituency,
                "S" + id, (int) id, "Station " + id, "Street " + id, null, null, StationKind.REGULAR, false, null,
                ZoneId.of(zone), 1);
    }

    private static PollingStation abroad(long id, String country, String zone) {
        return new PollingStation(new PollingStationId(id), new MapVersionId(1), new ConstituencyId(1), "K1",
                "A" + id, (int) id, "Station " + id, "Embassy " + id, null, null, StationKind.REGULAR, false,
                new PollingStation.Abroad(country, new MissionId(id), "Embassy " + id), ZoneId.of(zone), 1);
    }

    private static ProtocolView protocol(PollingStation s, ProtocolStatus status) {
        return new ProtocolView(new ProtocolId(s.id().value()), 1, 1, s.id().value(), s.code(), 1, status, 1,
                status == ProtocolStatus.ACCEPTED ? 1 : null, false);
    }

    /**
     * The CEC watches the missions by host country: at 18:30 UTC on 7 Feb 2024 Tokyo has closed (one protocol in,
     * one not), Paris has closed with its protocol quarantined, New York and Washington still poll; the country whose
     * last station closes first is listed first, each with that closing in the capital's time.
     */
    @Test
    void theMissionsAreCountedByHostCountryTheFirstToCloseFirst() {
        PollingStation tokyo1 = abroad(11, "JP", "Asia/Tokyo");
        PollingStation tokyo2 = abroad(12, "JP", "Asia/Tokyo");
        PollingStation paris = abroad(13, "FR", "Europe/Paris");
        PollingStation newYork = abroad(14, "US", "America/New_York");
        PollingStation washington = abroad(15, "US", "America/New_York");
        List<DeskPages.HostCountry> missions = DeskPages.missions(february(), List.of(newYork, tokyo1, paris, tokyo2, washington),
                List.of(protocol(tokyo1, ProtocolStatus.ACCEPTED), protocol(paris, ProtocolStatus.QUARANTINED)),
                Instant.parse("2024-02-07T18:30:00Z"), ZoneId.of("Asia/Baku"));
        assertThat(missions).extracting(DeskPages.HostCountry::code).containsExactly("JP", "FR", "US");
        assertThat(missions.get(0)).isEqualTo(new DeskPages.HostCountry("JP", 2, 1, 1, 0, 1,
                ZonedDateTime.parse("2024-02-07T14:00+04:00[Asia/Baku]")));
        assertThat(missions.get(1)).isEqualTo(new DeskPages.HostCountry("FR", 1, 1, 0, 0, 0,
                ZonedDateTime.parse("2024-02-07T22:00+04:00[Asia/Baku]")));
        assertThat(missions.get(2)).isEqualTo(new DeskPages.HostCountry("US", 2, 0, 0, 2, 0,
                ZonedDateTime.parse("2024-02-08T04:00+04:00[Asia/Baku]")));
    }

    @Test
    void aConstituencyNeedsAttentionForAProtocolWaitingOrInQuarantineOrASignatureDue() {
        assertThat(row(1, 3, Map.of(ProtocolStatus.VERIFIED, 1), null).needsAttention()).isTrue();
        assertThat(row(1, 3, Map.of(ProtocolStatus.ENTERED, 1), null).needsAttention()).isTrue();
        assertThat(row(1, 3, Map.of(ProtocolStatus.AMENDED, 1), 2).needsAttention()).isTrue();
        assertThat(row(1, 3, Map.of(ProtocolStatus.QUARANTINED, 1), null).needsAttention()).isTrue();
        assertThat(row(1, 3, Map.of(ProtocolStatus.ACCEPTED, 3), null).needsAttention()).isTrue();
        assertThat(row(1, 3, Map.of(ProtocolStatus.ACCEPTED, 3), 1).needsAttention()).isFalse();
        assertThat(row(1, 3, Map.of(ProtocolStatus.ACCEPTED, 2), null).needsAttention()).isFalse();
        assertThat(row(1, 3, Map.of(), null).needsAttention()).isFalse();
    }
}
