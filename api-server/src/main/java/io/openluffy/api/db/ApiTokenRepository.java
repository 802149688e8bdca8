package io.openluffy.api.db;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL for {@code api_tokens}; tokens are looked up by their hash only. Tokens are an aggregate of their own (issued,
 * used and revoked one by one); a change of their owner that must cut them off runs {@link #deleteAllOf} inside
 * {@link UserRepository}'s transaction.
 */
public final class ApiTokenRepository {
    private final Sql sql;

    public ApiTokenRepository(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Inserts the token with its audit entry, in one transaction. */
    public ApiTokenRecord insert(UUID id, UUID userId, String name, String tokenHash, AuditAppend audit) {
        return sql.inTransaction(c -> {
            AuditRepository.append(c, audit);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_tokens (id, user_id, name, token_hash) "
                    + "VALUES (?, ?, ?, ?) RETURNING id, user_id, name, created_at, last_used_at")) {
                ps.setObject(1, id);
                ps.setObject(2, userId);
                ps.setString(3, name);
                ps.setString(4, tokenHash);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return map(rs);
                }
            }
        });
    }

    /** The owner of the token with this hash, noting that the token was used. */
    public Optional<UserRecord> useToken(String tokenHash) {
        return sql.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "WITH t AS (UPDATE api_tokens SET last_used_at = now() WHERE token_hash = ? RETURNING user_id) "
                            + "SELECT " + UserRows.columns("u") + " FROM users u JOIN t ON u.id = t.user_id "
                            + "WHERE u.disabled_at IS NULL")) {
                ps.setString(1, tokenHash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(UserRows.map(rs)) : Optional.empty();
                }
            }
        });
    }

    public List<ApiTokenRecord> findByUser(UUID userId) {
        return sql.list("SELECT id, user_id, name, created_at, last_used_at "
                + "FROM api_tokens WHERE user_id = ? ORDER BY created_at", ApiTokenRepository::map, userId);
    }

    /**
     * Deletes the token and appends its audit entry; {@code userId} null: whoever owns it. False (and nothing
     * written) if there is no such token (of that user).
     */
    public boolean delete(UUID id, UUID userId, AuditAppend audit) {
        return sql.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM api_tokens WHERE id = ? AND (CAST(? AS uuid) IS NULL OR user_id = ?)")) {
                ps.setObject(1, id);
                ps.setObject(2, userId);
                ps.setObject(3, userId);
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            AuditRepository.append(c, audit);
            return true;
        });
    }

    /** Deletes every token of the user, in the caller's transaction. */
    void deleteAllOf(Connection c, UUID userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_tokens WHERE user_id = ?")) {
            ps.setObject(1, userId);
            ps.executeUpdate();
        }
    }

    private static ApiTokenRecord map(ResultSet rs) throws SQLException {
        Timestamp lastUsed = rs.getTimestamp("last_used_at");
        return new ApiTokenRecord(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getString("name"), rs.getTimestamp("created_at").toInstant(),
                lastUsed == null ? null : lastUsed.toInstant());
    }
}
