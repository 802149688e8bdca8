package io.openluffy.api.db;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for {@code customers}, joined with the time their GitHub token was set. */
public final class CustomerRepository {
    private static final String SELECT = "SELECT c.id, c.name, c.description, c.github_org, c.created_at, c.updated_at, "
            + "s.updated_at AS token_set_at FROM customers c "
            + "LEFT JOIN secrets s ON s.binding = 'customer/' || c.id || '/github-token' ";
    private static final String UNIQUE_VIOLATION = "23505";

    private final Sql sql;

    public CustomerRepository(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** The secret binding of a customer's GitHub token (also its encryption's associated data). */
    public static String githubTokenBinding(UUID customerId) {
        return "customer/" + customerId + "/github-token";
    }

    /** With its audit entry; false (nothing written) when another customer has this name (case-insensitively). */
    public boolean insert(UUID id, String name, String description, String githubOrg, AuditAppend audit) {
        return sql.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO customers (id, name, description, github_org) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setObject(1, id);
                ps.setString(2, name);
                ps.setString(3, description);
                ps.setString(4, githubOrg);
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            AuditRepository.append(c, audit);
            return true;
        });
    }

    public List<CustomerRecord> findAll() {
        return sql.list(SELECT + "ORDER BY lower(c.name)", CustomerRepository::map);
    }

    public Optional<CustomerRecord> findById(UUID id) {
        return sql.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE c.id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    public enum Outcome { DONE, NOT_FOUND, NAME_TAKEN }

    /** With its audit entry, in one transaction. */
    public Outcome update(UUID id, String name, String description, String githubOrg, AuditAppend audit) {
        try {
            return sql.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE customers SET name = ?, description = ?, "
                        + "github_org = ?, updated_at = now() WHERE id = ?")) {
                    ps.setString(1, name);
                    ps.setString(2, description);
                    ps.setString(3, githubOrg);
                    ps.setObject(4, id);
                    if (ps.executeUpdate() != 1) {
                        return Outcome.NOT_FOUND;
                    }
                }
                AuditRepository.append(c, audit);
                return Outcome.DONE;
            });
        } catch (DatabaseException e) {
            if (UNIQUE_VIOLATION.equals(e.sqlState())) {
                return Outcome.NAME_TAKEN;
            }
            throw e;
        }
    }

    /** Deletes the customer and its GitHub token together, with the audit entry. */
    public boolean delete(UUID id, AuditAppend audit) {
        return sql.inTransaction(c -> {
            SecretRepository.delete(c, githubTokenBinding(id));
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM customers WHERE id = ?")) {
                ps.setObject(1, id);
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            AuditRepository.append(c, audit);
            return true;
        });
    }

    private static CustomerRecord map(ResultSet rs) throws SQLException {
        Timestamp tokenSetAt = rs.getTimestamp("token_set_at");
        return new CustomerRecord(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("description"),
                rs.getString("github_org"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), tokenSetAt == null ? null : tokenSetAt.toInstant());
    }
}
