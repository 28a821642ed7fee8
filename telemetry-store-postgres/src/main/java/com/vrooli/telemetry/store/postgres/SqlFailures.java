package com.vrooli.telemetry.store.postgres;

import com.vrooli.telemetry.core.StoreException;
import com.vrooli.telemetry.core.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Turns JDBC failures into the store's exceptions. Messages name what failed and the SQLSTATE,
 * never the driver's text: pgjdbc and Hikari messages may carry the host, the user or the URL,
 * and store messages reach logs.
 */
final class SqlFailures {

    private SqlFailures() {
    }

    /** True for failures that a later retry of the same transaction may not meet (deadlock, serialization). */
    static boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        return "40P01".equals(state) || "40001".equals(state);
    }

    /**
     * The exception for a failed operation: {@link StoreUnavailableException} when the database
     * cannot be reached or cannot take work now (connection, resources, shutdown, timeouts), a
     * plain {@link StoreException} otherwise.
     */
    static StoreException of(String operation, SQLException e) {
        String state = e.getSQLState() == null ? "none" : e.getSQLState();
        String message = operation + " failed (SQLSTATE " + state + ")";
        if (isUnavailable(e)) {
            return new StoreUnavailableException("database unavailable: " + message, e);
        }
        return new StoreException(message, e);
    }

    static boolean isUnavailable(SQLException e) {
        if (e instanceof SQLTransientConnectionException) {
            return true; // Hikari: no connection within the timeout
        }
        String state = e.getSQLState();
        if (state == null) {
            return true; // an I/O failure inside the driver
        }
        // 08 connection, 53 insufficient resources, 57 operator intervention (shutdown, cancel),
        // 58 system errors, 40 rollbacks that outlived our retries, 25006 a read-only replica.
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
                || state.startsWith("58") || state.startsWith("40") || state.equals("25006");
    }
}
