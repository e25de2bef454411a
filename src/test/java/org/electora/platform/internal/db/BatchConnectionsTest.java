package org.electora.platform.internal.db;

import javax.sql.DataSource;

import org.electora.platform.BatchConnections;
import org.electora.support.ElectoraIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch writer's connections plan the writer's statements generically, opened so once; every other connection
 * keeps PostgreSQL's default, and a transaction keeps the connection it began with.
 */
@ElectoraIntegrationTest
class BatchConnectionsTest {

    @Autowired DataSource dataSource;
    @Autowired JdbcTemplate jdbc;
    @Autowired PlatformTransactionManager transactions;

    private String planCacheMode() {
        return jdbc.queryForObject("SHOW plan_cache_mode", String.class);
    }

    @Test
    void insideRunConnectionsUseGenericPlansAndOutsideThePostgresDefault() {
        assertThat(planCacheMode()).isEqualTo("auto");
        assertThat(BatchConnections.run(this::planCacheMode)).isEqualTo("force_generic_plan");
        assertThat(BatchConnections.run(() -> jdbc.queryForObject("SELECT current_setting('application_name')", String.class)))
                .isEqualTo(BatchConnectionRouting.APPLICATION_NAME);
        assertThat(planCacheMode()).isEqualTo("auto");
        assertThat(BatchConnections.active()).isFalse();
    }

    @Test
    void aTransactionBegunInsideRunIsOnABatchConnectionFromItsFirstToItsLastStatement() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        String[] modes = BatchConnections.run(() -> tx.execute(status -> {
            String first = planCacheMode();
            // nested calls and statements after them stay on the transaction's connection
            String nested = BatchConnections.run(this::planCacheMode);
            long backend = jdbc.queryForObject("SELECT pg_backend_pid()", Long.class);
            long sameBackend = BatchConnections.run(() -> jdbc.queryForObject("SELECT pg_backend_pid()", Long.class));
            return new String[] {first, nested, Long.toString(backend - sameBackend)};
        }));
        assertThat(modes).containsExactly("force_generic_plan", "force_generic_plan", "0");
    }

    @Test
    void aTransactionBegunOutsideRunKeepsItsOwnConnectionInsideIt() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        String mode = tx.execute(status -> BatchConnections.run(this::planCacheMode));
        assertThat(mode).isEqualTo("auto");
    }

    @Test
    void theApplicationsDataSourceRoutesToTwoPools() {
        assertThat(dataSource).isInstanceOf(BatchConnectionRouting.Routing.class);
    }
}
