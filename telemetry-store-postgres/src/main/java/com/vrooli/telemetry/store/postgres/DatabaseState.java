package com.vrooli.telemetry.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A text that names what a read sees: {@code pg_current_snapshot()} (the first transaction not
 * yet started and those still running, with 64-bit ids) and the database server's start time.
 * Two reads with the same text see exactly the same committed transactions, whichever node
 * took them and in whatever order those transactions committed (a transaction committing
 * after a later one leaves the in-progress list, so the text changes); any commit changes it,
 * reads without writes do not. The start time covers what the snapshot cannot: a restart after
 * which ids may be handed out again (a commit lost with {@code synchronous_commit = off}, a
 * restored backup). Stateless.
 */
final class DatabaseState {

    private static final String SQL = "SELECT pg_current_snapshot()::text || '@'"
            + " || extract(epoch FROM pg_postmaster_start_time())::text";

    private DatabaseState() {
    }

    /**
     * The state {@code c} reads at: the snapshot of its current statement in auto-commit mode, or
     * the transaction's own snapshot when this is the first statement of a repeatable-read
     * transaction.
     */
    static String of(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
