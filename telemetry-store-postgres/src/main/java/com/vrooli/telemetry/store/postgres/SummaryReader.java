package com.vrooli.telemetry.store.postgres;

import com.vrooli.telemetry.core.FailureEntry;
import com.vrooli.telemetry.core.ScenarioSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads summaries from the aggregate tables: three index scans whose size grows with the number
 * of scenarios and failure types, never with the number of events. The three reads share one
 * repeatable-read snapshot, so a summary never mixes two uploads' states.
 */
final class SummaryReader {

    private static final String TOTALS = "SELECT scenario, total_events, last_event, last_event_nanos"
            + " FROM telemetry_scenarios";
    private static final String FAILURES = "SELECT scenario, event, count FROM telemetry_failure_counts";
    private static final String RECENT = "SELECT scenario, ts, ts_nanos, event, deployment_id, event_id, details_text"
            + " FROM telemetry_recent_failures";

    private final PgDatabase db;

    SummaryReader(PgDatabase db) {
        this.db = db;
    }

    List<ScenarioSummary> all() {
        return new ArrayList<>(read(null).values());
    }

    Optional<ScenarioSummary> one(String scenario) {
        return Optional.ofNullable(read(scenario).get(scenario));
    }

    /** Summaries by name, of one scenario or (when {@code scenario} is null) of all. */
    private Map<String, ScenarioSummary> read(String scenario) {
        return db.transaction("read summaries", c -> {
            // The pool restores the default isolation when the connection comes back.
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            return readIn(c, scenario);
        });
    }

    private static Map<String, ScenarioSummary> readIn(Connection c, String scenario) throws SQLException {
        String where = scenario == null ? "" : " WHERE scenario = ?";
        Map<String, Long> totals = new TreeMap<>();
        Map<String, Instant> last = new HashMap<>();
        try (ResultSet rs = query(c, TOTALS + where, scenario)) {
            while (rs.next()) {
                totals.put(rs.getString(1), rs.getLong(2));
                last.put(rs.getString(1), PgTimes.read(rs, "last_event", "last_event_nanos"));
            }
        }
        Map<String, Map<String, Long>> failures = new HashMap<>();
        try (ResultSet rs = query(c, FAILURES + where, scenario)) {
            while (rs.next()) {
                failures.computeIfAbsent(rs.getString(1), s -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
            }
        }
        Map<String, List<FailureEntry>> recent = new HashMap<>();
        try (ResultSet rs = query(c, RECENT + where, scenario)) {
            while (rs.next()) {
                recent.computeIfAbsent(rs.getString(1), s -> new ArrayList<>()).add(SummaryWriter.entry(rs));
            }
        }
        Map<String, ScenarioSummary> out = new TreeMap<>();
        for (Map.Entry<String, Long> t : totals.entrySet()) {
            String name = t.getKey();
            List<FailureEntry> list = recent.getOrDefault(name, new ArrayList<>());
            list.sort(FailureEntry.NEWEST_FIRST);
            out.put(name, new ScenarioSummary(name, t.getValue(), last.get(name),
                    failures.getOrDefault(name, Map.of()), list));
        }
        return out;
    }

    private static ResultSet query(Connection c, String sql, String scenario) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.closeOnCompletion();
        if (scenario != null) {
            ps.setString(1, scenario);
        }
        return ps.executeQuery();
    }
}
