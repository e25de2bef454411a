package org.electora.results.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.electora.election.Contest;
import org.electora.election.ContestId;
import org.electora.election.ElectionId;
import org.electora.geography.Constituency;
import org.electora.geography.ConstituencyId;
import org.electora.geography.MapVersionId;
import org.electora.geography.RegionId;
import org.electora.results.ProtocolStatus;
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

    private static ConstituencyRow row(int number, int stations, Map<ProtocolStatus, Integer> counts, Integer signedRound) {
        Constituency k = new Constituency(new ConstituencyId(number), new MapVersionId(1), new RegionId(1), "Region",
                "K" + number, number, "Constituency " + number, stations, 0);
        return new ConstituencyRow(k, new Progress(stations, counts.isEmpty() ? Map.of() : new EnumMap<>(counts)), signedRound);
    }

    /** 120 constituencies of 10 stations: every 10th has a quarantined protocol, every 7th is signed, the rest partly in. */
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
                rows.add(row(n, 10, Map.of(ProtocolStatus.ACCEPTED, 5), null));
            }
        }
        return rows;
    }

    @Test
    void theTotalsCountEveryConstituencyWhateverIsShown() {
        ContestDesk desk = ContestDesk.of(CONTEST, election(), Show.ATTENTION, 1, List.of());

        // 17 signed (7, 14, ..., 119), 10 with a quarantined protocol (70 is also signed: it counts once, as signed).
        assertThat(desk.constituencies()).isEqualTo(120);
        assertThat(desk.signed()).isEqualTo(17);
        assertThat(desk.total().stations()).isEqualTo(1_200);
        assertThat(desk.total().count(ProtocolStatus.ACCEPTED)).isEqualTo(17 * 9 + 11 * 8 + 10 + (120 - 17 - 11 - 1) * 5);
        assertThat(desk.total().count(ProtocolStatus.ANNULLED)).isEqualTo(17);
        assertThat(desk.quarantined()).isEqualTo(11);
        assertThat(desk.total().missing()).isEqualTo(1_200 - 17 * 10 - 11 * 9 - 10 - (120 - 17 - 11 - 1) * 5);
        assertThat(desk.total().complete()).isFalse();
    }

    @Test
    void theFiltersKeepWhatNeedsADecisionOrASignatureAndWhatIsNotSigned() {
        List<ConstituencyRow> all = election();
        ContestDesk attention = ContestDesk.of(CONTEST, all, Show.ATTENTION, 1, List.of());

        // The quarantined ones (10, 20, 30, 40, 50, 60, 80, 90, 100, 110, 120 — 70 is signed) and 11, complete and unsigned.
        assertThat(attention.rows()).extracting(r -> r.constituency().number())
                .containsExactly(10, 11, 20, 30, 40, 50, 60, 80, 90, 100, 110, 120);
        assertThat(attention.matching()).containsEntry(Show.ALL, 120L).containsEntry(Show.ATTENTION, 12L)
                .containsEntry(Show.UNSIGNED, 103L);
        assertThat(attention.paging()).isEqualTo(new Paging(1, 1, 1, 12, 12));
        assertThat(ContestDesk.of(CONTEST, all, Show.UNSIGNED, 1, List.of()).rows())
                .allMatch(r -> r.signedRound() == null).hasSize(50);
    }

    @Test
    void aPageHoldsFiftyConstituenciesAndAnAddressPastEitherEndShowsTheNearestPage() {
        List<ConstituencyRow> all = election();

        ContestDesk second = ContestDesk.of(CONTEST, all, Show.ALL, 2, List.of());
        assertThat(second.paging()).isEqualTo(new Paging(2, 3, 51, 100, 120));
        assertThat(second.rows()).extracting(r -> r.constituency().number()).startsWith(51).endsWith(100).hasSize(50);

        assertThat(ContestDesk.of(CONTEST, all, Show.ALL, 9, List.of()).paging()).isEqualTo(new Paging(3, 3, 101, 120, 120));
        assertThat(ContestDesk.of(CONTEST, all, Show.ALL, 9, List.of()).rows()).hasSize(20);
        assertThat(ContestDesk.of(CONTEST, all, Show.ALL, -1, List.of()).paging().page()).isOne();

        ContestDesk nothing = ContestDesk.of(CONTEST, List.of(), Show.ALL, 1, List.of());
        assertThat(nothing.rows()).isEmpty();
        assertThat(nothing.paging()).isEqualTo(new Paging(1, 1, 0, 0, 0));
        assertThat(nothing.total().stations()).isZero();
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
