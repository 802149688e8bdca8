package io.openluffy.api.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The local mode's PostgreSQL, started with zonky. Zonky's defaults suit throwaway test databases, not data that
 * must last: it trusts every local connection to the superuser (any OS user on the machine could rewrite password
 * hashes or run {@code COPY ... TO PROGRAM}), and it runs with fsync off. Here the superuser needs its password,
 * only loopback TCP is served (no unix socket in /tmp), fsync is on, and a postmaster left behind by a server that
 * was killed is stopped before the next start.
 */
final class EmbeddedCluster {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCluster.class);
    static final String SUPERUSER = "postgres";
    /** Zonky's lock file in the cluster directory, held by the server process that runs the cluster. */
    private static final String LOCK_FILE = "epg-lock";
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);
    private static final String HBA = """
            # Written by the OpenLuffy API server at every start; changes are overwritten.
            # Only the API server's own connections: loopback TCP with the password from <data dir>/keys.
            host all all 127.0.0.1/32 scram-sha-256
            """;

    private EmbeddedCluster() {
    }

    static EmbeddedPostgres start(Path dir, Path passwordFile) throws IOException {
        String password = Files.readString(passwordFile, StandardCharsets.US_ASCII).trim();
        boolean initialised = Files.exists(dir.resolve("postgresql.conf"));
        // clusters made before passwords were set still trust everyone; they get the password once, below
        boolean trusting = initialised && Files.readString(dir.resolve("pg_hba.conf")).lines()
                .anyMatch(line -> !line.startsWith("#") && line.contains("trust"));
        stopOrphan(dir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "''")
                // zonky passes -F (fsync off); a crash would then corrupt the cluster
                .setServerConfig("fsync", "on")
                .setConnectConfig("password", password);
        if (!initialised) {
            builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", passwordFile.toString());
        }
        EmbeddedPostgres pg = builder.start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            if (trusting) {
                // base64 text: nothing in it can end the literal
                s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + password + "'");
                LOG.info("Embedded PostgreSQL in {}: password authentication turned on", dir);
            }
            Files.writeString(dir.resolve("pg_hba.conf"), HBA);
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException | IOException e) {
            pg.close();
            throw new IOException("cannot secure the embedded PostgreSQL: " + e.getMessage(), e);
        }
        return pg;
    }

    /**
     * A server killed with SIGKILL leaves its postmaster running and holding the directory. It is an orphan when
     * no live process holds zonky's lock file (the kernel released the dead server's lock); then it is asked to
     * shut down (SIGTERM) and waited for.
     */
    private static void stopOrphan(Path dir) throws IOException {
        Optional<ProcessHandle> postmaster = postmaster(dir);
        if (postmaster.isEmpty() || !unlocked(dir.resolve(LOCK_FILE))) {
            return;
        }
        ProcessHandle orphan = postmaster.get();
        LOG.warn("Stopping the PostgreSQL (pid {}) left running in {} by a server that ended without stopping it",
                orphan.pid(), dir);
        CompletableFuture<ProcessHandle> exited = orphan.onExit();
        orphan.destroy();
        try {
            exited.get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IOException("the PostgreSQL left running in " + dir + " (pid " + orphan.pid()
                    + ") did not stop within " + ORPHAN_STOP_WAIT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new IOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The live postgres process named by {@code postmaster.pid}, if any (a reused pid of another program is not). */
    private static Optional<ProcessHandle> postmaster(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        if (!first.matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(first))
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    }

    private static boolean unlocked(Path lockFile) throws IOException {
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock != null;
        } catch (OverlappingFileLockException e) {
            // held by a server in this very JVM
            return false;
        }
    }
}
