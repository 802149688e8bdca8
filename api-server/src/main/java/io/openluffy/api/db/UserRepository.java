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
 * SQL for {@code users}. Changes that could leave the instance without an admin, and the first-admin bootstrap,
 * run under one PostgreSQL advisory lock, so the rules hold for any number of server processes on one database.
 */
public final class UserRepository {
    private static final String COLUMNS = columns("");
    private static final String UNIQUE_VIOLATION = "23505";

    /** How a guarded change ended: done, no such user, refused (the last admin), or the e-mail is taken. */
    public enum Outcome { DONE, NOT_FOUND, REFUSED, EMAIL_TAKEN }

    /** The role that counts for "the instance keeps one admin"; the users service's {@code Role.ADMIN}. */
    static final String ADMIN = "admin";

    private final Sql sql;

    public UserRepository(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Inserts the user only if the table is empty; false when some user already exists. */
    public boolean insertIfNoUsers(UserRecord user) {
        return sql.inTransaction(c -> {
            Sql.lock(c, Sql.LOCK_USERS, 0);
            if (anyUser(c)) {
                return false;
            }
            insert(c, user);
            return true;
        });
    }

    public boolean anyExists() {
        return sql.withConnection(UserRepository::anyUser);
    }

    private static boolean anyUser(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM users)");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Inserts the user; false when the e-mail is taken. */
    public boolean insert(UserRecord user) {
        try {
            return sql.withConnection(c -> {
                insert(c, user);
                return true;
            });
        } catch (DatabaseException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    private static void insert(Connection c, UserRecord u) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, u.id());
            ps.setString(2, u.email());
            ps.setString(3, u.passwordHash());
            ps.setString(4, u.firstName());
            ps.setString(5, u.lastName());
            ps.setString(6, u.role());
            ps.setTimestamp(7, Timestamp.from(u.createdAt()));
            ps.setTimestamp(8, u.lastLoginAt() == null ? null : Timestamp.from(u.lastLoginAt()));
            ps.setTimestamp(9, u.disabledAt() == null ? null : Timestamp.from(u.disabledAt()));
            ps.executeUpdate();
        }
    }

    public Optional<UserRecord> findById(UUID id) {
        return sql.withConnection(c -> one(c, "SELECT " + COLUMNS + " FROM users WHERE id = ?", id));
    }

    /** The enabled user with this e-mail: a disabled user is, for logging in, as good as unknown. */
    public Optional<UserRecord> findByEmail(String email) {
        return sql.withConnection(c -> one(c, "SELECT " + COLUMNS + " FROM users WHERE lower(email) = ? "
                + "AND disabled_at IS NULL", email));
    }

    public List<UserRecord> findAll() {
        return sql.list("SELECT " + COLUMNS + " FROM users ORDER BY created_at, email", UserRepository::map);
    }

    /**
     * Writes the new profile fields; refused when it would demote the last admin. A new role or password ends the
     * user's sessions, and a new password (an admin's reset: the account may be compromised) deletes their API
     * tokens too, in the same transaction.
     */
    public Outcome update(UserRecord updated) {
        try {
            return sql.inTransaction(c -> updateLocked(c, updated));
        } catch (DatabaseException e) {
            if (isUniqueViolation(e)) {
                return Outcome.EMAIL_TAKEN;
            }
            throw e;
        }
    }

    private static Outcome updateLocked(Connection c, UserRecord updated) throws SQLException {
        Sql.lock(c, Sql.LOCK_USERS, 0);
        Optional<UserRecord> current = one(c, "SELECT " + COLUMNS + " FROM users WHERE id = ?", updated.id());
        if (current.isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        if (removesLastAdmin(c, current.get(), updated.role().equals(ADMIN))) {
            return Outcome.REFUSED;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE users SET email = ?, password_hash = ?, first_name = ?, last_name = ?, role = ?, "
                        + "updated_at = now() WHERE id = ?")) {
            ps.setString(1, updated.email());
            ps.setString(2, updated.passwordHash());
            ps.setString(3, updated.firstName());
            ps.setString(4, updated.lastName());
            ps.setString(5, updated.role());
            ps.setObject(6, updated.id());
            ps.executeUpdate();
        }
        boolean newPassword = !current.get().passwordHash().equals(updated.passwordHash());
        if (newPassword || !current.get().role().equals(updated.role())) {
            AccountRepository.revokeSessions(c, updated.id(), null);
        }
        if (newPassword) {
            ApiTokenRepository.deleteAllOfUser(c, updated.id());
        }
        return Outcome.DONE;
    }

    /** Deletes the user (sessions and API tokens cascade); refused for the last admin. */
    public Outcome delete(UUID id) {
        return sql.inTransaction(c -> {
            Sql.lock(c, Sql.LOCK_USERS, 0);
            Optional<UserRecord> current = one(c, "SELECT " + COLUMNS + " FROM users WHERE id = ?", id);
            if (current.isEmpty()) {
                return Outcome.NOT_FOUND;
            }
            if (removesLastAdmin(c, current.get(), false)) {
                return Outcome.REFUSED;
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM users WHERE id = ?")) {
                ps.setObject(1, id);
                ps.executeUpdate();
            }
            return Outcome.DONE;
        });
    }

    /** Notes a successful password login. */
    public void recordLogin(UUID id) {
        sql.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE users SET last_login_at = now() WHERE id = ?")) {
                ps.setObject(1, id);
                return ps.executeUpdate();
            }
        });
    }

    static boolean isUniqueViolation(DatabaseException e) {
        return UNIQUE_VIOLATION.equals(e.sqlState());
    }

    /**
     * The one last-admin rule, checked under the users lock: whether changing {@code current} so that it is
     * ({@code staysActiveAdmin}) or is not an admin who can act would leave the instance without one. Disabled
     * admins do not count.
     */
    static boolean removesLastAdmin(Connection c, UserRecord current, boolean staysActiveAdmin) throws SQLException {
        if (!current.role().equals(ADMIN) || current.disabledAt() != null || staysActiveAdmin) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM users WHERE role = ? AND disabled_at IS NULL")) {
            ps.setString(1, ADMIN);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) <= 1;
            }
        }
    }

    static Optional<UserRecord> one(Connection c, String query, Object param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(query)) {
            ps.setObject(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
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
                rs.getString("first_name"), rs.getString("last_name"), rs.getString("role"),
                rs.getTimestamp("created_at").toInstant(), lastLogin == null ? null : lastLogin.toInstant(),
                disabled == null ? null : disabled.toInstant());
    }
}
