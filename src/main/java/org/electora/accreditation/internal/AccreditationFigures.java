package org.electora.accreditation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.electora.accreditation.ApplicationStatus;
import org.electora.accreditation.internal.AccreditationStatistics.Breakdown;
import org.electora.accreditation.internal.AccreditationStatistics.Headline;
import org.electora.accreditation.internal.AccreditationStatistics.OrganisationBreakdown;
import org.electora.accreditation.internal.PublicRegister.Counts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The figures of accreditation as SQL aggregates: the dashboard's breakdowns (one GROUPING SETS statement), the
 * headline a commission announces, and the public register. Reads no names of persons.
 */
@Repository
class AccreditationFigures {

    static final String ACCREDITED = "a.status IN ('APPROVED', 'BADGE_ISSUED', 'EXPIRED')";
    /** The missions invited through the foreign ministry, whose observers are "international observers". */
    static final String FOREIGN_MISSION = "o.kind IN ('INTERNATIONAL_ORGANISATION', 'FOREIGN_ELECTION_BODY', 'FOREIGN_STATE_DELEGATION')";
    private static final String BY_CATEGORY = """
            count(*) FILTER (WHERE a.category = 'OBSERVER'), count(*) FILTER (WHERE a.category = 'JOURNALIST'),
            count(*) FILTER (WHERE a.category = 'TECHNICAL_STAFF')""";

    private final JdbcClient jdbc;

    AccreditationFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    Headline headline() {
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE a.category = 'OBSERVER' AND %1$s),
                               count(DISTINCT a.organisation_id) FILTER (WHERE a.category = 'OBSERVER' AND %1$s),
                               count(DISTINCT a.nationality) FILTER (WHERE a.category = 'OBSERVER' AND %1$s),
                               count(*) FILTER (WHERE a.category = 'JOURNALIST' AND o.kind = 'FOREIGN_MEDIA_OUTLET'),
                               count(DISTINCT a.organisation_id) FILTER (WHERE a.category = 'JOURNALIST' AND o.kind = 'FOREIGN_MEDIA_OUTLET')
                        FROM accreditation_application a JOIN accreditation_organisation o ON o.id = a.organisation_id
                        WHERE %2$s""".formatted(FOREIGN_MISSION, ACCREDITED))
                .query((rs, i) -> new Headline(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
                .single();
    }

    /** Every application counted once in each dimension, split by status. */
    @Transactional(readOnly = true)
    AccreditationStatistics statistics() {
        record Cell(String dimension, String key, ApplicationStatus status, long count) {
        }
        List<Cell> cells = jdbc.sql("""
                        SELECT CASE WHEN GROUPING(a.category) = 0 THEN 'category'
                                    WHEN GROUPING(o.kind) = 0 THEN 'kind'
                                    WHEN GROUPING(a.organisation_id) = 0 THEN 'organisation'
                                    WHEN GROUPING(a.nationality) = 0 THEN 'country'
                                    ELSE 'status' END,
                               coalesce(a.category, o.kind, a.organisation_id::text, a.nationality, ''),
                               a.status, count(*)
                        FROM accreditation_application a JOIN accreditation_organisation o ON o.id = a.organisation_id
                        GROUP BY GROUPING SETS ((a.status), (a.category, a.status), (o.kind, a.status),
                                                (a.organisation_id, a.status), (a.nationality, a.status))""")
                .query((rs, i) -> new Cell(rs.getString(1), rs.getString(2), ApplicationStatus.valueOf(rs.getString(3)), rs.getLong(4)))
                .list();
        Map<String, Map<String, Map<ApplicationStatus, Long>>> dims = new LinkedHashMap<>();
        for (Cell c : cells) {
            dims.computeIfAbsent(c.dimension(), d -> new TreeMap<>())
                    .computeIfAbsent(c.key(), k -> new EnumMap<>(ApplicationStatus.class))
                    .merge(c.status(), c.count(), Long::sum);
        }
        Map<ApplicationStatus, Long> byStatus = dims.getOrDefault("status", Map.of()).getOrDefault("", Map.of());
        long applications = byStatus.values().stream().mapToLong(Long::longValue).sum();
        long accredited = AccreditationStatistics.ACCREDITED.stream().mapToLong(s -> byStatus.getOrDefault(s, 0L)).sum();
        Map<String, Map<ApplicationStatus, Long>> perOrganisation = dims.getOrDefault("organisation", Map.of());
        List<OrganisationBreakdown> organisations = new ArrayList<>();
        jdbc.sql("SELECT id, name, kind, country, quota FROM accreditation_organisation ORDER BY name, id")
                .query((ResultSet rs) -> {
                    String id = Long.toString(rs.getLong(1));
                    organisations.add(new OrganisationBreakdown(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), (Integer) rs.getObject(5), perOrganisation.get(id)));
                });
        // Largest first, then by name: the order a reader scans; ties keep a stable order.
        organisations.sort(java.util.Comparator.comparingLong(OrganisationBreakdown::applications).reversed()
                .thenComparing(OrganisationBreakdown::name).thenComparingLong(OrganisationBreakdown::id));
        return new AccreditationStatistics(headline(), byStatus, applications, accredited,
                breakdowns(dims.get("category")), breakdowns(dims.get("kind")), organisations,
                breakdowns(dims.get("country")));
    }

    private static List<Breakdown> breakdowns(Map<String, Map<ApplicationStatus, Long>> dimension) {
        if (dimension == null) {
            return List.of();
        }
        return dimension.entrySet().stream().map(e -> new Breakdown(e.getKey(), e.getValue()))
                .sorted(java.util.Comparator.comparingLong(Breakdown::applications).reversed().thenComparing(Breakdown::key))
                .collect(Collectors.toList());
    }

    /** Organisations with at least one accredited person, by name; persons by nationality, by code; keys newest first. */
    @Transactional(readOnly = true)
    PublicRegister register() {
        List<PublicRegister.OrganisationRow> organisations = jdbc.sql("""
                        SELECT o.id, o.name, o.kind, o.country, %s
                        FROM accreditation_organisation o JOIN accreditation_application a ON a.organisation_id = o.id
                        WHERE %s GROUP BY o.id ORDER BY o.name, o.id""".formatted(BY_CATEGORY, ACCREDITED))
                .query((rs, i) -> new PublicRegister.OrganisationRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), counts(rs, 5))).list();
        List<PublicRegister.CountryRow> countries = jdbc.sql("""
                        SELECT a.nationality, %s FROM accreditation_application a
                        WHERE %s GROUP BY a.nationality ORDER BY a.nationality""".formatted(BY_CATEGORY, ACCREDITED))
                .query((rs, i) -> new PublicRegister.CountryRow(rs.getString(1), counts(rs, 2))).list();
        Counts totals = jdbc.sql("SELECT %s FROM accreditation_application a WHERE %s".formatted(BY_CATEGORY, ACCREDITED))
                .query((rs, i) -> counts(rs, 1)).single();
        List<PublicRegister.PublicKey> keys = jdbc.sql("""
                        SELECT kid, created_at::date, retired_at::date FROM accreditation_signing_key
                        ORDER BY created_at DESC, kid""")
                .query((rs, i) -> new PublicRegister.PublicKey(rs.getString(1), fingerprint(rs.getString(1)),
                        rs.getString(2), rs.getString(3), rs.getString(3) == null)).list();
        return new PublicRegister(organisations, countries, totals, keys);
    }

    private static Counts counts(ResultSet rs, int first) throws SQLException {
        return new Counts(rs.getLong(first), rs.getLong(first + 1), rs.getLong(first + 2));
    }

    /** The kid is the base64url SHA-256 thumbprint (RFC 7638); in hex, grouped by four, it can be read aloud. */
    static String fingerprint(String kid) {
        String hex = HexFormat.of().withUpperCase().formatHex(Base64.getUrlDecoder().decode(kid));
        return String.join(" ", hex.split("(?<=\\G.{4})"));
    }
}
