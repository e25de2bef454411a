package org.electora.publication;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.electora.geography.Constituency;
import org.electora.geography.ElectoralMap;
import org.electora.geography.MapVersionId;
import org.electora.geography.PollingStation;
import org.electora.geography.Region;
import org.electora.support.ProtocolBuilder;

/**
 * What a test expects a snapshot to publish, summed from the protocols the test itself submitted (the counted version
 * of each station), never from the code under test. CIS template: voters = line 1, ballots issued = lines 4 + 5,
 * invalid = line 9, valid = line 10 (the share base).
 */
final class ExpectedTotals {

    /** Sums over the counted stations of an area. */
    record Sum(int counted, long voters, long issued, long valid, long invalid, List<Long> votes) {
        long votes(int ballotOrder) {
            return votes.get(ballotOrder - 1);
        }

        /** Ballot order of the candidate with most votes (the first of equals). */
        int leader() {
            int best = 1;
            for (int i = 2; i <= votes.size(); i++) {
                if (votes(i) > votes(best)) {
                    best = i;
                }
            }
            return best;
        }
    }

    private final Map<String, PollingStation> stations = new LinkedHashMap<>();
    private final Map<String, String> regionOfConstituency = new HashMap<>();
    private final Map<String, ProtocolBuilder> counted = new LinkedHashMap<>();
    private final int candidates;

    ExpectedTotals(ElectoralMap map, MapVersionId version, int candidates) {
        this.candidates = candidates;
        Map<Long, String> regionCodes = new HashMap<>();
        for (Region r : map.regions(version)) {
            regionCodes.put(r.id().value(), r.code());
        }
        for (Constituency c : map.constituencies(version)) {
            regionOfConstituency.put(c.code(), regionCodes.get(c.regionId().value()));
            map.stations(c.id()).forEach(s -> stations.put(s.code(), s));
        }
    }

    /** The protocol now counted for a station (its latest accepted version). */
    void count(PollingStation s, ProtocolBuilder protocol) {
        counted.put(s.code(), protocol);
    }

    /** The station no longer counts (annulled). */
    void uncount(PollingStation s) {
        counted.remove(s.code());
    }

    ProtocolBuilder protocol(String stationCode) {
        return counted.get(stationCode);
    }

    String regionOf(PollingStation s) {
        return regionOfConstituency.get(s.constituencyCode());
    }

    Sum nation() {
        return sum(s -> true);
    }

    Sum region(String code) {
        return sum(s -> code.equals(regionOf(s)));
    }

    Sum constituency(String code) {
        return sum(s -> code.equals(s.constituencyCode()));
    }

    Sum country(String hostCountry) {
        return sum(s -> s.isAbroad() && hostCountry.equals(s.abroad().hostCountry()));
    }

    Sum station(String code) {
        return sum(s -> s.code().equals(code));
    }

    int expected(Predicate<PollingStation> in) {
        return (int) stations.values().stream().filter(in).count();
    }

    private Sum sum(Predicate<PollingStation> in) {
        int n = 0;
        long voters = 0;
        long issued = 0;
        long valid = 0;
        long invalid = 0;
        long[] votes = new long[candidates];
        for (var e : counted.entrySet()) {
            PollingStation s = stations.get(e.getKey());
            if (s == null || !in.test(s)) {
                continue;
            }
            Map<Integer, Long> lines = e.getValue().lines();
            n++;
            voters += lines.get(1);
            issued += lines.get(4) + lines.get(5);
            invalid += lines.get(9);
            valid += lines.get(10);
            for (var v : e.getValue().votesByBallotOrder().entrySet()) {
                votes[v.getKey() - 1] += v.getValue();
            }
        }
        return new Sum(n, voters, issued, valid, invalid, java.util.Arrays.stream(votes).boxed().toList());
    }

    /** A share as the pages print it: two decimals rounded half up, then " %" ("–" of nothing). */
    static String percent(long part, long whole, Locale locale) {
        if (whole == 0) {
            return "–";
        }
        String n = BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP).toPlainString();
        return (locale.getLanguage().equals("en") ? n : n.replace('.', ',')) + " %";
    }

    /** A count grouped by thousands as in English ("12,345"), or by a space ("12 345", after {@link #spaces}). */
    static String number(long n, Locale locale) {
        String grouped = String.format(Locale.ROOT, "%,d", n);
        return locale.getLanguage().equals("en") ? grouped : grouped.replace(',', ' ');
    }

    /** Text with no-break and narrow no-break spaces as plain ones, runs of spaces as one. */
    static String spaces(String text) {
        return text.replaceAll("[\\s\u00a0\u202f]+", " ");
    }
}
