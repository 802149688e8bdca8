package io.openluffy.api;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** SQL that tests run beside the server, on its own pool: setting up rows and counting them. */
final class Queries {
    private Queries() {
    }

    static void execute(DataSource ds, String statement) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    static long count(DataSource ds, String query) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
