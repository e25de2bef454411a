package org.electora.platform.internal.db;

import java.io.Closeable;
import java.util.Map;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.electora.platform.BatchConnections;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;
import org.springframework.stereotype.Component;

/**
 * Gives the application's {@code DataSource} (embedded or external, a Hikari pool either way) a second, small pool
 * of {@link BatchConnections}: its connections are opened with {@code SET plan_cache_mode = force_generic_plan}, and
 * a thread inside {@link BatchConnections#run} gets its connections from it. The pool opens on first use (an
 * application that never writes a batch never opens it) and keeps at most
 * {@code electora.batch-connections.pool-size} connections (default 4; one per group-commit writer is what it needs).
 * A transaction's connection is the one it began with: work that enters {@code run} inside a transaction begun
 * outside it keeps that transaction's connection.
 */
@Component
class BatchConnectionRouting implements BeanPostProcessor {

    static final String GENERIC_PLANS = "SET plan_cache_mode = force_generic_plan";
    static final String APPLICATION_NAME = "electora-batch";

    private final int poolSize;

    BatchConnectionRouting(@Value("${electora.batch-connections.pool-size:4}") int poolSize) {
        this.poolSize = poolSize;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if ("dataSource".equals(beanName) && bean instanceof HikariDataSource main) {
            return new Routing(main, batchPool(main));
        }
        return bean;
    }

    private HikariDataSource batchPool(HikariDataSource main) {
        HikariConfig config = new HikariConfig();
        main.copyStateTo(config);
        config.setPoolName((main.getPoolName() == null ? "electora" : main.getPoolName()) + "-batch");
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setConnectionInitSql(GENERIC_PLANS);
        // Told apart in pg_stat_activity (operators watching the database on the night).
        config.addDataSourceProperty("ApplicationName", APPLICATION_NAME);
        HikariDataSource batch = new HikariDataSource(); // started by its first getConnection
        config.copyStateTo(batch);
        return batch;
    }

    /** The main pool, or the batch pool for a thread inside {@link BatchConnections#run}. */
    static final class Routing extends AbstractRoutingDataSource implements Closeable {

        private final HikariDataSource main;
        private final HikariDataSource batch;

        Routing(HikariDataSource main, HikariDataSource batch) {
            this.main = main;
            this.batch = batch;
            setTargetDataSources(Map.of("batch", batch));
            setDefaultTargetDataSource(main);
            setLenientFallback(false);
            afterPropertiesSet();
        }

        @Override
        protected Object determineCurrentLookupKey() {
            return BatchConnections.active() ? "batch" : null;
        }

        @Override
        public void close() {
            batch.close();
            main.close();
        }
    }
}
