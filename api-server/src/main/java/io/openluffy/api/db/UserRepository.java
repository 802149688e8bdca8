package io.openluffy.api.db;

import io.openluffy.api.users.Role;

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
 * SQL for {@code users}, the users aggregate's one repository: profile, role and account state (disabled, password).
 * Each change returns an {@link Outcome} and runs in one transaction with its audit entries and with the ending of
 * the sessions and API tokens it cuts off (their repositories' statements, given the same connection). Changes that
 * could leave the instance without an admin, and the first-admin bootstrap, run under one PostgreSQL advisory lock,
 * so the rules hold for any number of server processes on one database.
 */
public final class UserRepository {
    private static final String UNIQUE_VIOLATION = "23505";

    /** How a guarded change ended: done, no such user, refused (the last admin), or the e-mail is taken. */
    public enum Outcome { DONE, NOT_FOUND, REFUSED, EMAIL_TAKEN }

    private final Sql sql;
    private final SessionRepository sessions;
    private final ApiTokenRepository apiTokens;

    /** {@code sessions} and {@code apiTokens}: where the credentials that a change ends are kept. */
    public UserRepository(DataSource dataSource, SessionRepository sessions, ApiTokenRepository apiTokens) {
        this.sql = new Sql(dataSource);
        this.sessions = sessions;
        this.apiTokens = apiTokens;
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

    /** Inserts the user and its audit entry; EMAIL_TAKEN (and nothing written) when the e-mail is taken. */
    public Outcome insert(UserRecord user, AuditAppend audit) {
        return sql.inTransaction(c -> {
            if (!insert(c, user)) {
                return Outcome.EMAIL_TAKEN;
            }
            AuditRepository.append(c, audit);
            return Outcome.DONE;
        });
    }

    /** False when the e-mail is taken (the unique index on {@code lower(email)}). */
    private static boolean insert(Connection c, UserRecord u) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (" + UserRows.COLUMNS + ") "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setObject(1, u.id());
            ps.setString(2, u.email());
            ps.setString(3, u.passwordHash());
            ps.setString(4, u.firstName());
            ps.setString(5, u.lastName());
            ps.setString(6, u.role().value());
            ps.setTimestamp(7, Timestamp.from(u.createdAt()));
            ps.setTimestamp(8, u.lastLoginAt() == null ? null : Timestamp.from(u.lastLoginAt()));
            ps.setTimestamp(9, u.disabledAt() == null ? null : Timestamp.from(u.disabledAt()));
            return ps.executeUpdate() == 1;
        }
    }

    public Optional<UserRecord> findById(UUID id) {
        return sql.withConnection(c -> one(c, "SELECT " + UserRows.COLUMNS + " FROM users WHERE id = ?", id));
    }

    /** The enabled user with this e-mail: a disabled user is, for logging in, as good as unknown. */
    public Optional<UserRecord> findByEmail(String email) {
        return sql.withConnection(c -> one(c, "SELECT " + UserRows.COLUMNS + " FROM users WHERE lower(email) = ? "
                + "AND disabled_at IS NULL", email));
    }

    public List<UserRecord> findAll() {
        return sql.list("SELECT " + UserRows.COLUMNS + " FROM users ORDER BY created_at, email", UserRows::map);
    }

    /**
     * Writes the new profile fields; refused when it would demote the last admin. A new role or password ends the
     * user's sessions, and a new password (an admin's reset: the account may be compromised) deletes their API
     * tokens too, in the same transaction as the change and its audit entries.
     */
    public Outcome update(UserRecord updated, List<AuditAppend> audit) {
        try {
            return guarded(updated.id(), updated.role() == Role.ADMIN, audit, (c, current) -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE users SET email = ?, password_hash = ?, first_name = ?, last_name = ?, role = ?, "
                                + "updated_at = now() WHERE id = ?")) {
                    ps.setString(1, updated.email());
                    ps.setString(2, updated.passwordHash());
                    ps.setString(3, updated.firstName());
                    ps.setString(4, updated.lastName());
                    ps.setString(5, updated.role().value());
                    ps.setObject(6, updated.id());
                    ps.executeUpdate();
                }
                boolean newPassword = !current.passwordHash().equals(updated.passwordHash());
                if (newPassword || current.role() != updated.role()) {
                    sessions.revokeAllOf(c, updated.id(), null);
                }
                if (newPassword) {
                    apiTokens.deleteAllOf(c, updated.id());
                }
            });
        } catch (DatabaseException e) {
            if (UNIQUE_VIOLATION.equals(e.sqlState())) {
                return Outcome.EMAIL_TAKEN;
            }
            throw e;
        }
    }

    /** Deletes the user (sessions and API tokens cascade); refused for the last admin. */
    public Outcome delete(UUID id, AuditAppend audit) {
        return guarded(id, false, List.of(audit), (c, current) -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM users WHERE id = ?")) {
                ps.setObject(1, id);
                ps.executeUpdate();
            }
        });
    }

    /**
     * Disables (ending every session and deleting the API tokens at once) or enables the user; refused when it would
     * disable the last admin who is not disabled.
     */
    public Outcome setDisabled(UUID id, boolean disabled, AuditAppend audit) {
        return guarded(id, !disabled, List.of(audit), (c, current) -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE users SET disabled_at = "
                    + (disabled ? "coalesce(disabled_at, now())" : "NULL") + ", updated_at = now() WHERE id = ?")) {
                ps.setObject(1, id);
                ps.executeUpdate();
            }
            if (disabled) {
                // enabling again must not bring back credentials that were cut off: new ones are issued instead
                sessions.revokeAllOf(c, id, null);
                apiTokens.deleteAllOf(c, id);
            }
        });
    }

    /** Stores the new password hash and ends every session of the user except {@code keepSession} (may be null). */
    public void changePassword(UUID id, String passwordHash, UUID keepSession, AuditAppend audit) {
        sql.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE users SET password_hash = ?, updated_at = now() WHERE id = ?")) {
                ps.setString(1, passwordHash);
                ps.setObject(2, id);
                ps.executeUpdate();
            }
            sessions.revokeAllOf(c, id, keepSession);
            AuditRepository.append(c, audit);
            return null;
        });
    }

    /** A change of one user, run by {@link #guarded}. */
    private interface Change {
        void apply(Connection c, UserRecord current) throws SQLException;
    }

    /**
     * The one way to change a user who may be an admin: under the users lock (shared by every server on the
     * database), loads the user, refuses the change if it would leave no active admin, applies it and appends its
     * audit entries, all in one transaction.
     */
    private Outcome guarded(UUID id, boolean staysActiveAdmin, List<AuditAppend> audit, Change change) {
        return sql.inTransaction(c -> {
            Sql.lock(c, Sql.LOCK_USERS, 0);
            Optional<UserRecord> current = one(c, "SELECT " + UserRows.COLUMNS + " FROM users WHERE id = ?", id);
            if (current.isEmpty()) {
                return Outcome.NOT_FOUND;
            }
            if (removesLastAdmin(c, current.get(), staysActiveAdmin)) {
                return Outcome.REFUSED;
            }
            change.apply(c, current.get());
            for (AuditAppend entry : audit) {
                AuditRepository.append(c, entry);
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

    /**
     * The one last-admin rule, checked under the users lock: whether changing {@code current} so that it is
     * ({@code staysActiveAdmin}) or is not an admin who can act would leave the instance without one. Disabled
     * admins do not count.
     */
    private static boolean removesLastAdmin(Connection c, UserRecord current, boolean staysActiveAdmin) throws SQLException {
        if (current.role() != Role.ADMIN || current.disabledAt() != null || staysActiveAdmin) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM users WHERE role = ? AND disabled_at IS NULL")) {
            ps.setString(1, Role.ADMIN.value());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) <= 1;
            }
        }
    }

    private static Optional<UserRecord> one(Connection c, String query, Object param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(query)) {
            ps.setObject(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(UserRows.map(rs)) : Optional.empty();
            }
        }
    }
}
