package org.electora.publication.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.electora.election.Candidate;
import org.electora.election.CandidateStatus;
import org.electora.election.Contest;
import org.electora.election.Election;
import org.electora.election.ElectionStatus;
import org.electora.election.Elections;
import org.electora.election.ProtocolLine;
import org.electora.election.ProtocolTemplate;
import org.electora.election.RelationLevel;
import org.electora.election.Violation;
import org.electora.geography.Constituency;
import org.electora.geography.ElectoralMap;
import org.electora.geography.MapVersion;
import org.electora.geography.PollingStation;
import org.electora.geography.Region;
import org.electora.platform.Ui;
import org.electora.publication.SnapshotContent;
import org.electora.publication.SnapshotContent.Area;
import org.electora.publication.SnapshotContent.Station;
import org.electora.publication.SnapshotStatus;
import org.electora.results.ProtocolAction;
import org.electora.results.ProtocolDecision;
import org.electora.results.ProtocolStatus;
import org.electora.results.ProtocolSummary;
import org.electora.results.Protocols;
import org.electora.results.StationDecision;
import org.electora.results.Tallies;
import org.electora.results.Tally;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads a contest's results through the results, election and geography APIs and lays them out as snapshot content.
 * Run inside one REPEATABLE READ transaction (see {@link PublishingResults}) so that stations and totals agree.
 */
@Component
class SnapshotBuilder {

    static final String NO_PROTOCOL = "NONE";

    private final Elections elections;
    private final ElectoralMap map;
    private final Tallies tallies;
    private final Protocols protocols;
    private final Embargo embargo;
    private final String issuer;
    private final String issuerAbbreviation;

    SnapshotBuilder(Elections elections, ElectoralMap map, Tallies tallies, Protocols protocols, Embargo embargo,
                    @Value("${electora.publication.issuer:Central Election Commission}") String issuer,
                    @Value("${electora.publication.issuer-abbreviation:CEC}") String issuerAbbreviation) {
        this.elections = elections;
        this.map = map;
        this.tallies = tallies;
        this.protocols = protocols;
        this.embargo = embargo;
        this.issuer = issuer;
        this.issuerAbbreviation = issuerAbbreviation;
    }

    SnapshotContent build(Election election, Contest contest) {
        MapVersion version = map.version(election.mapVersionId()).orElseThrow();
        ProtocolTemplate template = elections.template(contest.templateCode()).orElseThrow();
        List<Candidate> candidates = elections.candidates(contest.id()).stream()
                .filter(c -> c.status() == CandidateStatus.REGISTERED).toList();
        long contestId = contest.id().value();

        int width = candidates.stream().mapToInt(Candidate::ballotOrder).max().orElse(0);
        Map<Long, Region> regionsById = new LinkedHashMap<>();
        map.regions(version.id()).forEach(r -> regionsById.put(r.id().value(), r));
        List<Constituency> constituencies = map.constituencies(version.id());
        Map<Long, ProtocolSummary> byStation = protocols.ofContest(contestId).stream()
                .collect(Collectors.toMap(ProtocolSummary::stationId, Function.identity()));
        // Whole-contest reads (one query each), not one per constituency: a snapshot of 100,000 stations is built
        // every publication interval while protocols arrive.
        Map<String, Tally> stationTallies = tallies.byStation(contestId).stream()
                .collect(Collectors.toMap(Tally::key, Function.identity()));
        Map<Long, List<PollingStation>> stationsByConstituency = map.stations(version.id()).stream()
                .collect(Collectors.groupingBy(s -> s.constituencyId().value()));
        Map<String, Tally> constituencyTallies = tallies.byConstituency(contestId).stream()
                .collect(Collectors.toMap(Tally::key, Function.identity()));
        Map<String, Tally> countryTallies = tallies.byHostCountry(contestId).stream()
                .collect(Collectors.toMap(Tally::key, Function.identity()));

        List<Station> stations = new ArrayList<>();
        List<Area> constituencyAreas = new ArrayList<>();
        Map<String, List<Area>> constituenciesByRegion = new TreeMap<>();
        Map<String, int[]> abroad = new TreeMap<>(); // host country -> {expected, annulled}
        for (Constituency c : constituencies) {
            String regionCode = regionsById.get(c.regionId().value()).code();
            int annulled = 0;
            List<PollingStation> ofConstituency = stationsByConstituency.getOrDefault(c.id().value(), List.of());
            for (PollingStation s : ofConstituency) {
                ProtocolSummary p = byStation.get(s.id().value());
                Tally t = p != null && p.countedVersion() != null ? stationTallies.get(s.code()) : null;
                boolean isAnnulled = p != null && p.status() == ProtocolStatus.ANNULLED;
                annulled += isAnnulled ? 1 : 0;
                String country = s.isAbroad() ? s.abroad().hostCountry() : null;
                if (country != null) {
                    int[] counts = abroad.computeIfAbsent(country, k -> new int[2]);
                    counts[0]++;
                    counts[1] += isAnnulled ? 1 : 0;
                }
                stations.add(new Station(s.code(), s.name(), c.code(), regionCode, country,
                        p == null ? NO_PROTOCOL : p.status().name(), p == null ? null : p.version(),
                        t == null ? null : p.countedVersion(),
                        t == null ? Map.of() : p.lines(), t == null ? List.of() : t.votes(),
                        t == null ? 0 : t.votersOnList(), t == null ? 0 : t.ballotsIssued(), t == null ? 0 : t.valid(),
                        t == null ? 0 : t.invalid(), t == null ? 0 : t.shareBase(), t == null ? null : p.scanSha256()));
            }
            Area area = area("constituency", c.code(), c.name(), regionCode, ofConstituency.size(), annulled,
                    constituencyTallies.get(c.code()), width);
            constituencyAreas.add(area);
            constituenciesByRegion.computeIfAbsent(regionCode, k -> new ArrayList<>()).add(area);
        }
        List<Area> regionAreas = regionsById.values().stream()
                .map(r -> sum("region", r.code(), r.name(), "nation", constituenciesByRegion.getOrDefault(r.code(), List.of())))
                .toList();
        List<Area> countryAreas = abroad.entrySet().stream()
                // Named in English (the open data's language; the pages name countries in the reader's): "US" alone
                // told a reader of results.json, and of the NIST report's host-country units, too little.
                .map(e -> area("country", e.getKey(), Ui.country(e.getKey(), Locale.ENGLISH), null,
                        e.getValue()[0], e.getValue()[1],
                        countryTallies.get(e.getKey()), width))
                .toList();
        Area nation = sum("nation", version.countryCode(), version.name(), null, constituencyAreas);

        int reported = nation.stationsReported();
        SnapshotStatus status = election.status() == ElectionStatus.RESULTS_CERTIFIED ? SnapshotStatus.CERTIFIED
                : reported == nation.stationsExpected() ? SnapshotStatus.UNOFFICIAL_COMPLETE : SnapshotStatus.UNOFFICIAL_PARTIAL;

        var electionPart = new SnapshotContent.ElectionPart(election.id().value(), election.name(), election.type().name(),
                election.extraordinary(), election.pollingDay(), election.status().name(), version.countryCode(),
                version.capitalZone().getId(), embargo.pollsClosed(election).toString(), issuer, issuerAbbreviation);
        var contestPart = new SnapshotContent.ContestPart(contestId, contest.name(), template.code(), template.name(),
                template.lines().stream().map(l -> new SnapshotContent.Line(l.number(), l.code(), l.name())).toList());
        var candidateParts = candidates.stream().map(c -> new SnapshotContent.CandidatePart(c.ballotOrder(), c.familyName(),
                c.givenName(), c.patronymic(), c.fullName(), c.nominatedBy())).toList();
        // Read in the snapshot's transaction with the statuses above, so that the two agree.
        List<SnapshotContent.Step> steps = protocols.notableDecisions(contestId).stream().map(SnapshotBuilder::step).toList();
        return new SnapshotContent(SnapshotContent.FORMAT, electionPart, contestPart, candidateParts,
                template.shareDenominatorName(), turnoutDefinition(template), status, nation, regionAreas,
                constituencyAreas, countryAreas, stations, steps);
    }

    private static SnapshotContent.Step step(StationDecision d) {
        ProtocolDecision decision = d.decision();
        // What a quarantine was for; the later steps of the same version (a release, an annulment) do not repeat it.
        List<String> broken = decision.action() != ProtocolAction.QUARANTINE ? List.of()
                : d.violations().stream().filter(v -> v.level() == RelationLevel.HARD).map(Violation::ruleCode).toList();
        return new SnapshotContent.Step(d.stationCode(), decision.at().toInstant().toString(), decision.action().name(),
                decision.version(), decision.to().name(), decision.reason(), decision.reference(), broken);
    }

    private static String turnoutDefinition(ProtocolTemplate t) {
        Map<Integer, String> names = t.lines().stream().collect(Collectors.toMap(ProtocolLine::number, ProtocolLine::name));
        String issued = t.ballotsIssuedLines().stream().map(n -> "line " + n + " (" + names.get(n) + ")")
                .collect(Collectors.joining(" + "));
        return issued + " ÷ line " + t.votersOnListLine() + " (" + names.get(t.votersOnListLine()) + ")";
    }

    private static Area area(String level, String code, String name, String parent, int expected, int annulled, Tally t,
                             int width) {
        if (t == null) {
            return new Area(level, code, name, parent, expected, 0, annulled, 0, 0, 0, 0, 0, zeros(width));
        }
        return new Area(level, code, name, parent, expected, t.stationsCounted(), annulled, t.votersOnList(),
                t.ballotsIssued(), t.valid(), t.invalid(), t.shareBase(), t.votes());
    }

    private static List<Long> zeros(int n) {
        return Arrays.stream(new long[n]).boxed().toList();
    }

    static Area sum(String level, String code, String name, String parent, List<Area> parts) {
        int expected = 0;
        int counted = 0;
        int annulled = 0;
        long voters = 0;
        long issued = 0;
        long valid = 0;
        long invalid = 0;
        long base = 0;
        long[] votes = new long[parts.stream().mapToInt(a -> a.votes().size()).max().orElse(0)];
        for (Area a : parts) {
            expected += a.stationsExpected();
            counted += a.stationsCounted();
            annulled += a.stationsAnnulled();
            voters += a.votersOnList();
            issued += a.ballotsIssued();
            valid += a.valid();
            invalid += a.invalid();
            base += a.shareBase();
            for (int i = 0; i < a.votes().size(); i++) {
                votes[i] += a.votes().get(i);
            }
        }
        return new Area(level, code, name, parent, expected, counted, annulled, voters, issued, valid, invalid, base,
                Arrays.stream(votes).boxed().toList());
    }
}
