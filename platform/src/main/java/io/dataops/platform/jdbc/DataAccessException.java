package io.dataops.platform.jdbc;

import java.sql.SQLException;

/**
 * A statement the database did not carry out, unchecked so a repository needs no try/catch per query. It keeps the
 * SQL state and vendor code for callers that tell a refused row from a failed database; its message holds neither
 * SQL text nor values, and the problem mapper answers it as a plain 500 (the cause is only logged).
 */
public final class DataAccessException extends RuntimeException {
    private final String sqlState;
    private final int vendorCode;

    public DataAccessException(SQLException cause) {
        super("The database did not carry out a statement (SQL state " + cause.getSQLState() + ", vendor code "
                + cause.getErrorCode() + ")", cause);
        this.sqlState = cause.getSQLState();
        this.vendorCode = cause.getErrorCode();
    }

    public String sqlState() {
        return sqlState;
    }

    public int vendorCode() {
        return vendorCode;
    }

    @Override
    public synchronized SQLException getCause() {
        return (SQLException) super.getCause();
    }
}
