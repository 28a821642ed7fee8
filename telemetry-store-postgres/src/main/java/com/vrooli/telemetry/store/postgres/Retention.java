package com.vrooli.telemetry.store.postgres;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Drops the events older than a cutoff and takes them out of the summaries in the same
 * transaction, so summaries count what is retained (as on the JSONL store). What leaves is
 * subtracted (per-partition aggregates, never a recount of what stays); the last event time is
 * looked up again only for scenarios whose last event left. Recent failures older than the
 * cutoff simply go: every failure not listed is older than every listed one, so none could move up.
 * Timeline buckets and deployments of the dropped days go too (see {@link ActivityPruning#dropBefore}).
 * Failures past the type cap have count rows of their own (unkeyed, summed as other_failures), so
 * the same per-type subtraction keeps other_failures exact too.
 *
 * <p>The events table is locked for the transaction (appends and reads wait, typically well under
 * a second for a day's partition): that keeps the subtracted figures exact, and taking the lock
 * the drop needs first means no deadlock with appends.
 */
final class Retention {

    private Retention() {
    }

    /** Drops {@code partitions} (whole days before the cutoff) and older default rows; returns how many were dropped. */
    static int apply(Connection c, LocalDate cutoff, List<String> partitions, ActivityFold fold) throws SQLException {
        Timestamp before = Timestamp.from(cutoff.atStartOfDay(ZoneOffset.UTC).toInstant());
        if (partitions.isEmpty() && !hasRowsBefore(c, before)) {
            // The usual hourly pass: nothing to drop, so no reason to lock the events table.
            update(c, "DELETE FROM telemetry_event_ids WHERE first_seen < ?", Date.valueOf(cutoff));
            return 0;
        }
        try (Statement st = c.createStatement()) {
            st.execute("LOCK TABLE telemetry_events IN ACCESS EXCLUSIVE MODE");
            for (String p : partitions) {
                subtract(c, p, null);
                st.execute("DROP TABLE " + p);
            }
        }
        subtract(c, "telemetry_events_default", before);
        update(c, "DELETE FROM telemetry_events_default WHERE ts < ?", before);
        update(c, "DELETE FROM telemetry_recent_failures WHERE ts < ?", before);
        update(c, "DELETE FROM telemetry_failure_counts WHERE count <= 0", null);
        update(c, "DELETE FROM telemetry_scenarios WHERE total_events <= 0", null);
        update(c, "UPDATE telemetry_scenarios s SET (last_event, last_event_nanos) = (SELECT e.ts, e.ts_nanos"
                + " FROM telemetry_events e WHERE e.scenario = s.scenario ORDER BY e.ts DESC, e.ts_nanos DESC LIMIT 1)"
                + " WHERE s.last_event < ?", before);
        update(c, "DELETE FROM telemetry_event_ids WHERE first_seen < ?", Date.valueOf(cutoff));
        // Last, so the fold's lock, which every timeline and deployments read asks for, is held
        // only to the commit. Uploads that wrote events before the cutoff have committed (the
        // table lock waited for them) and no upload can add a pending row until this commits: fold
        // their pending activity first, so that none of it comes back after the drop.
        fold.foldIn(c);
        ActivityPruning.dropBefore(c, before.toInstant());
        return partitions.size();
    }

    private static boolean hasRowsBefore(Connection c, Timestamp before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM telemetry_events_default WHERE ts < ? LIMIT 1")) {
            ps.setTimestamp(1, before);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Subtracts the events of {@code table} (those before {@code before}, when given) from the summaries. */
    private static void subtract(Connection c, String table, Timestamp before) throws SQLException {
        String where = before == null ? "" : " WHERE ts < ?";
        update(c, "UPDATE telemetry_scenarios s SET total_events = s.total_events - d.n,"
                + " version = nextval('telemetry_summary_version')"
                + " FROM (SELECT scenario,"
                + " count(*) AS n FROM " + table + where + " GROUP BY scenario) d WHERE s.scenario = d.scenario", before);
        update(c, "UPDATE telemetry_failure_counts f SET count = f.count - d.n FROM (SELECT scenario, event,"
                + " count(*) AS n FROM " + table + where + " GROUP BY scenario, event) d"
                + " WHERE f.scenario = d.scenario AND f.event = d.event", before);
    }

    private static void update(Connection c, String sql, Object arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setObject(1, arg);
            }
            ps.executeUpdate();
        }
    }
}
