package com.vrooli.telemetry.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows collected column by column, bound as one SQL array per column, so that a statement over
 * {@code unnest(?, ?, ...)} writes or matches any number of rows in one execution. Not thread-safe.
 */
final class SqlArrays {

    private final List<List<Object>> columns = new ArrayList<>();
    private final int expectedRows;

    SqlArrays(int expectedRows) {
        this.expectedRows = expectedRows;
    }

    /** Adds one row; every row must have the same number of values. */
    void add(Object... row) {
        while (columns.size() < row.length) {
            columns.add(new ArrayList<>(expectedRows));
        }
        for (int i = 0; i < row.length; i++) {
            columns.get(i).add(row[i]);
        }
    }

    /**
     * Binds the columns as arrays of the given element types to the parameters from {@code first}
     * (empty arrays when no row was added); returns the next parameter index.
     */
    int bind(Connection c, PreparedStatement ps, int first, String... types) throws SQLException {
        for (int i = 0; i < types.length; i++) {
            Object[] values = i < columns.size() ? columns.get(i).toArray() : new Object[0];
            ps.setArray(first + i, c.createArrayOf(types[i], values));
        }
        return first + types.length;
    }
}
