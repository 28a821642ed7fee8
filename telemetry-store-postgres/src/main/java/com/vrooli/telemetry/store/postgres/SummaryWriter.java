package com.vrooli.telemetry.store.postgres;

import com.vrooli.telemetry.core.Details;
import com.vrooli.telemetry.core.FailureEntry;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.SummaryAggregator;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Upserts the summaries of the events an upload stores, in the upload's transaction. Scenarios are
 * locked in name order (the totals row first), so uploads touching the same scenarios serialise
 * on those rows and never deadlock. The recent-failure list is merged in Java with the same
 * {@link SummaryAggregator} the other stores use, so its order and ties are theirs exactly.
 */
final class SummaryWriter {

    private static final String UPSERT_TOTALS = "INSERT INTO telemetry_scenarios AS t"
            + " (scenario, total_events, last_event, last_event_nanos) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (scenario) DO UPDATE SET total_events = t.total_events + excluded.total_events,"
            + " version = nextval('telemetry_summary_version'),"
            + " last_event = CASE WHEN (excluded.last_event, excluded.last_event_nanos)"
            + " > (t.last_event, t.last_event_nanos) THEN excluded.last_event ELSE t.last_event END,"
            + " last_event_nanos = CASE WHEN (excluded.last_event, excluded.last_event_nanos)"
            + " > (t.last_event, t.last_event_nanos) THEN excluded.last_event_nanos ELSE t.last_event_nanos END";
    private static final String UPSERT_FAILURES = "INSERT INTO telemetry_failure_counts AS f (scenario, event, count, keyed)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (scenario, event) DO UPDATE SET count = f.count + excluded.count";
    private static final String KEYED_COUNT = "SELECT count(*) FROM telemetry_failure_counts WHERE scenario = ? AND keyed";
    private static final String KNOWN_TYPES = "SELECT event FROM telemetry_failure_counts WHERE scenario = ? AND event = ANY(?)";
    private static final String SELECT_RECENT = "SELECT ts, ts_nanos, event, deployment_id, event_id, details_text"
            + " FROM telemetry_recent_failures WHERE scenario = ?";
    private static final String DELETE_RECENT = "DELETE FROM telemetry_recent_failures WHERE scenario = ?";
    private static final String INSERT_RECENT = "INSERT INTO telemetry_recent_failures"
            + " (scenario, ts, ts_nanos, event, deployment_id, event_id, details_text) VALUES (?, ?, ?, ?, ?, ?, ?)";

    /** What one upload adds to one scenario. */
    private static final class Delta {
        long events;
        Instant latest;
        // In order of first appearance: the first new types of an upload are the ones that get a key.
        final Map<String, Long> failureCounts = new LinkedHashMap<>();
        final Map<String, Boolean> keyed = new HashMap<>();
        final List<TelemetryEvent> failures = new ArrayList<>();
    }

    private SummaryWriter() {
    }

    /**
     * Adds {@code stored} to the summaries; failure types beyond {@code maxFailureTypes} per
     * scenario are counted in unkeyed rows (the summary's other_failures), as SummaryAggregator does.
     */
    static void update(Connection c, List<TelemetryEvent> stored, int maxFailureTypes) throws SQLException {
        Map<String, Delta> deltas = new TreeMap<>();
        for (TelemetryEvent e : stored) {
            Delta d = deltas.computeIfAbsent(e.scenario(), s -> new Delta());
            d.events++;
            if (d.latest == null || e.timestamp().isAfter(d.latest)) {
                d.latest = e.timestamp();
            }
            if (e.isFailure()) {
                d.failureCounts.merge(e.event(), 1L, Long::sum);
                d.failures.add(e);
            }
        }
        upsertTotals(c, deltas);
        for (Map.Entry<String, Delta> d : deltas.entrySet()) {
            if (!d.getValue().failureCounts.isEmpty()) {
                assignKeys(c, d.getKey(), d.getValue(), maxFailureTypes);
            }
        }
        upsertFailureCounts(c, deltas);
        for (Map.Entry<String, Delta> d : deltas.entrySet()) {
            if (!d.getValue().failures.isEmpty()) {
                mergeRecent(c, d.getKey(), d.getValue().failures);
            }
        }
    }

    private static void upsertTotals(Connection c, Map<String, Delta> deltas) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT_TOTALS)) {
            for (Map.Entry<String, Delta> d : deltas.entrySet()) {
                ps.setString(1, d.getKey());
                ps.setLong(2, d.getValue().events);
                ps.setTimestamp(3, PgTimes.timestamp(d.getValue().latest));
                ps.setShort(4, PgTimes.subMicroNanos(d.getValue().latest));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Decides which new types of the upload get a key; the scenario's totals row is locked, so this cannot race. */
    private static void assignKeys(Connection c, String scenario, Delta d, int maxFailureTypes) throws SQLException {
        long keyedNow;
        try (PreparedStatement ps = c.prepareStatement(KEYED_COUNT)) {
            ps.setString(1, scenario);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                keyedNow = rs.getLong(1);
            }
        }
        Set<String> known = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(KNOWN_TYPES)) {
            ps.setString(1, scenario);
            ps.setArray(2, c.createArrayOf("text", d.failureCounts.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    known.add(rs.getString(1));
                }
            }
        }
        for (String type : d.failureCounts.keySet()) {
            // A known row keeps the keyed flag it has (the upsert leaves it alone).
            boolean key = !known.contains(type) && keyedNow < maxFailureTypes;
            if (key) {
                keyedNow++;
            }
            d.keyed.put(type, key);
        }
    }

    private static void upsertFailureCounts(Connection c, Map<String, Delta> deltas) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT_FAILURES)) {
            int rows = 0;
            for (Map.Entry<String, Delta> d : deltas.entrySet()) {
                for (Map.Entry<String, Long> f : d.getValue().failureCounts.entrySet()) {
                    ps.setString(1, d.getKey());
                    ps.setString(2, f.getKey());
                    ps.setLong(3, f.getValue());
                    ps.setBoolean(4, d.getValue().keyed.get(f.getKey()));
                    ps.addBatch();
                    rows++;
                }
            }
            if (rows > 0) {
                ps.executeBatch();
            }
        }
    }

    /** Replaces the scenario's recent failures when this upload changes them (its totals row is locked). */
    private static void mergeRecent(Connection c, String scenario, List<TelemetryEvent> failures) throws SQLException {
        List<FailureEntry> before = readRecent(c, scenario);
        SummaryAggregator merged = SummaryAggregator.resume(new ScenarioSummary(scenario, 0, null, Map.of(), before));
        for (TelemetryEvent e : failures) {
            merged.add(e);
        }
        List<FailureEntry> after = merged.snapshot().recentFailures();
        if (after.equals(before)) {
            return;
        }
        try (PreparedStatement delete = c.prepareStatement(DELETE_RECENT)) {
            delete.setString(1, scenario);
            delete.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_RECENT)) {
            for (FailureEntry f : after) {
                ps.setString(1, scenario);
                ps.setTimestamp(2, PgTimes.timestamp(f.timestamp()));
                ps.setShort(3, PgTimes.subMicroNanos(f.timestamp()));
                ps.setString(4, f.event());
                ps.setString(5, f.deploymentId());
                ps.setString(6, f.eventId());
                ps.setString(7, f.details() == null ? null : f.details().json());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The stored recent failures, newest first. */
    static List<FailureEntry> readRecent(Connection c, String scenario) throws SQLException {
        List<FailureEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_RECENT)) {
            ps.setString(1, scenario);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(entry(rs));
                }
            }
        }
        out.sort(FailureEntry.NEWEST_FIRST);
        return out;
    }

    static FailureEntry entry(ResultSet rs) throws SQLException {
        String details = rs.getString("details_text");
        return new FailureEntry(PgTimes.read(rs, "ts", "ts_nanos"), rs.getString("event"),
                rs.getString("deployment_id"), rs.getString("event_id"), details == null ? null : Details.parse(details));
    }
}
