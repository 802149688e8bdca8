package io.openluffy.api.db;

import io.openluffy.api.crypto.Sealed;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL for {@code secrets}: sealed values by binding. */
public final class SecretRepository {
    private static final String COLUMNS = "binding, key_id, nonce, ciphertext, updated_at";

    private final Sql sql;

    public SecretRepository(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Stores or replaces the secret, with its audit entry; returns when it was stored. */
    public Instant put(String binding, Sealed sealed, AuditAppend audit) {
        return sql.inTransaction(c -> {
            AuditRepository.append(c, audit);
            return put(c, binding, sealed);
        });
    }

    static Instant put(Connection c, String binding, Sealed sealed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO secrets (binding, key_id, nonce, ciphertext) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (binding) DO UPDATE SET key_id = EXCLUDED.key_id, "
                + "nonce = EXCLUDED.nonce, ciphertext = EXCLUDED.ciphertext, updated_at = now() "
                + "RETURNING updated_at")) {
            ps.setString(1, binding);
            bindSealed(ps, 2, sealed);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    public Optional<StoredSecret> find(String binding) {
        return sql.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM secrets WHERE binding = ?")) {
                ps.setString(1, binding);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Deletes the secret and appends its audit entry; false (nothing written) when there was none. */
    public boolean delete(String binding, AuditAppend audit) {
        return sql.inTransaction(c -> {
            if (!delete(c, binding)) {
                return false;
            }
            AuditRepository.append(c, audit);
            return true;
        });
    }

    static boolean delete(Connection c, String binding) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM secrets WHERE binding = ?")) {
            ps.setString(1, binding);
            return ps.executeUpdate() == 1;
        }
    }

    /** Every secret sealed under another key than {@code keyId}. */
    public List<StoredSecret> findNotUnder(String keyId) {
        return sql.list("SELECT " + COLUMNS + " FROM secrets WHERE key_id <> ? ORDER BY binding",
                SecretRepository::map, keyId);
    }

    /**
     * Replaces a secret with its re-sealed form, unless it changed since it was read (then false: a concurrent
     * write already sealed it under the current key). Keeps {@code updated_at}: the secret itself did not change.
     */
    public boolean reseal(StoredSecret old, Sealed resealed) {
        return sql.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE secrets SET key_id = ?, nonce = ?, ciphertext = ? "
                    + "WHERE binding = ? AND key_id = ? AND nonce = ?")) {
                bindSealed(ps, 1, resealed);
                ps.setString(4, old.binding());
                ps.setString(5, old.sealed().keyId());
                ps.setBytes(6, old.sealed().nonce());
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static void bindSealed(PreparedStatement ps, int first, Sealed sealed) throws SQLException {
        ps.setString(first, sealed.keyId());
        ps.setBytes(first + 1, sealed.nonce());
        ps.setBytes(first + 2, sealed.ciphertext());
    }

    private static StoredSecret map(ResultSet rs) throws SQLException {
        return new StoredSecret(rs.getString("binding"),
                new Sealed(rs.getString("key_id"), rs.getBytes("nonce"), rs.getBytes("ciphertext")),
                rs.getTimestamp("updated_at").toInstant());
    }
}
