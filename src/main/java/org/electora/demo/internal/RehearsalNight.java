package org.electora.demo.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.electora.election.Candidate;
import org.electora.election.Contest;
import org.electora.election.Election;
import org.electora.election.ElectionAction;
import org.electora.election.ElectionAdministration;
import org.electora.election.ElectionStatus;
import org.electora.election.ElectionType;
import org.electora.election.Elections;
import org.electora.election.ProtocolTemplates;
import org.electora.geography.ElectoralMap;
import org.electora.geography.MapVersion;
import org.electora.geography.PollingStation;
import org.electora.platform.Conflict;
import org.electora.platform.CurrentStaff;
import org.electora.results.ProtocolSource;
import org.electora.results.ProtocolStatus;
import org.electora.results.ProtocolSubmission;
import org.electora.results.ProtocolSummary;
import org.electora.results.Protocols;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A rehearsal of election night on the demo map ({@code electora.demo.rehearsal=true}), as commissions hold one
 * before the real night: a rehearsal election is called with polls closing at the same local time everywhere, chosen
 * so that the westernmost station abroad closes {@link #LAST_CLOSES_IN} after the start; every station at home and
 * the missions east of the Americas have closed by then. Protocols then arrive through the same service as the API's,
 * each once its station has closed, about {@code electora.demo.rehearsal-pace} apart: plausible numbers, one in 200
 * with a ballot count that breaks a control relation (quarantined, for the desk to decide on), one in 300 never sent
 * (overdue on the desk). The CEC's desk fills, the stations abroad still polling are told apart, and once the last
 * one has closed the election moves to counting and the public results appear. Then the commissions' morning
 * ({@link RehearsalMorning}) corrects, releases, amends and annuls a few protocols, leaving some quarantined ones for
 * the desk. A restart resumes the rehearsal of the day instead of calling another.
 */
@Component
@Order(20)
class RehearsalNight implements ApplicationRunner, DisposableBean {

    static final Duration LAST_CLOSES_IN = Duration.ofMinutes(10);
    static final String NAME = "Rehearsal of election night";
    private static final Logger log = LoggerFactory.getLogger(RehearsalNight.class);
    private static final double[] SHARES = {0.34, 0.22, 0.15, 0.11, 0.08, 0.06, 0.04};

    private final ElectoralMap map;
    private final Elections elections;
    private final ElectionAdministration administration;
    private final Protocols protocols;
    private final RehearsalMorning morning;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final boolean enabled;
    private final Duration pace;
    private volatile boolean stopping;
    private volatile Thread worker;

    RehearsalNight(ElectoralMap map, Elections elections, ElectionAdministration administration, Protocols protocols,
                   RehearsalMorning morning, Clock clock, TransactionTemplate tx, @Value("${electora.demo.rehearsal:false}") boolean enabled,
                   @Value("${electora.demo.rehearsal-pace:40ms}") Duration pace) {
        this.map = map;
        this.elections = elections;
        this.administration = administration;
        this.protocols = protocols;
        this.morning = morning;
        this.clock = clock;
        this.tx = tx;
        this.enabled = enabled;
        this.pace = pace;
    }

    /** Polls open and close at the same local times everywhere: {@code close} is the westernmost zone's. */
    record Hours(LocalDate pollingDay, LocalTime open, LocalTime close) {

        /** The hours with which the westernmost of {@code zones} closes between {@code lastIn} and a minute later. */
        static Hours closingLastIn(Collection<ZoneId> zones, Instant now, Duration lastIn) {
            // By seconds: ZoneOffset's own order runs from east to west.
            ZoneId west = zones.stream().min(Comparator.comparingInt(z -> z.getRules().getOffset(now).getTotalSeconds()))
                    .orElseThrow();
            ZonedDateTime last = now.plus(lastIn).atZone(west).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            if (last.toLocalTime().equals(LocalTime.MIDNIGHT)) {
                last = last.plusMinutes(1);
            }
            LocalTime close = last.toLocalTime();
            LocalTime open = close.isBefore(LocalTime.of(11, 0)) ? LocalTime.MIDNIGHT : close.minusHours(11);
            return new Hours(last.toLocalDate(), open, close);
        }
    }

    /** A station's protocol for the rehearsal: balanced unless {@code broken}; a {@code silent} station sends none. */
    record Generated(Map<Integer, Long> lines, Map<Integer, Long> votes, boolean broken, boolean silent) {
    }

    /** The same numbers for the same station and ballot orders on every run. */
    static Generated protocol(long stationId, boolean abroad, List<Integer> ballotOrders) {
        Random r = new Random(20270210L * 31 + stationId);
        boolean silent = r.nextInt(300) == 0;
        boolean broken = !silent && r.nextInt(200) == 0;
        long voters = abroad ? 80 + r.nextInt(900) : 400 + r.nextInt(1_800);
        // Turnout around 62 %, spread as real stations spread (normal, sd 8 points, held within 25-95 %): the public
        // "stations by turnout" chart of a rehearsal then looks like an election, not like a flat band.
        double turnout = Math.clamp(0.62 + 0.08 * r.nextGaussian(), 0.25, 0.95);
        long issued = Math.round(voters * turnout);
        long outside = abroad ? 0 : r.nextInt((int) (issued / 20) + 1);
        long atStation = issued - outside;
        long tookAway = Math.min(atStation, r.nextInt(3));
        long inBoxes = issued - tookAway;
        long invalid = Math.round(inBoxes * (0.005 + 0.02 * r.nextDouble()));
        long valid = inBoxes - invalid;
        long spoilt = r.nextInt(4);
        long unused = 20 + r.nextInt(150);
        Map<Integer, Long> lines = new LinkedHashMap<>();
        lines.put(1, voters);
        lines.put(2, (long) r.nextInt(5));
        lines.put(3, issued + unused + spoilt);
        lines.put(4, atStation);
        lines.put(5, outside);
        lines.put(6, unused);
        lines.put(7, outside);
        lines.put(8, atStation - tookAway + (broken ? 1 + r.nextInt(9) : 0));
        lines.put(9, invalid);
        lines.put(10, valid);
        lines.put(11, spoilt);
        return new Generated(lines, split(valid, ballotOrders, r), broken, silent);
    }

    /** {@code valid} votes over the candidates, around {@link #SHARES}, by largest remainder (they add up exactly). */
    private static Map<Integer, Long> split(long valid, List<Integer> ballotOrders, Random r) {
        double[] weights = new double[ballotOrders.size()];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = SHARES[i % SHARES.length] * Math.exp(0.25 * r.nextGaussian());
            total += weights[i];
        }
        long[] votes = new long[weights.length];
        double[] remainders = new double[weights.length];
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = valid * weights[i] / total;
            votes[i] = (long) Math.floor(exact);
            remainders[i] = exact - votes[i];
            given += votes[i];
        }
        for (long left = valid - given; left > 0; left--) {
            int best = 0;
            for (int i = 1; i < remainders.length; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            votes[best]++;
            remainders[best] = -1;
        }
        Map<Integer, Long> byOrder = new LinkedHashMap<>();
        for (int i = 0; i < votes.length; i++) {
            byOrder.put(ballotOrders.get(i), votes[i]);
        }
        return byOrder;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled) {
            return;
        }
        Optional<MapVersion> demo = map.versions().stream().filter(v -> v.name().contains("demo")).findFirst();
        if (demo.isEmpty()) {
            log.warn("No demo map (electora.demo.shape=NONE?): no rehearsal of election night");
            return;
        }
        // Called in one transaction: a start that fails half-way leaves no half-called rehearsal behind.
        Election election = CurrentStaff.runAsSystem(() -> today(demo.get())
                .orElseGet(() -> tx.execute(status -> call(demo.get(), LAST_CLOSES_IN))));
        worker = Thread.ofPlatform().name("rehearsal-night").daemon().start(() -> {
            try {
                Night night = CurrentStaff.runAsSystem(() -> night(election));
                log.info("Rehearsal of election night: every station has reported but {} ({} protocols sent now, {} of"
                        + " them in quarantine)", night.silent(), night.sent(), night.quarantined());
                // The commissions' morning, a step every 50 protocols' pace (2 s by default): spread over a few
                // snapshots, so that the public pages show them arrive.
                CurrentStaff.runAsSystem(() -> morning.morning(election, pace.multipliedBy(50)));
            } catch (RuntimeException e) {
                if (!stopping) {
                    log.error("The rehearsal of election night stopped", e);
                }
            }
        });
    }

    @Override
    public void destroy() {
        stopping = true;
        Thread t = worker;
        if (t != null) {
            t.interrupt();
        }
    }

    /** The rehearsal called earlier today and not over yet, to resume after a restart. */
    private Optional<Election> today(MapVersion demo) {
        return elections.all().stream()
                .filter(e -> e.name().startsWith(NAME) && e.mapVersionId().equals(demo.id())
                        && EnumSet.of(ElectionStatus.POLLING, ElectionStatus.COUNTING).contains(e.status())
                        && !e.pollingDay().isBefore(LocalDate.now(clock).minusDays(1)))
                .reduce((a, b) -> b);
    }

    /** Calls the rehearsal election on {@code demo}, polling, its westernmost station closing {@code lastIn} from now. */
    Election call(MapVersion demo, Duration lastIn) {
        List<ZoneId> zones = map.stations(demo.id()).stream().map(PollingStation::timeZone).distinct().toList();
        Hours hours = Hours.closingLastIn(zones, clock.instant(), lastIn);
        Election e = DemoCandidates.callWithCandidates(administration, elections, new ElectionAdministration.NewElection(
                NAME + " " + hours.pollingDay(), ElectionType.PRESIDENTIAL, true, hours.pollingDay(), hours.open(),
                hours.close(), demo.id(), "President of the Republic", ProtocolTemplates.cisPresidential().code()));
        e = administration.apply(e.id(), ElectionAction.OPEN_POLLS, e.version());
        ZonedDateTime capitalCloses = e.closesAt(demo.capitalZone());
        ZonedDateTime lastCloses = zones.stream().map(e::closesAt).max(Comparator.comparing(ZonedDateTime::toInstant))
                .orElseThrow().withZoneSameInstant(demo.capitalZone());
        log.info("Rehearsal of election night: '{}' is polling; polls close at {} local time everywhere: in the capital"
                + " at {}, at the last station abroad at {} capital time. Watch /desk as admin, and /results once the"
                + " last station has closed", e.name(), hours.close(), capitalCloses, lastCloses.toLocalTime());
        return e;
    }

    /** What the night sent: protocols, how many of them were quarantined, stations that sent none. */
    record Night(int sent, int quarantined, int silent) {
    }

    /**
     * Sends every station's protocol that is not in yet, each once the station has closed, in the order they close;
     * moves the election to counting once the last station has closed.
     */
    Night night(Election election) {
        Contest contest = elections.contests(election.id()).getFirst();
        List<Integer> ballotOrders = elections.candidates(contest.id()).stream().map(Candidate::ballotOrder).sorted().toList();
        List<PollingStation> stations = map.stations(election.mapVersionId()).stream()
                .sorted(Comparator.comparing((PollingStation s) -> election.closesAt(s.timeZone()).toInstant())
                        .thenComparing(s -> s.id().value()))
                .toList();
        Instant lastCloses = election.closesAt(stations.getLast().timeZone()).toInstant();
        // One query for the stations already in (a restart), not one per station.
        Set<Long> in = protocols.ofContest(contest.id().value()).stream().map(ProtocolSummary::stationId)
                .collect(Collectors.toSet());
        int sent = 0;
        int quarantined = 0;
        int silent = 0;
        for (PollingStation s : stations) {
            Instant closes = election.closesAt(s.timeZone()).toInstant();
            closeWhenLastHasClosed(election, lastCloses);
            Generated p = protocol(s.id().value(), s.isAbroad(), ballotOrders);
            if (p.silent()) {
                silent++;
                continue;
            }
            if (in.contains(s.id().value())) {
                continue;
            }
            sleepUntil(closes.plusSeconds(20));
            sleep(pace);
            Optional<ProtocolStatus> status = send(contest.id().value(), s, p);
            if (status.isEmpty()) {
                continue;
            }
            sent++;
            if (status.get() == ProtocolStatus.QUARANTINED) {
                quarantined++;
            }
            if (sent % 500 == 0) {
                log.info("Rehearsal of election night: {} of {} protocols in ({} quarantined, {} stations silent)",
                        sent, stations.size(), quarantined, silent);
            }
        }
        sleepUntil(lastCloses);
        closeWhenLastHasClosed(election, lastCloses);
        return new Night(sent, quarantined, silent);
    }

    /**
     * Sends a station's first protocol; empty when the station already has one that staff keyed during the
     * rehearsal (missions and commissions train on it): theirs stands, and the night goes on with the next station.
     * One refusal used to end the whole night, leaving every station after it overdue and the election polling.
     */
    Optional<ProtocolStatus> send(long contestId, PollingStation station, Generated p) {
        try {
            return Optional.of(protocols.submit(new ProtocolSubmission(UUID.randomUUID(), contestId, station.id().value(),
                    p.lines(), p.votes(), null, null), ProtocolSource.ELECTRONIC).status());
        } catch (Conflict keyedByStaff) {
            log.info("Rehearsal of election night: station {} already has a protocol ({}: {}); it is left as it is",
                    station.code(), keyedByStaff.ruleCode(), keyedByStaff.getMessage());
            return Optional.empty();
        }
    }

    private void closeWhenLastHasClosed(Election election, Instant lastCloses) {
        if (clock.instant().isBefore(lastCloses)) {
            return;
        }
        Election now = elections.byId(election.id()).orElseThrow();
        if (now.status() == ElectionStatus.POLLING) {
            administration.apply(now.id(), ElectionAction.CLOSE_POLLS, now.version());
            log.info("Rehearsal of election night: the last station has closed; '{}' is counting and its results are"
                    + " published at /results", now.name());
        }
    }

    private void sleepUntil(Instant instant) {
        Duration wait = Duration.between(clock.instant(), instant);
        if (!wait.isNegative() && !wait.isZero()) {
            sleep(wait);
        }
    }

    private void sleep(Duration duration) {
        if (stopping) {
            throw new IllegalStateException("stopping");
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
