package io.openluffy.api.db;

import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Listens on PostgreSQL's {@code openluffy_auth} channel (see migration V2_4) on a connection of its own, outside
 * the pool, and tells its {@link Subscriber} about every change and about every loss of the channel. Reconnects by
 * itself; while it is not listening the subscriber must not trust anything it remembers.
 */
public final class AuthChangeListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuthChangeListener.class);
    private static final String CHANNEL = "openluffy_auth";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RECONNECT = Duration.ofSeconds(1);

    /** What the listener reports. */
    public interface Subscriber {
        /** Sessions or users changed (or may have, while the channel was away): forget what is remembered. */
        void changed();

        /** Whether notifications arrive now; false from a failure until the next successful LISTEN. */
        void listening(boolean listening);
    }

    private final HikariDataSource pool;
    private final Subscriber subscriber;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;

    public AuthChangeListener(HikariDataSource pool, Subscriber subscriber) {
        this.pool = pool;
        this.subscriber = subscriber;
        this.thread = new Thread(this::run, "auth-change-listener");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        while (!closed) {
            try (Connection c = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword())) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                // whatever changed while nobody listened is unknown: start from nothing
                subscriber.changed();
                subscriber.listening(true);
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications((int) POLL.toMillis());
                    if (notifications != null && notifications.length > 0) {
                        subscriber.changed();
                    }
                }
            } catch (SQLException e) {
                if (!closed) {
                    LOG.warn("Lost the database's session-change notifications ({}); checking every request against "
                            + "the database until they are back", e.getMessage());
                }
            } finally {
                subscriber.listening(false);
                subscriber.changed();
            }
            sleep();
        }
    }

    private void sleep() {
        try {
            Thread.sleep(RECONNECT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
        thread.interrupt();
    }
}
