package io.openluffy.api.db;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** SQL for account state: disabling and enabling users, and password changes that end other sessions. */
public final class AccountRepository {
    private final Sql sql;

    public AccountRepository(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /**
     * Disables (ending every session at once) or enables the user; refused when it would disable the last admin who
     * is not disabled. Runs under the users lock shared with {@link UserRepository}, so the rule holds under races.
     */
    public UserRepository.Outcome setDisabled(UUID id, boolean disabled) {
        return sql.inTransaction(c -> {
            Sql.lock(c, Sql.LOCK_USERS, 0);
            Optional<UserRecord> current = UserRepository.one(c, "SELECT " + UserRepository.columns("")
                    + " FROM users WHERE id = ?", id);
            if (current.isEmpty()) {
                return UserRepository.Outcome.NOT_FOUND;
            }
            if (UserRepository.removesLastAdmin(c, current.get(), !disabled)) {
                return UserRepository.Outcome.REFUSED;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE users SET disabled_at = "
                    + (disabled ? "coalesce(disabled_at, now())" : "NULL") + ", updated_at = now() WHERE id = ?")) {
                ps.setObject(1, id);
                ps.executeUpdate();
            }
            if (disabled) {
                // enabling again must not bring back credentials that were cut off: new ones are issued instead
                revokeSessions(c, id, null);
                ApiTokenRepository.deleteAllOfUser(c, id);
            }
            return UserRepository.Outcome.DONE;
        });
    }

    /** Stores the new password hash and ends every session of the user except {@code keepSession} (may be null). */
    public void changePassword(UUID id, String passwordHash, UUID keepSession) {
        sql.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE users SET password_hash = ?, updated_at = now() WHERE id = ?")) {
                ps.setString(1, passwordHash);
                ps.setObject(2, id);
                ps.executeUpdate();
            }
            revokeSessions(c, id, keepSession);
            return null;
        });
    }

    static void revokeSessions(Connection c, UUID userId, UUID keep) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET revoked_at = now() "
                + "WHERE user_id = ? AND revoked_at IS NULL AND id IS DISTINCT FROM ?")) {
            ps.setObject(1, userId);
            ps.setObject(2, keep);
            ps.executeUpdate();
        }
    }
}
