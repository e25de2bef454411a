package org.electora.demo.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.electora.election.Candidate;
import org.electora.election.Contest;
import org.electora.election.Election;
import org.electora.election.ElectionStatus;
import org.electora.election.Elections;
import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.geography.PollingStationId;
import org.electora.results.ProtocolAction;
import org.electora.results.ProtocolId;
import org.electora.results.ProtocolSource;
import org.electora.results.ProtocolStatus;
import org.electora.results.ProtocolSubmission;
import org.electora.results.ProtocolSummary;
import org.electora.results.Protocols;
import org.electora.results.StationDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The morning after a rehearsal's night: what commissions do with the night's protocols once every station has
 * reported, so that a rehearsal shows every step of a protocol's life, in public as well (the corrections page), and
 * not only quarantines. Of the quarantined stations, by code, the first and second of every four send a corrected
 * version from their precinct (a recount of line 8), the third is released by the constituency commission's decision
 * and the fourth is left in quarantine for the desk to decide on. One accepted station in {@link #AMEND_ONE_IN} is
 * amended (ballots counted valid found invalid at the constituency's check) and one in {@link #ANNUL_ONE_IN} is
 * annulled by the CEC's decision. Each step goes through the same service as the desk's and the API's, {@code between}
 * apart. Run again (a restart), it takes no step twice: a station with a step after its quarantine, a version after
 * its first or an annulment is left as it is.
 */
@Component
class RehearsalMorning {

    static final int AMEND_ONE_IN = 400;
    static final int ANNUL_ONE_IN = 2_000;
    private static final Logger log = LoggerFactory.getLogger(RehearsalMorning.class);

    /** What becomes of a quarantined station, by its rank among them (by code, from 0). */
    enum Fate {
        CORRECTED, RELEASED, LEFT_FOR_DESK;

        static Fate of(int rank) {
            return switch (rank % 4) {
                case 0, 1 -> CORRECTED;
                case 2 -> RELEASED;
                default -> LEFT_FOR_DESK;
            };
        }
    }

    /** The steps taken this time, and the quarantined stations still waiting for the desk. */
    record Morning(int corrected, int released, int amended, int annulled, int leftForDesk) {
    }

    private final ElectoralMap map;
    private final Elections elections;
    private final Protocols protocols;

    RehearsalMorning(ElectoralMap map, Elections elections, Protocols protocols) {
        this.map = map;
        this.elections = elections;
        this.protocols = protocols;
    }

    /** Takes the morning's steps on {@code election} while it is counting; none once it is certified. */
    Morning morning(Election election, Duration between) {
        if (elections.byId(election.id()).orElseThrow().status() != ElectionStatus.COUNTING) {
            return new Morning(0, 0, 0, 0, 0);
        }
        Contest contest = elections.contests(election.id()).getFirst();
        long contestId = contest.id().value();
        List<Integer> ballotOrders = elections.candidates(contest.id()).stream().map(Candidate::ballotOrder).sorted().toList();
        Map<String, ProtocolSummary> byCode = protocols.ofContest(contestId).stream()
                .collect(Collectors.toMap(ProtocolSummary::stationCode, p -> p, (a, b) -> a, LinkedHashMap::new));
        Map<String, List<StationDecision>> steps = protocols.notableDecisions(contestId).stream()
                .collect(Collectors.groupingBy(StationDecision::stationCode));

        int corrected = 0;
        int released = 0;
        int leftForDesk = 0;
        List<String> quarantined = steps.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(d -> d.decision().action() == ProtocolAction.QUARANTINE))
                .map(Map.Entry::getKey).sorted().toList();
        for (int rank = 0; rank < quarantined.size(); rank++) {
            ProtocolSummary p = byCode.get(quarantined.get(rank));
            if (!waitingInQuarantine(p, steps.get(p.stationCode()))) {
                continue;
            }
            switch (Fate.of(rank)) {
                case CORRECTED -> {
                    correct(contestId, p, ballotOrders);
                    corrected++;
                }
                case RELEASED -> {
                    protocols.release(protocolId(contestId, p), p.version(), "Recount by the constituency commission: the"
                            + " count stands; the extra ballots on line 8 were cast in the mobile box and entered twice",
                            "Constituency commission decision R-" + (rank + 1));
                    released++;
                }
                case LEFT_FOR_DESK -> {
                    leftForDesk++;
                    continue;
                }
            }
            pause(between);
        }

        int amended = 0;
        int annulled = 0;
        List<ProtocolSummary> all = byCode.values().stream().sorted(Comparator.comparing(ProtocolSummary::stationCode)).toList();
        for (int rank = 0; rank < all.size(); rank++) {
            ProtocolSummary p = all.get(rank);
            if (p.status() != ProtocolStatus.ACCEPTED) {
                continue;
            }
            if (rank % AMEND_ONE_IN == 0 && p.version() == 1) {
                amend(contestId, p);
                amended++;
            } else if (rank % ANNUL_ONE_IN == 1) {
                protocols.annul(protocolId(contestId, p), p.version(), "Ballot stuffing reported by two observer missions"
                        + " and confirmed by the constituency commission's inspection of the ballot boxes",
                        "CEC decision A-" + (annulled + 1) + " of " + election.pollingDay());
                annulled++;
            } else {
                continue;
            }
            pause(between);
        }
        Morning morning = new Morning(corrected, released, amended, annulled, leftForDesk);
        log.info("Rehearsal of election night, the morning after: {} quarantined protocols corrected by their precincts,"
                + " {} released by decision, {} amended, {} annulled; {} left in quarantine for the desk", corrected,
                released, amended, annulled, leftForDesk);
        return morning;
    }

    /** Quarantined, and nothing decided since: the quarantine is the station's last notable step. */
    private static boolean waitingInQuarantine(ProtocolSummary p, List<StationDecision> steps) {
        return p.status() == ProtocolStatus.QUARANTINED
                && steps.getLast().decision().action() == ProtocolAction.QUARANTINE;
    }

    /** The precinct's recount: the station's own numbers, with line 8 what the ballots in the boxes add up to. */
    private void correct(long contestId, ProtocolSummary p, List<Integer> ballotOrders) {
        PollingStation station = map.station(new PollingStationId(p.stationId())).orElseThrow();
        RehearsalNight.Generated numbers = RehearsalNight.protocol(p.stationId(), station.isAbroad(), ballotOrders);
        Map<Integer, Long> lines = new LinkedHashMap<>(numbers.lines());
        long line8 = lines.get(9) + lines.get(10) - lines.get(7);
        lines.put(8, line8);
        protocols.submit(new ProtocolSubmission(UUID.randomUUID(), contestId, p.stationId(), lines, numbers.votes(),
                p.version(), "Recount by the precinct commission: line 8 (ballots in the stationary boxes) recounted as "
                + line8), ProtocolSource.ELECTRONIC);
    }

    /** The constituency's check: a few ballots counted for the leading candidate carried no valid mark. */
    private void amend(long contestId, ProtocolSummary p) {
        long moved = 1 + p.stationId() % 3;
        Map<Integer, Long> lines = new LinkedHashMap<>(p.lines());
        lines.merge(9, moved, Long::sum);
        lines.merge(10, -moved, Long::sum);
        Map<Integer, Long> votes = new LinkedHashMap<>(p.votes());
        Integer leading = votes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        votes.merge(leading, -moved, Long::sum);
        protocols.submit(new ProtocolSubmission(UUID.randomUUID(), contestId, p.stationId(), lines, votes, p.version(),
                "Constituency commission's check: " + moved + " ballot(s) counted for candidate " + leading
                        + " carried no valid mark; lines 9 and 10 and the candidate's votes corrected"),
                ProtocolSource.ELECTRONIC);
    }

    private ProtocolId protocolId(long contestId, ProtocolSummary p) {
        return protocols.protocol(contestId, p.stationId()).orElseThrow().id();
    }

    private static void pause(Duration between) {
        if (between.isZero()) {
            return;
        }
        try {
            Thread.sleep(between);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
