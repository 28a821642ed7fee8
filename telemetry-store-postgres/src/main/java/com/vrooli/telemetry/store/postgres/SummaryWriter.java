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
 * Upserts the summaries of the events an upload stores, in the upload's transaction, in at most
 * two round trips before the commit: the first locks the scenarios' totals rows (upserting them, in
 * name order, so uploads touching the same scenarios serialise on those rows and never deadlock)
 * and, in statements that run after the locks are held and so see the previous holder's commit,
 * reads what the failure cap and the recent-failure lists need; the second writes the failure
 * counts and the changed recent-failure lists in one statement. The totals rows stay locked until
 * the commit, so the fewer round trips here, the less concurrent uploads of a scenario wait. The
 * recent-failure list is merged in Java with the same {@link SummaryAggregator} the other stores
 * use, so its order and ties are theirs exactly.
 */
final class SummaryWriter {

    private static final String UPSERT_TOTALS = "INSERT INTO telemetry_scenarios AS t"
            + " (scenario, total_events, last_event, last_event_nanos)"
            + " SELECT s, n, l::timestamptz, ln FROM unnest(?::text[], ?::bigint[], ?::text[], ?::smallint[])"
            + " AS u(s, n, l, ln) ORDER BY s"
            + " ON CONFLICT (scenario) DO UPDATE SET total_events = t.total_events + excluded.total_events,"
            + " version = nextval('telemetry_summary_version'),"
            + " last_event = CASE WHEN (excluded.last_event, excluded.last_event_nanos)"
            + " > (t.last_event, t.last_event_nanos) THEN excluded.last_event ELSE t.last_event END,"
            + " last_event_nanos = CASE WHEN (excluded.last_event, excluded.last_event_nanos)"
            + " > (t.last_event, t.last_event_nanos) THEN excluded.last_event_nanos ELSE t.last_event_nanos END";
    /** Sent in the same round trip as the upsert, each statement with its own snapshot, taken after the locks. */
    private static final String READ_FAILURE_STATE = ";"
            + " SELECT scenario, count(*) FROM telemetry_failure_counts WHERE scenario = ANY (?::text[]) AND keyed"
            + " GROUP BY scenario;"
            + " SELECT f.scenario, f.event FROM telemetry_failure_counts f"
            + " JOIN unnest(?::text[], ?::text[]) AS u(s, e) ON f.scenario = u.s AND f.event = u.e;"
            + " SELECT scenario, ts, ts_nanos, event, deployment_id, event_id, details_text"
            + " FROM telemetry_recent_failures WHERE scenario = ANY (?::text[])";
    private static final String WRITE_FAILURES = "WITH counts AS ("
            + "INSERT INTO telemetry_failure_counts AS f (scenario, event, count, keyed)"
            + " SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[], ?::boolean[]) ORDER BY 1, 2"
            + " ON CONFLICT (scenario, event) DO UPDATE SET count = f.count + excluded.count),"
            + " gone AS (DELETE FROM telemetry_recent_failures WHERE scenario = ANY (?::text[]))"
            + " INSERT INTO telemetry_recent_failures"
            + " (scenario, ts, ts_nanos, event, deployment_id, event_id, details_text)"
            + " SELECT s, t::timestamptz, n, e, d, i, x"
            + " FROM unnest(?::text[], ?::text[], ?::smallint[], ?::text[], ?::text[], ?::text[], ?::text[])"
            + " AS u(s, t, n, e, d, i, x)";

    /** What one upload adds to one scenario. */
    private static final class Delta {
        long events;
        Instant latest;
        // In order of first appearance: the first new types of an upload are the ones that get a key.
        final Map<String, Long> failureCounts = new LinkedHashMap<>();
        final List<TelemetryEvent> failures = new ArrayList<>();
    }

    /** What the first round trip read about the failing scenarios, under their locks. */
    private record FailureState(Map<String, Long> keyedCounts, Map<String, Set<String>> knownTypes,
                                Map<String, List<FailureEntry>> recent) {
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
        Map<String, Delta> failing = new TreeMap<>();
        deltas.forEach((s, d) -> {
            if (!d.failures.isEmpty()) {
                failing.put(s, d);
            }
        });
        FailureState state = lockTotalsAndRead(c, deltas, failing);
        if (state != null) {
            writeFailures(c, failing, state, maxFailureTypes);
        }
    }

    /** Round trip 1: the totals upsert, then (when the upload has failures) what the failure writes need. */
    private static FailureState lockTotalsAndRead(Connection c, Map<String, Delta> deltas, Map<String, Delta> failing)
            throws SQLException {
        SqlArrays totals = new SqlArrays(deltas.size());
        deltas.forEach((s, d) -> totals.add(s, d.events, PgTimes.micros(d.latest).toString(),
                PgTimes.subMicroNanos(d.latest)));
        if (failing.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(UPSERT_TOTALS)) {
                totals.bind(c, ps, 1, "text", "int8", "text", "int2");
                ps.executeUpdate();
            }
            return null;
        }
        SqlArrays types = new SqlArrays(16);
        failing.forEach((s, d) -> d.failureCounts.keySet().forEach(t -> types.add(s, t)));
        String[] names = failing.keySet().toArray(String[]::new);
        try (PreparedStatement ps = c.prepareStatement(UPSERT_TOTALS + READ_FAILURE_STATE)) {
            int next = totals.bind(c, ps, 1, "text", "int8", "text", "int2");
            ps.setArray(next++, c.createArrayOf("text", names));
            next = types.bind(c, ps, next, "text", "text");
            ps.setArray(next, c.createArrayOf("text", names));
            ps.execute();
            FailureState state = new FailureState(new HashMap<>(), new HashMap<>(), new HashMap<>());
            nextResult(ps);
            try (ResultSet rs = ps.getResultSet()) {
                while (rs.next()) {
                    state.keyedCounts().put(rs.getString(1), rs.getLong(2));
                }
            }
            nextResult(ps);
            try (ResultSet rs = ps.getResultSet()) {
                while (rs.next()) {
                    state.knownTypes().computeIfAbsent(rs.getString(1), s -> new HashSet<>())
                            .add(rs.getString(2));
                }
            }
            nextResult(ps);
            try (ResultSet rs = ps.getResultSet()) {
                while (rs.next()) {
                    state.recent().computeIfAbsent(rs.getString(1), s -> new ArrayList<>()).add(entry(rs));
                }
            }
            return state;
        }
    }

    private static void nextResult(PreparedStatement ps) throws SQLException {
        if (!ps.getMoreResults()) {
            throw new SQLException("expected a result set from the summary read", "XX000");
        }
    }

    /** Round trip 2: the failure counts (keyed as the cap decides) and the recent-failure lists that changed. */
    private static void writeFailures(Connection c, Map<String, Delta> failing, FailureState state,
                                      int maxFailureTypes) throws SQLException {
        SqlArrays counts = new SqlArrays(16);
        SqlArrays recentRows = new SqlArrays(16);
        List<String> replaced = new ArrayList<>();
        for (Map.Entry<String, Delta> f : failing.entrySet()) {
            String scenario = f.getKey();
            long keyedNow = state.keyedCounts().getOrDefault(scenario, 0L);
            Set<String> known = state.knownTypes().getOrDefault(scenario, Set.of());
            for (Map.Entry<String, Long> type : f.getValue().failureCounts.entrySet()) {
                // A known row keeps the keyed flag it has (the upsert leaves it alone).
                boolean key = !known.contains(type.getKey()) && keyedNow < maxFailureTypes;
                if (key) {
                    keyedNow++;
                }
                counts.add(scenario, type.getKey(), type.getValue(), key);
            }
            List<FailureEntry> before = state.recent().getOrDefault(scenario, new ArrayList<>());
            before.sort(FailureEntry.NEWEST_FIRST);
            List<FailureEntry> after = merged(scenario, before, f.getValue().failures);
            if (!after.equals(before)) {
                replaced.add(scenario);
                for (FailureEntry e : after) {
                    recentRows.add(scenario, PgTimes.micros(e.timestamp()).toString(),
                            PgTimes.subMicroNanos(e.timestamp()), e.event(), e.deploymentId(), e.eventId(),
                            e.details() == null ? null : e.details().json());
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(WRITE_FAILURES)) {
            int next = counts.bind(c, ps, 1, "text", "text", "int8", "bool");
            ps.setArray(next++, c.createArrayOf("text", replaced.toArray()));
            recentRows.bind(c, ps, next, "text", "text", "int2", "text", "text", "text", "text");
            ps.executeUpdate();
        }
    }

    private static List<FailureEntry> merged(String scenario, List<FailureEntry> before, List<TelemetryEvent> failures) {
        SummaryAggregator merged = SummaryAggregator.resume(new ScenarioSummary(scenario, 0, null, Map.of(), before));
        for (TelemetryEvent e : failures) {
            merged.add(e);
        }
        return merged.snapshot().recentFailures();
    }

    static FailureEntry entry(ResultSet rs) throws SQLException {
        String details = rs.getString("details_text");
        return new FailureEntry(PgTimes.read(rs, "ts", "ts_nanos"), rs.getString("event"),
                rs.getString("deployment_id"), rs.getString("event_id"), details == null ? null : Details.parse(details));
    }
}
