package org.electora.registry.internal.register;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;

import org.electora.election.Election;
import org.electora.election.Elections;
import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.geography.PollingStationId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Where do I vote?": national id plus date of birth → the voter's station in the current election. "No such id"
 * and "wrong date of birth" do the same work (one indexed query, one constant-time comparison against the stored
 * or a dummy date) and give the same answer, so the answer says nothing about whether an id exists. The log line
 * carries only the outcome. Public only so that the compiled page template can see its records.
 */
@Service
public class WhereDoIVote {

    private static final Logger log = LoggerFactory.getLogger(WhereDoIVote.class);
    private static final byte[] DUMMY = "0000-00-00".getBytes(StandardCharsets.US_ASCII);

    public record Hours(ZonedDateTime opens, ZonedDateTime closes, String timeZone) {
    }

    public record StationAnswer(String code, int number, String name, String address, String mapUrl, Hours hours,
                         boolean abroad) {
    }

    /** The one shape of every answer; {@code station} is null when not found or not (yet) on a list. */
    public record Answer(boolean found, String electionName, LocalDate pollingDay, StationAnswer station) {
    }

    private final JdbcClient jdbc;
    private final Elections elections;
    private final ElectoralMap map;

    WhereDoIVote(JdbcClient jdbc, Elections elections, ElectoralMap map) {
        this.jdbc = jdbc;
        this.elections = elections;
        this.map = map;
    }

    @Transactional(readOnly = true)
    public Answer lookup(String nationalId, String dateOfBirth) {
        Optional<Election> election = elections.current();
        long electionId = election.map(e -> e.id().value()).orElse(0L);
        record Row(String dateOfBirth, Long stationId) {
        }
        String id = nationalId == null ? "" : nationalId.strip();
        Optional<Row> row = jdbc.sql("""
                        SELECT v.date_of_birth::text AS dob, r.station_id FROM voter v
                        LEFT JOIN registration r ON r.voter_id = v.id AND r.active AND r.election_id = ?
                        WHERE v.national_id = ? AND v.status = 'ACTIVE'""")
                .params(electionId, id)
                .query((rs, i) -> new Row(rs.getString("dob"), (Long) rs.getObject("station_id"))).optional();
        byte[] given = normalise(dateOfBirth);
        byte[] stored = row.map(r -> r.dateOfBirth().getBytes(StandardCharsets.US_ASCII)).orElse(DUMMY);
        // MessageDigest.isEqual takes time independent of where the bytes differ.
        boolean match = MessageDigest.isEqual(stored, given) & row.isPresent();
        String electionName = election.map(Election::name).orElse(null);
        LocalDate day = election.map(Election::pollingDay).orElse(null);
        if (!match) {
            log.info("where-do-i-vote lookup: NOT_FOUND");
            return new Answer(false, electionName, day, null);
        }
        StationAnswer station = row.get().stationId() == null ? null
                : map.station(new PollingStationId(row.get().stationId())).map(s -> station(s, election.get())).orElse(null);
        log.info("where-do-i-vote lookup: {}", station == null ? "FOUND_WITHOUT_STATION" : "FOUND");
        return new Answer(true, electionName, day, station);
    }

    private static byte[] normalise(String dateOfBirth) {
        String d = dateOfBirth == null ? "" : dateOfBirth.strip();
        return d.getBytes(StandardCharsets.UTF_8);
    }

    private static StationAnswer station(PollingStation s, Election e) {
        String mapUrl = s.coordinates() == null ? null : String.format(Locale.ROOT,
                "https://www.openstreetmap.org/?mlat=%.6f&mlon=%.6f#map=17/%.6f/%.6f", s.coordinates().latitude(),
                s.coordinates().longitude(), s.coordinates().latitude(), s.coordinates().longitude());
        return new StationAnswer(s.code(), s.number(), s.name(), s.address(), mapUrl,
                new Hours(e.opensAt(s.timeZone()), e.closesAt(s.timeZone()), s.timeZone().getId()), s.isAbroad());
    }
}
