package org.electora.platform.internal.db;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.FileSystemUtils;
import org.springframework.util.StringUtils;

/**
 * Starts the embedded PostgreSQL and exposes it as the {@link DataSource} when no
 * {@code spring.datasource.url} is configured; with one, Spring Boot's own DataSource is used unchanged.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDataSourceUrl.class)
@EnableConfigurationProperties(EmbeddedDatabaseConfiguration.EmbeddedPostgresProperties.class)
class EmbeddedDatabaseConfiguration {

    /** One server per data directory per JVM: cached Spring test contexts share it. */
    private static final Map<Path, EmbeddedPostgres> SERVERS = new ConcurrentHashMap<>();

    @Bean
    DataSource dataSource(EmbeddedPostgresProperties properties) {
        EmbeddedPostgres pg = server(properties);
        var config = new HikariConfig();
        config.setJdbcUrl(pg.jdbcUrl(properties.database()));
        config.setUsername(pg.username());
        config.setPassword(pg.password());
        config.setMaximumPoolSize(properties.poolSize());
        config.setPoolName("electora-embedded");
        // A JDBC batch of INSERTs goes to the server as multi-row INSERTs (the group commit's versions, lifecycle
        // steps and audit events): one statement per batch, not one per row. Same setting for an external server in
        // application.properties.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }

    private static EmbeddedPostgres server(EmbeddedPostgresProperties properties) {
        Path dir = properties.ephemeral() ? ephemeralDirectory() : Path.of(properties.dataDir()).toAbsolutePath().normalize();
        return SERVERS.computeIfAbsent(dir, d -> {
            int port = properties.port() == 0 ? freePort() : properties.port();
            EmbeddedPostgres pg = EmbeddedPostgres.start(d, port, properties.database(), properties.statementStatistics());
            // Stopped after the application contexts have closed, not beside them in a hook of its own: the group
            // commit's writer finishes what is queued, the event registry and the pool close, and only then does the
            // server go (a concurrent stop failed those with "terminating connection due to administrator command").
            SpringApplication.getShutdownHandlers().add(() -> {
                pg.stop();
                if (properties.ephemeral()) {
                    FileSystemUtils.deleteRecursively(d.getParent().toFile());
                }
            });
            return pg;
        });
    }

    private static Path ephemeralDirectory() {
        try {
            return Files.createTempDirectory("electora-test-pg").resolve("pg");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port for embedded PostgreSQL", e);
        }
    }

    /**
     * @param dataDir where the cluster lives between runs
     * @param port TCP port on 127.0.0.1; 0 picks a free one
     * @param ephemeral a throw-away cluster in a temp directory (tests)
     * @param statementStatistics load pg_stat_statements (profiling: {@code bench/replay.sh --statements})
     */
    @ConfigurationProperties("electora.embedded-postgres")
    record EmbeddedPostgresProperties(String dataDir, int port, boolean ephemeral, String database, int poolSize,
                                      boolean statementStatistics) {
        EmbeddedPostgresProperties {
            dataDir = StringUtils.hasText(dataDir) ? dataDir : "data/pg";
            database = StringUtils.hasText(database) ? database : "electora";
            poolSize = poolSize > 0 ? poolSize : 20;
        }
    }

    static final class NoDataSourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
