package org.electora.platform.internal.db;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Electora stopped as an operator stops it (SIGTERM, as Ctrl-C or a service manager does) with its embedded
 * PostgreSQL: the application closes first — requests, the group commit's writer, the event registry, the connection
 * pool — and only then does the server stop. Before, both stopped at once in separate shutdown hooks, and the
 * server's fast shutdown cut the application's open connections ("terminating connection due to administrator
 * command"), failing whatever was still being written. Runs the application in a JVM of its own.
 */
class EmbeddedShutdownTest {

    @TempDir Path dir;

    @Test
    void onSigtermTheApplicationClosesBeforeItsDatabaseStops() throws Exception {
        Path out = dir.resolve("app.out");
        String java = ProcessHandle.current().info().command().orElse("java");
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process app = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.electora.ElectoraApplication",
                "--server.port=" + port, "--electora.demo.shape=NONE", "--spring.main.banner-mode=off",
                "--electora.embedded-postgres.ephemeral=false", "--electora.embedded-postgres.data-dir=" + dir.resolve("pg"),
                "--electora.embedded-postgres.port=0"))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            // Ready, not only started: the work on ApplicationReadyEvent (templates, demo data) is done.
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (!ready(port)) {
                assertThat(app.isAlive()).as("the application is starting: %s", tail(out)).isTrue();
                assertThat(Instant.now()).as("started within 3 minutes: %s", tail(out)).isBefore(deadline);
                Thread.sleep(200);
            }

            app.destroy(); // SIGTERM

            assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute: %s", tail(out)).isTrue();
        } finally {
            app.destroyForcibly();
        }
        String log = Files.readString(out);
        assertThat(log).contains("Shutdown completed");
        assertThat(log).as(tail(out)).doesNotContain("marked as broken", "Invocation of destroy method failed", " ERROR ");
        String serverLog = Files.readString(dir.resolve("pg.log"));
        assertThat(serverLog).contains("shutting down");
        assertThat(serverLog).doesNotContain("terminating connection due to administrator command");
        assertThat(dir.resolve("pg").resolve("postmaster.pid")).doesNotExist();
    }

    private static boolean ready(int port) {
        try {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
