package io.openluffy.api.db;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

/**
 * SQL for {@code login_attempts}. An attempt is recorded before the password is checked and removed again when it
 * succeeds, so concurrent guesses cannot slip past the limit while their hashes are being computed.
 */
public final class LoginAttemptRepository {
    /** Either a recorded attempt ({@code attemptId}) or how long the account stays blocked. */
    public record Reservation(Long attemptId, Duration blockedFor) {
        public boolean blocked() {
            return blockedFor != null;
        }
    }

    private final Sql sql;

    public LoginAttemptRepository(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    public Reservation reserve(String account, int limit, Duration window) {
        return sql.inTransaction(c -> {
            Sql.lock(c, Sql.LOCK_LOGIN_ATTEMPTS, account.hashCode());
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM login_attempts WHERE email = ? AND attempted_at <= now() - make_interval(secs => ?)")) {
                ps.setString(1, account);
                ps.setLong(2, window.toSeconds());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*), ceil(extract(epoch FROM min(attempted_at) + make_interval(secs => ?) - now())) "
                            + "FROM login_attempts WHERE email = ?")) {
                // the database's clock, so every server process agrees on when a block ends
                ps.setLong(1, window.toSeconds());
                ps.setString(2, account);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) >= limit) {
                        return new Reservation(null, Duration.ofSeconds(Math.max(1, rs.getLong(2))));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO login_attempts (email) VALUES (?) RETURNING id")) {
                ps.setString(1, account);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Reservation(rs.getLong(1), null);
                }
            }
        });
    }

    /** Forgets a successful attempt: only failures count against the limit. */
    public void release(long attemptId) {
        sql.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM login_attempts WHERE id = ?")) {
                ps.setLong(1, attemptId);
                return ps.executeUpdate();
            }
        });
    }
}
