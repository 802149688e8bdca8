package io.openluffy.api.db;

import io.openluffy.api.crypto.Sealed;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** SQL for {@code integrations}; an integration and its token are written and deleted together. */
public final class IntegrationRepository {
    private static final String COLUMNS = "kind, url, insecure_skip_tls_verify, updated_at, updated_by";
    private static final String SELECT = "SELECT " + COLUMNS + ", EXISTS (SELECT 1 FROM secrets "
            + "WHERE binding = 'integration/' || kind || '/token') AS token_set FROM integrations";

    private final Sql sql;

    public IntegrationRepository(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** The secret binding of an integration's token (also its encryption's associated data). */
    public static String tokenBinding(String kind) {
        return "integration/" + kind + "/token";
    }

    /**
     * Creates or replaces the integration, with its audit entry; a null {@code token} keeps the stored one, or deletes
     * it unless {@code keepStoredToken}.
     */
    public void put(IntegrationRecord integration, Sealed token, boolean keepStoredToken, AuditAppend audit) {
        sql.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO integrations (" + COLUMNS + ") "
                    + "VALUES (?, ?, ?, now(), ?) ON CONFLICT (kind) DO UPDATE SET url = EXCLUDED.url, "
                    + "insecure_skip_tls_verify = EXCLUDED.insecure_skip_tls_verify, updated_at = now(), "
                    + "updated_by = EXCLUDED.updated_by")) {
                ps.setString(1, integration.kind());
                ps.setString(2, integration.url());
                ps.setBoolean(3, integration.insecureSkipTlsVerify());
                ps.setString(4, integration.updatedBy());
                ps.executeUpdate();
            }
            if (token != null) {
                SecretRepository.put(c, tokenBinding(integration.kind()), token);
            } else if (!keepStoredToken) {
                SecretRepository.delete(c, tokenBinding(integration.kind()));
            }
            AuditRepository.append(c, audit);
            return null;
        });
    }

    public Optional<IntegrationRecord> find(String kind) {
        return sql.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE kind = ?")) {
                ps.setString(1, kind);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    public List<IntegrationRecord> findAll() {
        return sql.list(SELECT + " ORDER BY kind", IntegrationRepository::map);
    }

    /** Deletes the integration and its token, with its audit entry; false (nothing written) if there is none. */
    public boolean delete(String kind, AuditAppend audit) {
        return sql.inTransaction(c -> {
            SecretRepository.delete(c, tokenBinding(kind));
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM integrations WHERE kind = ?")) {
                ps.setString(1, kind);
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            AuditRepository.append(c, audit);
            return true;
        });
    }

    private static IntegrationRecord map(ResultSet rs) throws SQLException {
        return new IntegrationRecord(rs.getString("kind"), rs.getString("url"), rs.getBoolean("insecure_skip_tls_verify"),
                rs.getBoolean("token_set"),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
    }
}
