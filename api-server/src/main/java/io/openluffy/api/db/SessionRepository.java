package io.openluffy.api.db;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL for {@code sessions}: one row per login, i.e. per refresh-token family. Sessions are an aggregate of their own
 * (opened by a login, rotated by refresh under their own row lock, ended by logout); a change of their user that
 * must end them runs {@link #revokeAllOf} inside {@link UserRepository}'s transaction.
 */
public final class SessionRepository {
    /** What a refresh attempt found. */
    public enum RotationStatus { ROTATED, REUSED, INVALID }

    /** Result of {@link #rotate}; {@code userId} is set when rotated. */
    public record Rotation(RotationStatus status, UUID userId) {
    }

    private final Sql sql;

    public SessionRepository(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Opens a session, first dropping the user's dead ones (their tokens are refused either way). */
    public void create(UUID sessionId, UUID userId, UUID refreshId, Instant expiresAt) {
        sql.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM sessions WHERE user_id = ? AND (revoked_at IS NOT NULL OR expires_at <= now())")) {
                ps.setObject(1, userId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO sessions (id, user_id, current_refresh_id, expires_at) VALUES (?, ?, ?, ?)")) {
                ps.setObject(1, sessionId);
                ps.setObject(2, userId);
                ps.setObject(3, refreshId);
                ps.setTimestamp(4, Timestamp.from(expiresAt));
                return ps.executeUpdate();
            }
        });
    }

    /** The user behind a live (not revoked, not expired) session. */
    public Optional<UserRecord> findActiveSessionUser(UUID sessionId) {
        return sql.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + UserRows.columns("u") + " FROM sessions s JOIN users u ON u.id = s.user_id "
                            + "WHERE s.id = ? AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL")) {
                ps.setObject(1, sessionId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(UserRows.map(rs)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Replaces the session's current refresh token by a new one if {@code presented} is the current one.
     * Presenting an older one means the token was copied: the whole session is revoked.
     */
    public Rotation rotate(UUID sessionId, UUID presented, UUID next, Instant expiresAt) {
        return sql.inTransaction(c -> {
            UUID current;
            UUID userId;
            try (PreparedStatement ps = c.prepareStatement("SELECT user_id, current_refresh_id FROM sessions "
                    + "WHERE id = ? AND revoked_at IS NULL AND expires_at > now() FOR UPDATE")) {
                ps.setObject(1, sessionId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return new Rotation(RotationStatus.INVALID, null);
                    }
                    userId = rs.getObject(1, UUID.class);
                    current = rs.getObject(2, UUID.class);
                }
            }
            if (!current.equals(presented)) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET revoked_at = now() WHERE id = ?")) {
                    ps.setObject(1, sessionId);
                    ps.executeUpdate();
                }
                return new Rotation(RotationStatus.REUSED, null);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE sessions SET current_refresh_id = ?, expires_at = ? WHERE id = ?")) {
                ps.setObject(1, next);
                ps.setTimestamp(2, Timestamp.from(expiresAt));
                ps.setObject(3, sessionId);
                ps.executeUpdate();
            }
            return new Rotation(RotationStatus.ROTATED, userId);
        });
    }

    public void revoke(UUID sessionId) {
        update("UPDATE sessions SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL", sessionId);
    }

    /** Ends every live session of the user except {@code keep} (may be null), in the caller's transaction. */
    void revokeAllOf(Connection c, UUID userId, UUID keep) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET revoked_at = now() "
                + "WHERE user_id = ? AND revoked_at IS NULL AND id IS DISTINCT FROM ?")) {
            ps.setObject(1, userId);
            ps.setObject(2, keep);
            ps.executeUpdate();
        }
    }

    private void update(String statement, UUID param) {
        sql.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(statement)) {
                ps.setObject(1, param);
                return ps.executeUpdate();
            }
        });
    }
}
