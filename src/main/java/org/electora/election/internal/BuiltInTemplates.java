package org.electora.election.internal;

import java.util.Map;

import org.electora.audit.AuditLog;
import org.electora.election.ControlRelation;
import org.electora.election.ProtocolLine;
import org.electora.election.ProtocolTemplate;
import org.electora.election.ProtocolTemplates;
import org.electora.platform.CurrentStaff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the protocol forms that ship with Electora into the template tables at start-up, once: a template already
 * present is left alone, because from then on it is data that administrators own. Runs before every other runner
 * (the demo loader creates an election on one of these templates).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BuiltInTemplates implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BuiltInTemplates.class);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    BuiltInTemplates(JdbcClient jdbc, AuditLog audit, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.tx = tx;
    }

    @Override
    public void run(ApplicationArguments args) {
        CurrentStaff.runAsSystem(() -> {
            ProtocolTemplates.builtIn().forEach(template -> tx.executeWithoutResult(status -> seed(template)));
            return null;
        });
    }

    private void seed(ProtocolTemplate t) {
        // ON CONFLICT: two instances starting together must not both fail or both seed.
        int inserted = jdbc.sql("""
                        INSERT INTO protocol_template (code, name, ballots_issued_lines, voters_on_list_line,
                               share_denominator_lines, share_denominator_name, valid_ballots_line, invalid_ballots_line)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING""")
                .params(t.code(), t.name(), t.ballotsIssuedLines().toArray(Integer[]::new), t.votersOnListLine(),
                        t.shareDenominatorLines().toArray(Integer[]::new), t.shareDenominatorName(),
                        t.validBallotsLine(), t.invalidBallotsLine())
                .update();
        if (inserted == 0) {
            return;
        }
        for (ProtocolLine line : t.lines()) {
            jdbc.sql("INSERT INTO protocol_template_line (template_code, number, code, name) VALUES (?, ?, ?, ?)")
                    .params(t.code(), line.number(), line.code(), line.name()).update();
        }
        for (int i = 0; i < t.relations().size(); i++) {
            ControlRelation r = t.relations().get(i);
            jdbc.sql("""
                            INSERT INTO control_relation (template_code, rule_code, position, level, expression, description)
                            VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(t.code(), r.ruleCode(), i + 1, r.level().name(), r.expression(), r.description()).update();
        }
        audit.record("protocol-template.seeded", "protocol-template:" + t.code(), Map.of("name", t.name(),
                "lines", t.lines().size(), "relations", t.relations().size()));
        log.info("Seeded built-in protocol template {}", t.code());
    }
}
