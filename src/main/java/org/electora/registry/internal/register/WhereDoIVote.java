package org.electora.registry.internal.register;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.electora.election.Election;
import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.geography.PollingStationId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * "Where do I vote?": national id plus date of birth → the voter's station in the current election. Built for the
 * public's peak before polling day (docs/benchmarks.md): one indexed SQL statement in autocommit (no transaction
 * round trips), the current election and each station's answer from memory, no log line per request (a counter by
 * outcome instead). "No such id" and "wrong date of birth" do the same work — the same statement, which always
 * returns one row; a constant-time comparison against the stored or a dummy date — and give the same answer, so
 * neither the answer nor its timing says whether an id exists. Public only so that the compiled page template can
 * see its records.
 */
@Service
public class WhereDoIVote {

    private static final byte[] DUMMY = "0000-00-00".getBytes(StandardCharsets.US_ASCII);
    /** More entries than any map has stations means entries of old maps or elections: start again. */
    private static final int MAX_CACHED_STATIONS = 200_000;

    public record Hours(ZonedDateTime opens, ZonedDateTime closes, String timeZone) {
    }

    public record StationAnswer(String code, int number, String name, String address, String mapUrl, Hours hours,
                         boolean abroad) {
    }

    /** The one shape of every answer; {@code station} is null when not found or not (yet) on a list. */
    public record Answer(boolean found, String electionName, LocalDate pollingDay, StationAnswer station) {
    }

    /** A station's answer for one election, valid while the station row keeps {@code version}. */
    private record CachedStation(Election election, int version, StationAnswer answer) {
    }

    private record Row(String dateOfBirth, Long stationId, Integer stationVersion) {
    }

    private final JdbcClient jdbc;
    private final CurrentElection currentElection;
    private final ElectoralMap map;
    private final Map<Long, CachedStation> stations = new ConcurrentHashMap<>();
    private final Counter found;
    private final Counter foundWithoutStation;
    private final Counter notFound;

    WhereDoIVote(JdbcClient jdbc, CurrentElection currentElection, ElectoralMap map, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.currentElection = currentElection;
        this.map = map;
        String name = "electora.registry.lookups";
        this.found = Counter.builder(name).tag("outcome", "found").register(meters);
        this.foundWithoutStation = Counter.builder(name).tag("outcome", "found-without-station").register(meters);
        this.notFound = Counter.builder(name).tag("outcome", "not-found").register(meters);
    }

    public Answer lookup(String nationalId, String dateOfBirth) {
        Optional<Election> election = currentElection.get();
        long electionId = election.map(e -> e.id().value()).orElse(0L);
        String id = nationalId == null ? "" : nationalId.strip();
        // Always exactly one row (the LEFT JOINs hang off the given id), whether the id exists or not. The station's
        // version tells whether the cached answer still holds (a station edit bumps it).
        Row row = jdbc.sql("""
                        SELECT v.date_of_birth::text AS dob, r.station_id, ps.version AS station_version
                        FROM (SELECT ?::text AS national_id) q
                        LEFT JOIN voter v ON v.national_id = q.national_id AND v.status = 'ACTIVE'
                        LEFT JOIN registration r ON r.voter_id = v.id AND r.active AND r.election_id = ?
                        LEFT JOIN polling_station ps ON ps.id = r.station_id""")
                .params(id, electionId)
                .query((rs, i) -> new Row(rs.getString(1), (Long) rs.getObject(2), (Integer) rs.getObject(3))).single();
        boolean match = sameDateOfBirth(row.dateOfBirth(), dateOfBirth);
        // Resolved before the match is known, so that a wrong date of birth does the found voter's work.
        StationAnswer station = row.stationId() == null || election.isEmpty() ? null
                : station(row.stationId(), row.stationVersion(), election.get());
        String electionName = election.map(Election::name).orElse(null);
        LocalDate day = election.map(Election::pollingDay).orElse(null);
        if (!match) {
            notFound.increment();
            return new Answer(false, electionName, day, null);
        }
        (station == null ? foundWithoutStation : found).increment();
        return new Answer(true, electionName, day, station);
    }

    private StationAnswer station(long stationId, int version, Election election) {
        CachedStation cached = stations.get(stationId);
        if (cached != null && cached.version() == version && cached.election().equals(election)) {
            return cached.answer();
        }
        PollingStation s = map.station(new PollingStationId(stationId)).orElse(null);
        if (s == null) {
            return null;
        }
        StationAnswer answer = station(s, election);
        // A station read just before an edit committed is used for this answer but not kept.
        if (s.version() == version) {
            if (stations.size() >= MAX_CACHED_STATIONS) {
                stations.clear();
            }
            stations.put(stationId, new CachedStation(election, version, answer));
        }
        return answer;
    }

    /**
     * Whether the stored date of birth ({@code yyyy-mm-dd}, null when there is no such voter) is the given one, in time
     * that depends neither on where they differ nor on whether there is a stored date: a missing one is compared as
     * a dummy date that matches nothing.
     */
    static boolean sameDateOfBirth(String stored, String given) {
        byte[] g = (given == null ? "" : given.strip()).getBytes(StandardCharsets.UTF_8);
        byte[] s = stored == null ? DUMMY : stored.getBytes(StandardCharsets.US_ASCII);
        // MessageDigest.isEqual takes time independent of where the bytes differ; & (not &&) always evaluates both.
        return MessageDigest.isEqual(s, g) & stored != null;
    }

    private static StationAnswer station(PollingStation s, Election e) {
        String mapUrl = s.coordinates() == null ? null : String.format(Locale.ROOT,
                "https://www.openstreetmap.org/?mlat=%.6f&mlon=%.6f#map=17/%.6f/%.6f", s.coordinates().latitude(),
                s.coordinates().longitude(), s.coordinates().latitude(), s.coordinates().longitude());
        return new StationAnswer(s.code(), s.number(), s.name(), s.address(), mapUrl,
                new Hours(e.opensAt(s.timeZone()), e.closesAt(s.timeZone()), s.timeZone().getId()), s.isAbroad());
    }
}
