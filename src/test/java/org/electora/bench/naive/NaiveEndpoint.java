package org.electora.bench.naive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The naive endpoint the results benchmark compares Electora with (issue 3: "a minimal Spring endpoint that only
 * parses, checks and inserts one row"): Spring Boot with Tomcat, Spring MVC and Jackson, one handler that parses the
 * same JSON body as {@code POST /api/v1/protocols}, checks that its 12 lines and 8 votes are there and not negative,
 * and inserts it as one row in its own autocommitted transaction through Hikari and pgjdbc — the ceiling's row,
 * behind HTTP. No authentication, no template relations, no versions, no lifecycle, no audit event, no tallies.
 * <p>
 * {@code ReplayBenchmark} starts it as a separate process ({@code -Xmx1g}) on the replay's database and replays the
 * same file through it with the same clients. Only the auto-configurations it needs are imported, so that nothing
 * else on the application jar's classpath (security, actuator, Flyway, Modulith) runs in it; its properties file
 * replaces Electora's.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, TomcatServletWebServerAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
        JacksonAutoConfiguration.class, DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class})
@Import(NaiveEndpoint.Protocols.class)
public class NaiveEndpoint {

    public static void main(String[] args) {
        SpringApplication.run(NaiveEndpoint.class, args);
    }

    /** The body Electora's clients send; the version and reason are read and not used. */
    record Submission(UUID clientSubmissionId, long contestId, long stationId, Map<Integer, Long> lines,
                      Map<Integer, Long> votes, Integer version, String reason) {
    }

    record Recorded(long stationId, int version) {
    }

    @RestController
    static class Protocols {
        private final JdbcTemplate jdbc;

        Protocols(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @PostMapping("/protocols")
        ResponseEntity<?> submit(@RequestBody Submission s) throws NoSuchAlgorithmException {
            Long[] lines = dense(s.lines(), 12);
            Long[] votes = dense(s.votes(), 8);
            if (s.clientSubmissionId() == null || lines == null || votes == null) {
                return ResponseEntity.badRequest().body(Map.of("error", "12 lines and 8 votes, none negative, and an id"));
            }
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    (s.stationId() + "|" + s.lines() + "|" + s.votes()).getBytes(StandardCharsets.UTF_8)));
            jdbc.update("INSERT INTO bench_naive VALUES (?, 1, ?, ?::bigint[], ?::bigint[], 'API', ?, ?, 'bench', ?, ?, '[]')",
                    s.stationId(), s.contestId(), lines, votes, s.clientSubmissionId(), sha, Timestamp.from(Instant.now()),
                    s.reason());
            return ResponseEntity.status(HttpStatus.CREATED).body(new Recorded(s.stationId(), 1));
        }

        /** Values 1..n in order, or null when one is missing or negative. */
        private static Long[] dense(Map<Integer, Long> values, int n) {
            if (values == null || values.size() != n) {
                return null;
            }
            Long[] dense = new Long[n];
            for (int i = 1; i <= n; i++) {
                Long v = values.get(i);
                if (v == null || v < 0) {
                    return null;
                }
                dense[i - 1] = v;
            }
            return dense;
        }
    }
}
