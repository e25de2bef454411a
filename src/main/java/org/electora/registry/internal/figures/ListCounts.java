package org.electora.registry.internal.figures;

import java.util.List;

import org.electora.election.ElectionId;
import org.electora.registry.RegisterFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link RegisterFigures} as two aggregate statements over the active registrations (index registration_by_station). */
@Service
class ListCounts implements RegisterFigures {

    private final JdbcClient jdbc;

    ListCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public ListFigures lists(ElectionId election) {
        List<CountryCount> byCountry = jdbc.sql("""
                        SELECT ps.host_country, count(*) FROM registration r JOIN polling_station ps ON ps.id = r.station_id
                        WHERE r.election_id = ? AND r.active AND ps.host_country IS NOT NULL
                        GROUP BY ps.host_country ORDER BY ps.host_country""")
                .param(election.value())
                .query((rs, i) -> new CountryCount(rs.getString(1), rs.getLong(2))).list();
        return jdbc.sql("""
                        SELECT count(*),
                               count(*) FILTER (WHERE ps.host_country IS NULL),
                               count(*) FILTER (WHERE ps.host_country IS NOT NULL),
                               count(*) FILTER (WHERE r.reason = 'ABROAD_CONSULAR'),
                               count(*) FILTER (WHERE r.reason = 'BUSINESS_TRIP'),
                               count(*) FILTER (WHERE r.certificate_id IS NOT NULL)
                        FROM registration r JOIN polling_station ps ON ps.id = r.station_id
                        WHERE r.election_id = ? AND r.active""")
                .param(election.value())
                .query((rs, i) -> new ListFigures(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), byCountry)).single();
    }
}
