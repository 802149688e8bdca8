package io.openluffy.api.db;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** SQL for {@code audit_log}: append and read newest first. */
public final class AuditRepository {
    /** Takes the action (or null for all) twice. */
    private static final String ACTION_FILTER = "(?::text IS NULL OR action = ?::text)";

    private final Sql sql;

    public AuditRepository(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Appends inside the caller's transaction. */
    static void append(Connection c, AuditAppend e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_log (actor_id, actor_email, action, target) VALUES (?, ?, ?, ?)")) {
            ps.setObject(1, e.actorId());
            ps.setString(2, e.actorEmail());
            ps.setString(3, e.action());
            ps.setString(4, e.target());
            ps.executeUpdate();
        }
    }

    /** Newest first (ids grow with time, so ordering by id is ordering by insertion); a null action means all. */
    public List<AuditRecord> page(int limit, int offset, String action) {
        return sql.list("SELECT id, occurred_at, actor_id, actor_email, action, target "
                + "FROM audit_log WHERE " + ACTION_FILTER + " ORDER BY id DESC LIMIT ? OFFSET ?",
                rs -> new AuditRecord(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getObject("actor_id", UUID.class), rs.getString("actor_email"),
                        rs.getString("action"), rs.getString("target")),
                action, action, limit, offset);
    }

    public long count(String action) {
        return sql.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM audit_log WHERE " + ACTION_FILTER)) {
                ps.setString(1, action);
                ps.setString(2, action);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
