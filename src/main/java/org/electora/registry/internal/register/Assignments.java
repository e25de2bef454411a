package org.electora.registry.internal.register;

import java.util.List;
import java.util.Map;

import org.electora.audit.AuditLog;
import org.electora.election.Election;
import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.geography.PollingStationId;
import org.electora.platform.CurrentStaff;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
import org.electora.platform.Problem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assignment of voters to polling stations by address: the commission's rules (settlement, street, house range →
 * station) applied set-based for one election, creating RESIDENCE registrations. Running it again only adds voters
 * not yet on a list; addresses no rule covers are reported by street, without personal data.
 */
@Service
class Assignments {

    record NewRule(String region, String settlement, String street, Integer houseFrom, Integer houseTo, long stationId) {
    }

    record Rule(long id, long mapVersionId, String region, String settlement, String street, Integer houseFrom,
                Integer houseTo, long stationId) {
    }

    record UncoveredAddress(String region, String settlement, String street, long voters) {
    }

    /** {@code displacedAtOrigin}: displaced voters listed at their origin's resettled-area station (rule AT_ORIGIN). */
    record Report(long electionId, long assigned, long displacedAtOrigin, long onAList, long uncovered,
                  List<UncoveredAddress> uncoveredAddresses, long abroadWithoutRegistration) {
        static final int ADDRESSES = 200;
    }

    private final JdbcClient jdbc;
    private final ElectoralMap map;
    private final RegisterReference reference;
    private final AuditLog audit;
    private final DisplacedVotersRule displacedRule;

    Assignments(JdbcClient jdbc, ElectoralMap map, RegisterReference reference, AuditLog audit, DisplacedVotersRule displacedRule) {
        this.jdbc = jdbc;
        this.map = map;
        this.reference = reference;
        this.audit = audit;
        this.displacedRule = displacedRule;
    }

    @Transactional
    public Rule addRule(NewRule rule) {
        CurrentStaff.require();
        PollingStation station = map.station(new PollingStationId(rule.stationId()))
                .orElseThrow(() -> new InvalidInput("REG-031", "no polling station " + rule.stationId()));
        if (station.isAbroad()) {
            throw new InvalidInput("REG-032", "a station abroad serves no domestic address");
        }
        long mapVersion = station.mapVersionId().value();
        reference.seedSettlements(mapVersion);
        var problems = new java.util.ArrayList<Problem>();
        boolean known = jdbc.sql("SELECT EXISTS (SELECT 1 FROM register_settlement WHERE map_version_id = ? AND region = ? AND name = ?)")
                .params(mapVersion, rule.region(), rule.settlement()).query(Boolean.class).single();
        if (!known) {
            problems.add(Problem.at(0, "REG-030", "settlement", "unknown settlement \"" + rule.settlement() + "\" in region " + rule.region()));
        }
        if ((rule.houseFrom() == null) != (rule.houseTo() == null) || (rule.houseFrom() != null
                && (rule.street() == null || rule.houseFrom() < 1 || rule.houseTo() < rule.houseFrom()))) {
            problems.add(Problem.at(0, "REG-033", "houseFrom", "a house range needs a street and 1 <= from <= to"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        long id = jdbc.sql("""
                        INSERT INTO assignment_rule (map_version_id, region, settlement, street, house_from, house_to, station_id, created_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(mapVersion, rule.region(), rule.settlement(), rule.street(), rule.houseFrom(), rule.houseTo(),
                        rule.stationId(), CurrentStaff.actorName()).query(Long.class).single();
        audit.record("register.assignment-rule-added", "assignment-rule:" + id, Map.of("region", rule.region(),
                "settlement", rule.settlement(), "street", String.valueOf(rule.street()),
                "houses", rule.houseFrom() == null ? "all" : rule.houseFrom() + "-" + rule.houseTo(), "station", rule.stationId()));
        return new Rule(id, mapVersion, rule.region(), rule.settlement(), rule.street(), rule.houseFrom(), rule.houseTo(), rule.stationId());
    }

    @Transactional(readOnly = true)
    public List<Rule> rules(long mapVersionId) {
        return jdbc.sql("SELECT * FROM assignment_rule WHERE map_version_id = ? ORDER BY region, settlement, street NULLS FIRST, house_from NULLS FIRST, id")
                .param(mapVersionId)
                .query((rs, i) -> new Rule(rs.getLong("id"), rs.getLong("map_version_id"), rs.getString("region"),
                        rs.getString("settlement"), rs.getString("street"), (Integer) rs.getObject("house_from"),
                        (Integer) rs.getObject("house_to"), rs.getLong("station_id"))).list();
    }

    /**
     * The most specific rule wins: a house range over a whole street over a whole settlement, then the narrower range,
     * then the older rule. Set-based: the voters this run may assign are staged once (house number parsed once) with
     * fresh statistics, then joined to the rules by hash — whole-settlement rules on (region, settlement), street and
     * house-range rules on (region, settlement, street) — and one INSERT … SELECT DISTINCT ON keeps each voter's most
     * specific rule. (Probing the rules once per voter under stale statistics took 373 s for 100,000 voters.)
     */
    @Transactional
    public Report assign(long electionId) {
        CurrentStaff.require();
        Election election = reference.requireElection(electionId);
        long mapVersion = election.mapVersionId().value();
        String actor = CurrentStaff.actorName();
        long displacedAtOrigin = 0;
        if (displacedRule.placement(electionId) == DisplacedVotersRule.Placement.AT_ORIGIN) {
            // A displaced voter goes to the resettled-area station whose rule covers the origin settlement (a rule for
            // the whole settlement first); one with no such station stays with the residence rules below.
            displacedAtOrigin = jdbc.sql("""
                            INSERT INTO registration (election_id, voter_id, station_id, reason, registered_by)
                            SELECT :election, v.id, o.station_id, 'RESIDENCE', :actor
                            FROM voter v
                            CROSS JOIN LATERAL (
                                SELECT ar.station_id FROM assignment_rule ar JOIN polling_station ps ON ps.id = ar.station_id
                                WHERE ar.map_version_id = :map AND ar.settlement = v.origin_settlement AND ps.resettled_area
                                ORDER BY ar.street IS NOT NULL, ar.house_from IS NOT NULL, ar.id
                                LIMIT 1) o
                            WHERE v.status = 'ACTIVE' AND v.country IS NULL AND v.origin_settlement IS NOT NULL
                              AND NOT EXISTS (SELECT 1 FROM registration x WHERE x.election_id = :election AND x.voter_id = v.id AND x.active)
                            ON CONFLICT (election_id, voter_id) WHERE active DO NOTHING""")
                    .param("election", electionId).param("map", mapVersion).param("actor", actor).update();
        }
        jdbc.sql("DROP TABLE IF EXISTS pg_temp.assignment_candidate").update();
        jdbc.sql("""
                        CREATE TEMP TABLE assignment_candidate ON COMMIT DROP AS
                        SELECT v.id AS voter_id, v.region, v.settlement, v.street,
                               substring(v.house FROM '^[0-9]{1,9}')::integer AS house_number
                        FROM voter v
                        WHERE v.status = 'ACTIVE' AND v.country IS NULL
                          AND NOT EXISTS (SELECT 1 FROM registration x WHERE x.election_id = :election AND x.voter_id = v.id AND x.active)""")
                .param("election", electionId).update();
        jdbc.sql("ANALYZE pg_temp.assignment_candidate").update();
        jdbc.sql("ANALYZE assignment_rule").update();
        long assigned = displacedAtOrigin + jdbc.sql("""
                        INSERT INTO registration (election_id, voter_id, station_id, reason, registered_by)
                        SELECT DISTINCT ON (m.voter_id) :election, m.voter_id, m.station_id, 'RESIDENCE', :actor
                        FROM (
                            SELECT c.voter_id, ar.id, ar.station_id, ar.street, ar.house_from, ar.house_to
                            FROM pg_temp.assignment_candidate c
                            JOIN assignment_rule ar ON ar.map_version_id = :map AND ar.region = c.region
                                 AND ar.settlement = c.settlement AND ar.street IS NULL
                            UNION ALL
                            SELECT c.voter_id, ar.id, ar.station_id, ar.street, ar.house_from, ar.house_to
                            FROM pg_temp.assignment_candidate c
                            JOIN assignment_rule ar ON ar.map_version_id = :map AND ar.region = c.region
                                 AND ar.settlement = c.settlement AND ar.street = c.street
                            WHERE ar.house_from IS NULL OR c.house_number BETWEEN ar.house_from AND ar.house_to
                        ) m
                        ORDER BY m.voter_id, m.house_from IS NULL, m.street IS NULL, m.house_to - m.house_from, m.id
                        ON CONFLICT (election_id, voter_id) WHERE active DO NOTHING""")
                .param("election", electionId).param("map", mapVersion).param("actor", actor).update();
        long onAList = jdbc.sql("SELECT count(*) FROM registration WHERE election_id = ? AND active").param(electionId)
                .query(Long.class).single();
        // Uncovered: staged voters still on no list of the election (no rule covers their address).
        String uncoveredVoters = """
                FROM pg_temp.assignment_candidate c
                WHERE NOT EXISTS (SELECT 1 FROM registration x WHERE x.election_id = :election AND x.voter_id = c.voter_id AND x.active)""";
        List<UncoveredAddress> uncovered = jdbc.sql("SELECT c.region, c.settlement, c.street, count(*) AS voters " + uncoveredVoters
                        + " GROUP BY c.region, c.settlement, c.street"
                        + " ORDER BY voters DESC, c.region, c.settlement, c.street LIMIT " + Report.ADDRESSES)
                .param("election", electionId)
                .query((rs, i) -> new UncoveredAddress(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4))).list();
        long uncoveredTotal = jdbc.sql("SELECT count(*) " + uncoveredVoters).param("election", electionId)
                .query(Long.class).single();
        long abroad = jdbc.sql("""
                        SELECT count(*) FROM voter v WHERE v.status = 'ACTIVE' AND v.country IS NOT NULL
                          AND NOT EXISTS (SELECT 1 FROM registration x WHERE x.election_id = :election AND x.voter_id = v.id AND x.active)""")
                .param("election", electionId).query(Long.class).single();
        audit.record("register.assigned", "election:" + electionId, Map.of("assigned", assigned, "onAList", onAList,
                "uncovered", uncoveredTotal, "abroadWithoutRegistration", abroad, "displacedAtOrigin", displacedAtOrigin));
        return new Report(electionId, assigned, displacedAtOrigin, onAList, uncoveredTotal, uncovered, abroad);
    }

    static NotFound noElection(long id) {
        return new NotFound("No election " + id);
    }
}
