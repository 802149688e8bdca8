package io.openluffy.api.db;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Runs JDBC work in a connection or a transaction and turns {@link SQLException} into {@link DatabaseException}. */
final class Sql {
    /** Advisory lock namespaces (first key of {@link #lock}): membership of the admin set, per-account login counters. */
    static final int LOCK_USERS = 1;
    static final int LOCK_LOGIN_ATTEMPTS = 2;

    private final DataSource dataSource;

    Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Work on a connection that may throw SQLException. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Maps the current row of a result set. */
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Every row of a query, mapped in order; {@code params} bind to the query's placeholders. */
    <T> List<T> list(String query, Row<T> row, Object... params) {
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(query)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<T> rows = new ArrayList<>();
                    while (rs.next()) {
                        rows.add(row.map(rs));
                    }
                    return rows;
                }
            }
        });
    }

    <T> T withConnection(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    <T> T inTransaction(Work<T> work) {
        return withConnection(c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    /** Takes a transaction-scoped PostgreSQL advisory lock: the guarantee holds across server processes. */
    static void lock(Connection c, int namespace, int key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
            ps.setInt(1, namespace);
            ps.setInt(2, key);
            ps.execute();
        }
    }
}
