package com.vrooli.telemetry.store.postgres;

import com.vrooli.telemetry.core.TelemetryEvent;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An upload's share of the timeline as a {@code telemetry_timeline_pending} row (V8): how many
 * events of each type in each minute of each scenario, in the order their first events came. The
 * hour and day buckets are sums of minutes, so minutes are all an upload needs to write; the order
 * is what the per-bucket type cap needs at the fold. Not thread-safe.
 */
final class TimelineShare {

    /** One scenario's minute and event type. */
    private record Cell(String scenario, long minute, String event) {
    }

    private final Map<Cell, long[]> counts = new LinkedHashMap<>();

    TimelineShare(List<TelemetryEvent> stored) {
        for (TelemetryEvent e : stored) {
            Cell cell = new Cell(e.scenario(), Math.floorDiv(e.timestamp().getEpochSecond(), 60), e.event());
            counts.computeIfAbsent(cell, k -> new long[1])[0]++;
        }
    }

    /** Binds the four columns (scenarios, minutes, events, counts) from parameter {@code first}; returns the next one. */
    int bind(Connection c, PreparedStatement ps, int first) throws SQLException {
        SqlArrays rows = new SqlArrays(counts.size());
        counts.forEach((cell, n) -> rows.add(cell.scenario(), cell.minute(), cell.event(), n[0]));
        return rows.bind(c, ps, first, "text", "int8", "text", "int8");
    }

    /** Adds a pending row (columns {@code scenarios, minutes, events, counts}) to the fold's deltas. */
    static void addTo(Map<TimelineWriter.Key, TimelineWriter.Delta> deltas, ResultSet row) throws SQLException {
        String[] scenarios = (String[]) values(row.getArray("scenarios"));
        Long[] minutes = (Long[]) values(row.getArray("minutes"));
        String[] events = (String[]) values(row.getArray("events"));
        Long[] counts = (Long[]) values(row.getArray("counts"));
        for (int i = 0; i < scenarios.length; i++) {
            TimelineWriter.add(deltas, scenarios[i], minutes[i], events[i], counts[i]);
        }
    }

    private static Object values(Array a) throws SQLException {
        try {
            return a.getArray();
        } finally {
            a.free();
        }
    }
}
