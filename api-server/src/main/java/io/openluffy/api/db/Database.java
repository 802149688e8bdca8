package io.openluffy.api.db;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.openluffy.api.config.ApiConfig;
import io.openluffy.api.config.LocalKeys;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The connection pool, plus the embedded PostgreSQL when no external database is configured.
 * The embedded cluster lives in {@code <data dir>/postgres} and is never wiped, so users survive restarts.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(2);

    private final HikariDataSource pool;
    /** Completes once the database is reachable and migrated; set by {@link #open(ApiConfig, MeterRegistry)}. */
    private CompletableFuture<Void> ready;
    private volatile EmbeddedPostgres embedded;

    private Database(HikariDataSource pool) {
        this.pool = pool;
    }

    /** Connects (starting the embedded PostgreSQL first if needed) and applies pending migrations. */
    public static Database open(ApiConfig config) {
        Database database = open(config, null);
        try {
            database.awaitReady();
        } catch (RuntimeException | Error e) {
            database.close();
            throw e;
        }
        return database;
    }

    /**
     * Starts the embedded PostgreSQL (if needed) and the migrations on a background thread and returns at once,
     * so the caller can build everything else meanwhile; its {@link #dataSource()} must not be used before
     * {@link #awaitReady()} has returned. Reports the pool's usage to {@code meters} (hikaricp_* series) if given.
     */
    public static Database open(ApiConfig config, MeterRegistry meters) {
        // Without a JDBC URL yet (the embedded PostgreSQL's port is known only once it runs), the pool is created by
        // the first getConnection, after the background start has set the URL.
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("openluffy");
        pool.setMaximumPoolSize(10);
        // Requests and /readyz should fail fast while the database is away, not hang for the default 30 s.
        pool.setConnectionTimeout(3_000);
        pool.setValidationTimeout(1_000);
        if (meters != null) {
            pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        }
        // the pool must not fail on creation: start-up waits for the database below instead
        pool.setInitializationFailTimeout(-1);
        Database database = new Database(pool);
        database.ready = CompletableFuture.runAsync(() -> database.start(config), task -> {
            Thread thread = new Thread(task, "database-start");
            thread.setDaemon(true);
            thread.start();
        });
        return database;
    }

    private void start(ApiConfig config) {
        if (config.embeddedDatabase()) {
            Path passwordFile = LocalKeys.databasePasswordFile(config.dataDir());
            embedded = startEmbedded(config.dataDir().resolve("postgres"), passwordFile);
            pool.setJdbcUrl(embedded.getJdbcUrl(EmbeddedCluster.SUPERUSER, "postgres"));
            pool.setPassword(readPassword(passwordFile));
        } else {
            pool.setJdbcUrl(config.databaseUrl().orElseThrow());
            pool.setUsername(config.databaseUser());
            pool.setPassword(config.databasePassword());
        }
        migrateWhenReachable(pool, Duration.ofSeconds(config.databaseWaitSeconds()));
    }

    /** Waits for the background start; rethrows its error as it was (the messages tell the user what to fix). */
    public void awaitReady() {
        try {
            ready.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private static String readPassword(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EmbeddedPostgres startEmbedded(Path dir, Path passwordFile) {
        try {
            EmbeddedPostgres pg = EmbeddedCluster.start(dir, passwordFile);
            LOG.info("Embedded PostgreSQL running on port {} with data in {}", pg.getPort(), dir.toAbsolutePath().normalize());
            return pg;
        } catch (IOException | IllegalStateException e) {
            throw new IllegalStateException("Cannot start the embedded PostgreSQL in " + dir.toAbsolutePath().normalize()
                    + ": is another OpenLuffy API server using this OPENLUFFY_DATA_DIR? (" + e.getMessage() + ")", e);
        }
    }

    /**
     * In Kubernetes the API server may start before its PostgreSQL accepts connections; waiting here (and saying so)
     * beats exiting into a crash loop.
     */
    private static void migrateWhenReachable(DataSource dataSource, Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        while (true) {
            try {
                migrate(dataSource);
                return;
            } catch (FlywayException e) {
                if (!isConnectionFailure(e) || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                LOG.warn("Database not reachable yet; retrying for up to {} s more",
                        Duration.between(Instant.now(), deadline).toSeconds());
                try {
                    Thread.sleep(RETRY_INTERVAL.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private static void migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
        int applied = flyway.migrate().migrationsExecuted;
        LOG.info("Database schema at version {} ({} migration(s) applied now)",
                flyway.info().current().getVersion(), applied);
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Whether a trivial query succeeds right now; used by readiness. */
    public boolean isReachable() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        // a start still running would leave its PostgreSQL behind
        ready.exceptionally(e -> null).join();
        pool.close();
        closeEmbedded(embedded);
    }

    private static void closeEmbedded(EmbeddedPostgres embedded) {
        if (embedded == null) {
            return;
        }
        try {
            embedded.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
