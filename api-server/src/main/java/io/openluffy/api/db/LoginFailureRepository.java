package io.openluffy.api.db;

import javax.sql.DataSource;
import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

/**
 * SQL for {@code login_failures}: keyed hashes of account and client, never the e-mail or address itself. An attempt
 * is recorded before the password is checked and removed again when it succeeds, so concurrent guesses cannot slip
 * past a limit while their hashes are being computed. Rows older than the window are purged as attempts come in.
 */
public final class LoginFailureRepository {
    /** The three limits per window: per account and client, per client, per account. */
    public record Limits(int accountAndClient, int client, int account, Duration window) {
    }

    /** Either a recorded attempt or how long the caller stays blocked. */
    public record Reservation(Duration blockedFor) {
        public boolean blocked() {
            return blockedFor != null;
        }
    }

    private final Sql sql;

    public LoginFailureRepository(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    public Reservation reserve(byte[] account, byte[] client, Limits limits) {
        return sql.inTransaction(c -> {
            Sql.lock(c, Sql.LOCK_LOGIN_ATTEMPTS, ByteBuffer.wrap(account).getInt());
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM login_failures WHERE failed_at <= now() - make_interval(secs => ?)")) {
                ps.setLong(1, limits.window().toSeconds());
                ps.executeUpdate();
            }
            // the database's clock, so every server process agrees on when a block ends
            try (PreparedStatement ps = c.prepareStatement("SELECT "
                    + "count(*) FILTER (WHERE account = ? AND client = ?), "
                    + "min(failed_at) FILTER (WHERE account = ? AND client = ?), "
                    + "count(*) FILTER (WHERE client = ?), min(failed_at) FILTER (WHERE client = ?), "
                    + "count(*) FILTER (WHERE account = ?), min(failed_at) FILTER (WHERE account = ?), now() "
                    + "FROM login_failures WHERE account = ? OR client = ?")) {
                byte[][] params = {account, client, account, client, client, client, account, account, account, client};
                for (int i = 0; i < params.length; i++) {
                    ps.setBytes(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    int[] limit = {limits.accountAndClient(), limits.client(), limits.account()};
                    Duration blocked = null;
                    for (int i = 0; i < limit.length; i++) {
                        if (rs.getInt(1 + 2 * i) >= limit[i]) {
                            Duration left = Duration.between(rs.getTimestamp(7).toInstant(),
                                    rs.getTimestamp(2 + 2 * i).toInstant().plus(limits.window()));
                            blocked = blocked == null || left.compareTo(blocked) > 0 ? left : blocked;
                        }
                    }
                    if (blocked != null) {
                        return new Reservation(blocked.compareTo(Duration.ofSeconds(1)) < 0
                                ? Duration.ofSeconds(1) : blocked);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO login_failures (account, client) VALUES (?, ?)")) {
                ps.setBytes(1, account);
                ps.setBytes(2, client);
                ps.executeUpdate();
                return new Reservation(null);
            }
        });
    }

    /**
     * After a success: forgets the attempt and the earlier failures of this account from this client (who has just
     * shown they know the password, as Keycloak resets its count). Failures from other clients stay.
     */
    public void release(byte[] account, byte[] client) {
        sql.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM login_failures WHERE account = ? AND client = ?")) {
                ps.setBytes(1, account);
                ps.setBytes(2, client);
                return ps.executeUpdate();
            }
        });
    }
}
