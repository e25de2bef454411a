package org.electora.registry.internal.register;

import java.util.Map;

import org.electora.audit.AuditLog;
import org.electora.platform.Conflict;
import org.electora.platform.CurrentStaff;
import org.electora.platform.InvalidInput;
import org.electora.platform.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The election's rule for displaced voters (origin settlement in a resettled area, residence elsewhere): listed where
 * they live (AT_RESIDENCE, the default) or at the resettled-area station serving their origin (AT_ORIGIN). Assignment
 * applies it, so it can only be set while the election has no registration yet.
 */
@Service
class DisplacedVotersRule {

    enum Placement { AT_RESIDENCE, AT_ORIGIN }

    record Setting(long electionId, Placement displacedVoters, String setBy) {
    }

    private final JdbcClient jdbc;
    private final RegisterReference reference;
    private final AuditLog audit;

    DisplacedVotersRule(JdbcClient jdbc, RegisterReference reference, AuditLog audit) {
        this.jdbc = jdbc;
        this.reference = reference;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public Setting get(long electionId) {
        CurrentStaff.require();
        reference.requireElection(electionId);
        return jdbc.sql("SELECT displaced_voters, set_by FROM voter_list_rule WHERE election_id = ?").param(electionId)
                .query((rs, i) -> new Setting(electionId, Placement.valueOf(rs.getString(1)), rs.getString(2))).optional()
                .orElse(new Setting(electionId, Placement.AT_RESIDENCE, null));
    }

    Placement placement(long electionId) {
        return jdbc.sql("SELECT displaced_voters FROM voter_list_rule WHERE election_id = ?").param(electionId)
                .query(String.class).optional().map(Placement::valueOf).orElse(Placement.AT_RESIDENCE);
    }

    @Transactional
    public Setting set(long electionId, String value) {
        CurrentStaff.requireRole(java.util.Set.of(Role.CEC_ADMIN), "Only the CEC sets the election's rules");
        reference.requireElection(electionId);
        Placement placement;
        try {
            placement = Placement.valueOf(value == null ? "" : value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("REG-134", "displacedVoters must be AT_RESIDENCE or AT_ORIGIN");
        }
        // Lock the election's rule row (or its absence, through the election row) before looking at registrations.
        jdbc.sql("SELECT id FROM election WHERE id = ? FOR UPDATE").param(electionId).query(Long.class).single();
        boolean assigned = jdbc.sql("SELECT EXISTS (SELECT 1 FROM registration WHERE election_id = ?)").param(electionId)
                .query(Boolean.class).single();
        if (assigned && placement != placement(electionId)) {
            throw new Conflict("REG-135", "voters are already on this election's lists: the displaced-voters rule is fixed");
        }
        jdbc.sql("""
                        INSERT INTO voter_list_rule (election_id, displaced_voters, set_by) VALUES (?, ?, ?)
                        ON CONFLICT (election_id) DO UPDATE SET displaced_voters = excluded.displaced_voters,
                            set_by = excluded.set_by, set_at = now()""")
                .params(electionId, placement.name(), CurrentStaff.actorName()).update();
        audit.record("register.displaced-voters-rule-set", "election:" + electionId, Map.of("displacedVoters", placement.name()));
        return new Setting(electionId, placement, CurrentStaff.actorName());
    }
}
