package org.electora.publication.internal;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

import org.electora.publication.SnapshotContent;
import org.electora.publication.SnapshotContent.CandidatePart;
import org.electora.publication.SnapshotContent.Station;

/**
 * The counted stations of a snapshot by their turnout: how many stations, and how many votes each candidate got, at
 * each turnout. Observers and journalists draw this from the station data to see how a result is made up (a result
 * carried by a few stations with a turnout far above the rest looks different here from one spread evenly); the
 * commission draws it for them from the same published numbers.
 * <p>
 * Turnout is the snapshot's own (ballots issued / voters on the list). A station counts when its protocol is counted
 * and its list is not empty. A station that issued more ballots than it had voters on its list (possible where
 * voters are added on the day) is not put into a bin: it is counted apart, and in the last band of the table.
 * <p>
 * Bins are 0.1 % wide from 10,000 counted stations, 0.5 % from 1,000, and 1 % below that, so that a bin holds enough
 * stations to read. A turnout falls into the bin it reaches: exactly 70.0 % is in [70.0, 70.1), and 100 % in the
 * last bin.
 *
 * @param binWidth  width of a bin in per cent
 * @param stations  stations per bin, from 0 % up
 * @param votes     votes per bin, by ballot order (the first array is candidate 1's)
 * @param counted   stations put into a bin
 * @param overFull  counted stations with more ballots issued than voters on the list
 * @param emptyList counted stations with no voters on the list, left out
 * @param bands     the same stations in 10 % bands, and a last band for those over 100 %
 */
public record TurnoutDistribution(double binWidth, long[] stations, List<long[]> votes, int counted, int overFull,
                                  int emptyList, List<Band> bands) {

    /**
     * One row of the table beside the chart.
     *
     * @param from per cent, inclusive
     * @param to   per cent, exclusive (the band ending at 100 % includes it); {@code null} for the band over 100 %
     */
    public record Band(int from, Integer to, int stations, long votersOnList, long ballotsIssued, long shareBase,
                       List<Long> votes) {
    }

    /** The distribution of the whole snapshot ({@code regionCode} null) or of one region's stations. */
    public static TurnoutDistribution of(SnapshotContent content, String regionCode) {
        List<Station> scope = content.stations().stream()
                .filter(s -> s.counted() && (regionCode == null || regionCode.equals(s.regionCode()))).toList();
        int candidates = content.candidates().stream().mapToInt(CandidatePart::ballotOrder).max().orElse(0);
        int withVoters = (int) scope.stream().filter(s -> s.votersOnList() > 0).count();
        int binsPerPercent = withVoters >= 10_000 ? 10 : withVoters >= 1_000 ? 2 : 1;
        int bins = 100 * binsPerPercent;
        long[] stations = new long[bins];
        List<long[]> votes = new ArrayList<>();
        for (int i = 0; i < candidates; i++) {
            votes.add(new long[bins]);
        }
        BandSums[] bands = new BandSums[11];
        for (int i = 0; i < bands.length; i++) {
            bands[i] = new BandSums(candidates);
        }
        int counted = 0, overFull = 0, emptyList = 0;
        for (Station s : scope) {
            if (s.votersOnList() <= 0) {
                emptyList++;
                continue;
            }
            if (s.ballotsIssued() > s.votersOnList()) {
                overFull++;
                bands[10].add(s);
                continue;
            }
            counted++;
            // Integer arithmetic, so that 70.0 % lands in the bin starting at 70.0 and not in the one before it.
            int bin = (int) Math.min(bins - 1, s.ballotsIssued() * bins / s.votersOnList());
            stations[bin]++;
            for (int i = 0; i < candidates && i < s.votes().size(); i++) {
                votes.get(i)[bin] += s.votes().get(i);
            }
            bands[(int) Math.min(9, s.ballotsIssued() * 10 / s.votersOnList())].add(s);
        }
        List<Band> table = new ArrayList<>();
        for (int i = 0; i < bands.length; i++) {
            table.add(bands[i].band(10 * i, i < 10 ? 10 * (i + 1) : null));
        }
        return new TurnoutDistribution(1.0 / binsPerPercent, stations, votes, counted, overFull, emptyList, table);
    }

    /** The width of a bin as the page says it, e.g. "0,5 %" in Russian. */
    public String binWidthText(Locale locale) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMaximumFractionDigits(1);
        return format.format(binWidth) + " %";
    }

    /** The chart's data: bin starts, stations per bin, and each candidate's votes per bin with name and colour. */
    public Map<String, Object> chart(List<CandidatePart> candidates, IntFunction<String> colour) {
        List<String> from = new ArrayList<>();
        for (int i = 0; i < stations.length; i++) {
            from.add(String.format(Locale.ROOT, binWidth < 1 ? "%.1f" : "%.0f", i * binWidth));
        }
        List<Map<String, Object>> series = new ArrayList<>();
        for (CandidatePart c : candidates) {
            series.add(Map.of("name", c.fullName(), "colour", colour.apply(c.ballotOrder()),
                    "votes", c.ballotOrder() <= votes.size() ? votes.get(c.ballotOrder() - 1) : new long[stations.length]));
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("binWidth", binWidth);
        chart.put("from", from);
        chart.put("stations", stations);
        chart.put("candidates", series);
        return chart;
    }

    private static final class BandSums {
        private int stations;
        private long voters;
        private long issued;
        private long shareBase;
        private final long[] votes;

        BandSums(int candidates) {
            votes = new long[candidates];
        }

        void add(Station s) {
            stations++;
            voters += s.votersOnList();
            issued += s.ballotsIssued();
            shareBase += s.shareBase();
            for (int i = 0; i < votes.length && i < s.votes().size(); i++) {
                votes[i] += s.votes().get(i);
            }
        }

        Band band(int from, Integer to) {
            return new Band(from, to, stations, voters, issued, shareBase, Arrays.stream(votes).boxed().toList());
        }
    }
}
