package io.openluffy.api.db;

import java.sql.SQLException;

/** The database failed or is unreachable; mapped to 503 without exposing the driver's message. */
public class DatabaseException extends RuntimeException {
    public DatabaseException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /** PostgreSQL's SQLSTATE, e.g. 23505 for a unique violation. */
    public String sqlState() {
        return ((SQLException) getCause()).getSQLState();
    }
}
