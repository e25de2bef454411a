package org.electora.registry.internal.register;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.electora.audit.AuditLog;
import org.electora.geography.ElectoralMap;
import org.electora.geography.MapVersionId;
import org.electora.geography.PollingStation;
import org.electora.platform.CurrentStaff;
import org.electora.registry.RegisterImport;
import org.electora.registry.RegisterSample;
import org.electora.registry.internal.SyntheticPeople;
import org.electora.registry.internal.SyntheticRegister;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The synthetic register sample (docs/register.md): {@link SyntheticRegister} voters living on the sample's own
 * streets ("Nizami avenue" — commissions' and tests' "… street" rules never meet them), imported through
 * {@link RegisterImport}; assignment rules generated per settlement: its sample streets dealt out over its stations
 * (a street whole to one station, or split into house ranges when the settlement has more stations than streets; the
 * last range open-ended), so every generated address is covered and every station gets voters; assignment; then each
 * voter abroad applies (as a consular officer would enter it) to a station in the host country, or the first station
 * abroad, and the application is approved; and as many voters as the {@link Spec} says go on a business trip.
 */
@Service
class DemoRegisterSample implements RegisterSample {

    static final String STREET_KIND = "avenue";
    /** SyntheticRegister's houses are 1..240. */
    private static final int HOUSES = 240;
    private static final Logger log = LoggerFactory.getLogger(DemoRegisterSample.class);

    private final RegisterImport importer;
    private final RegisterReference reference;
    private final Assignments assignments;
    private final VotingAbroad abroad;
    private final ElectoralMap map;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    DemoRegisterSample(RegisterImport importer, RegisterReference reference, Assignments assignments, VotingAbroad abroad,
                       ElectoralMap map, JdbcClient jdbc, AuditLog audit, PlatformTransactionManager tm) {
        this.importer = importer;
        this.reference = reference;
        this.assignments = assignments;
        this.abroad = abroad;
        this.map = map;
        this.jdbc = jdbc;
        this.audit = audit;
        this.tx = new TransactionTemplate(tm);
    }

    @Override
    public Result load(int voters, long seed) {
        return load(new Spec(voters, seed, SyntheticRegister.Mix.DEFAULT.abroad(), 0, 0), RegisterImport.Progress.NONE);
    }

    @Override
    public Result load(Spec spec, RegisterImport.Progress progress) {
        CurrentStaff.require();
        record Input(RegisterReference.Reference ref, List<SyntheticRegister.Settlement> settlements) {
        }
        Input input = tx.execute(status -> {
            RegisterReference.Reference ref = reference.current();
            return new Input(ref, jdbc.sql("SELECT region, name FROM register_settlement WHERE map_version_id = ? ORDER BY region, name")
                    .param(ref.mapVersionId()).query((rs, i) -> new SyntheticRegister.Settlement(rs.getString(1), rs.getString(2))).list());
        });
        if (input.ref().electionId() == null) {
            throw new IllegalStateException("no current election to load a register sample for");
        }
        var mix = new SyntheticRegister.Mix(spec.abroadPer100k(), SyntheticRegister.Mix.DEFAULT.displaced(),
                SyntheticRegister.Mix.DEFAULT.deceased(), spec.duplicatesPer100k());
        RegisterImport.Report imported;
        Path csv = null;
        try {
            // Through a file, not memory: the demo republic's register is about 600 MiB of CSV.
            csv = Files.createTempFile("electora-register-sample-", ".csv");
            progress.phase("generating");
            try (OutputStream out = Files.newOutputStream(csv)) {
                SyntheticRegister.write(out, spec.voters(), input.settlements(),
                        input.settlements().stream().limit(3).map(SyntheticRegister.Settlement::name).toList(),
                        input.ref().ageReferenceDay(), spec.seed(), STREET_KIND, mix);
            }
            try (InputStream in = new BufferedInputStream(Files.newInputStream(csv), 1 << 16)) {
                imported = importer.importCsv(in, Files.size(csv), progress);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(csv);
        }
        if (imported.outcome() != RegisterImport.Outcome.APPLIED) {
            throw new IllegalStateException("the register sample does not validate: " + imported.problemCounts());
        }
        log.info("register sample: {} voters imported, assigning", imported.inserted());
        long mapVersion = input.ref().mapVersionId();
        progress.phase("assignment rules");
        long rules = tx.execute(status -> rules(mapVersion));
        // Fresh statistics: planned against an "empty" rule table, the assignment scans every rule for every voter.
        progress.phase("assigning to stations");
        jdbc.sql("ANALYZE voter").update();
        jdbc.sql("ANALYZE assignment_rule").update();
        jdbc.sql("ANALYZE registration").update();
        Assignments.Report assigned = assignments.assign(input.ref().electionId());
        log.info("register sample: {} assignment rules, {} voters assigned; applications abroad next", rules, assigned.assigned());
        progress.phase("voters abroad");
        long[] abroadCounts = abroad(mapVersion, input.ref().electionId());
        progress.phase("business trips");
        long trips = businessTrips(mapVersion, input.ref().electionId(), input.ref().ageReferenceDay(), spec.businessTrips());
        return new Result(imported, rules, assigned.assigned(), assigned.uncovered(), abroadCounts[0], abroadCounts[1], trips);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("could not delete {}: {}", file, e.getMessage());
            }
        }
    }

    /**
     * Voters of the sample's home lists going abroad on a business trip over polling day: an application (as a
     * consular officer would enter it) to a station abroad, taken in turn, and its approval.
     */
    private long businessTrips(long mapVersion, long electionId, LocalDate pollingDay, int howMany) {
        if (howMany == 0) {
            return 0;
        }
        List<PollingStation> stations = map.stationsAbroad(new MapVersionId(mapVersion));
        if (stations.isEmpty()) {
            return 0;
        }
        List<String> travellers = jdbc.sql("""
                        SELECT v.national_id FROM registration r JOIN voter v ON v.id = r.voter_id
                        WHERE r.election_id = ? AND r.active AND r.reason = 'RESIDENCE' AND v.street LIKE ?
                          AND NOT EXISTS (SELECT 1 FROM abroad_application a WHERE a.election_id = ? AND a.voter_id = v.id)
                        ORDER BY v.national_id LIMIT ?""")
                .params(electionId, "% " + STREET_KIND, electionId, howMany).query(String.class).list();
        long approved = 0;
        for (int i = 0; i < travellers.size(); i++) {
            PollingStation station = stations.get(i % stations.size());
            try {
                var application = abroad.submitByOfficer(new VotingAbroad.NewApplication(travellers.get(i), station.id().value(),
                        "BUSINESS_TRIP", pollingDay.minusDays(7 + i % 30), pollingDay.plusDays(3 + i % 60)));
                abroad.approve(application.id());
                approved++;
            } catch (RuntimeException e) {
                log.warn("register sample: a business trip was not approved: {}", e.getMessage());
            }
        }
        return approved;
    }

    /** Rules for every settlement × sample street, house ranges split over the settlement's stations, in one INSERT. */
    private long rules(long mapVersion) {
        long existing = jdbc.sql("SELECT count(*) FROM assignment_rule WHERE map_version_id = ? AND street LIKE ?")
                .params(mapVersion, "% " + STREET_KIND).query(Long.class).single();
        if (existing > 0) {
            return existing; // a sample was loaded before: its rules cover every sample address already
        }
        String settlement = "btrim(substring(ps.address FROM ',([^,]+)$'))";
        String streets = String.join("|", java.util.Arrays.stream(SyntheticPeople.STREETS).map(s -> s + " " + STREET_KIND).toList());
        // n stations of a settlement, S sample streets: with n <= S each street goes whole to one station (street i to
        // station i mod n); with n > S street i is split into house ranges over the stations k with k mod S = i. So a
        // voter's lookup meets at most ceil(n / S) rules, not n.
        long rules = jdbc.sql("""
                        INSERT INTO assignment_rule (map_version_id, region, settlement, street, house_from, house_to, station_id, created_by)
                        SELECT :map, region, settlement, street, j * :houses / m + 1,
                               CASE WHEN j = m - 1 THEN 2147483647 ELSE (j + 1) * :houses / m END, id, :by
                        FROM (SELECT st.id, st.region, st.settlement, s.street,
                                     CASE WHEN st.n <= :streetCount THEN 0 ELSE st.k / :streetCount END AS j,
                                     CASE WHEN st.n <= :streetCount THEN 1
                                          ELSE (st.n - (s.i - 1) + :streetCount - 1) / :streetCount END AS m
                              FROM (SELECT ps.id, r.code AS region, %1$s AS settlement,
                                           row_number() OVER (PARTITION BY r.code, %1$s ORDER BY ps.number, ps.id) - 1 AS k,
                                           count(*) OVER (PARTITION BY r.code, %1$s) AS n
                                    FROM polling_station ps
                                    JOIN constituency c ON c.id = ps.constituency_id
                                    JOIN region r ON r.id = c.region_id
                                    WHERE ps.map_version_id = :map AND ps.host_country IS NULL AND ps.address LIKE '%%,%%') st
                              CROSS JOIN unnest(string_to_array(:streets, '|')) WITH ORDINALITY AS s(street, i)
                              WHERE (st.n <= :streetCount AND (s.i - 1) %% st.n = st.k)
                                 OR (st.n > :streetCount AND st.k %% :streetCount = s.i - 1)) pairs
                        WHERE j * :houses / m + 1 <= CASE WHEN j = m - 1 THEN 2147483647 ELSE (j + 1) * :houses / m END""".formatted(settlement))
                .param("map", mapVersion).param("by", CurrentStaff.actorName()).param("houses", HOUSES)
                .param("streets", streets).param("streetCount", SyntheticPeople.STREETS.length).update();
        audit.record("register.sample-assignment-rules-added", "map-version:" + mapVersion, Map.of("rules", rules,
                "streets", STREET_KIND));
        return rules;
    }

    /** Voters abroad without a list: an application to a station in their host country (or the first abroad), approved. */
    private long[] abroad(long mapVersion, long electionId) {
        List<PollingStation> stations = map.stationsAbroad(new MapVersionId(mapVersion));
        record Away(String nationalId, String country) {
        }
        List<Away> away = jdbc.sql("""
                        SELECT v.national_id, v.country FROM voter v
                        WHERE v.status = 'ACTIVE' AND v.country IS NOT NULL
                          AND NOT EXISTS (SELECT 1 FROM registration r WHERE r.election_id = ? AND r.voter_id = v.id AND r.active)
                          AND NOT EXISTS (SELECT 1 FROM abroad_application a WHERE a.election_id = ? AND a.voter_id = v.id)
                        ORDER BY v.national_id""")
                .params(electionId, electionId).query((rs, i) -> new Away(rs.getString(1), rs.getString(2))).list();
        if (stations.isEmpty()) {
            return new long[] {0, away.size()};
        }
        long moved = 0;
        long left = 0;
        for (Away a : away) {
            PollingStation station = stations.stream().filter(s -> s.abroad().hostCountry().equals(a.country())).findFirst()
                    .orElse(stations.getFirst());
            try {
                var application = abroad.submitByOfficer(new VotingAbroad.NewApplication(a.nationalId(), station.id().value(),
                        "ABROAD_CONSULAR", null, null));
                abroad.approve(application.id());
                moved++;
            } catch (RuntimeException e) {
                log.warn("register sample: a voter abroad was left without a list: {}", e.getMessage());
                left++;
            }
        }
        return new long[] {moved, left};
    }

    @Override
    public List<SampleVoter> tryThese(int howMany) {
        return tx.execute(status -> {
            Long election = reference.current().electionId();
            if (election == null || howMany <= 0) {
                return List.<SampleVoter>of();
            }
            String select = """
                    SELECT v.national_id, v.date_of_birth, ps.code, ps.host_country IS NOT NULL AS abroad
                    FROM registration r JOIN voter v ON v.id = r.voter_id JOIN polling_station ps ON ps.id = r.station_id
                    WHERE r.election_id = :election AND r.active AND v.status = 'ACTIVE' AND %s
                    ORDER BY v.national_id LIMIT :limit""";
            var mapper = (org.springframework.jdbc.core.RowMapper<SampleVoter>) (rs, i) -> new SampleVoter(rs.getString(1),
                    rs.getObject(2, java.time.LocalDate.class), rs.getString(3), rs.getBoolean(4));
            var result = new ArrayList<>(jdbc.sql(select.formatted("v.street LIKE :street AND r.reason = 'RESIDENCE'"))
                    .param("election", election).param("street", "% " + STREET_KIND).param("limit", Math.max(1, howMany - 1))
                    .query(mapper).list());
            if (howMany > 1) {
                result.addAll(jdbc.sql(select.formatted("v.country IS NOT NULL AND r.reason = 'ABROAD_CONSULAR'"))
                        .param("election", election).param("limit", 1).query(mapper).list());
            }
            return List.copyOf(result);
        });
    }
}
