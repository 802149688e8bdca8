package io.openluffy.api.db;

import io.openluffy.api.users.Role;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.UUID;

/**
 * What a row of {@code users} is, in one place: its columns and how they map to a {@link UserRecord}. The users
 * repository reads it, and so do the two lookups that authenticate a request (a session's user, an API token's
 * owner), which join {@code users} in their own statement rather than spend a second query per request.
 */
final class UserRows {
    static final String COLUMNS = columns("");

    private UserRows() {
    }

    /** The column list of {@link #map}, optionally qualified by a table alias for joins. */
    static String columns(String alias) {
        String p = alias.isEmpty() ? "" : alias + ".";
        return p + "id, " + p + "email, " + p + "password_hash, " + p + "first_name, " + p + "last_name, "
                + p + "role, " + p + "created_at, " + p + "last_login_at, " + p + "disabled_at";
    }

    static UserRecord map(ResultSet rs) throws SQLException {
        Timestamp lastLogin = rs.getTimestamp("last_login_at");
        Timestamp disabled = rs.getTimestamp("disabled_at");
        return new UserRecord(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("password_hash"),
                rs.getString("first_name"), rs.getString("last_name"), Role.parse(rs.getString("role")),
                rs.getTimestamp("created_at").toInstant(), lastLogin == null ? null : lastLogin.toInstant(),
                disabled == null ? null : disabled.toInstant());
    }
}
