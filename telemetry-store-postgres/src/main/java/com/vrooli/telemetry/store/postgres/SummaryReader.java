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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads summaries from the aggregate tables, never from the events. Every change to a scenario's
 * summary takes a new {@code version} (schema V3), so this node keeps the summaries it read with
 * their versions and, for all summaries, reads one small row per scenario and then only the
 * summaries that changed: unchanged scenarios come back as the same instances, whose encoding the
 * server reuses. The reads share one repeatable-read snapshot, so a summary never mixes two
 * uploads' states.
 *
 * <p>The whole list is also kept with the {@link DatabaseState} it was read at. A request first
 * asks the database for its current state (one tiny query, no rows read); while no transaction
 * has committed since, on any node, the state is the same and the same list instance comes back,
 * whose encoded answer (plain and gzip) the server then reuses whole. Thread-safe.
 */
final class SummaryReader {

    private static final String VERSIONS = "SELECT scenario, version FROM telemetry_scenarios";
    private static final String TOTALS = "SELECT scenario, total_events, last_event, last_event_nanos, version"
            + " FROM telemetry_scenarios WHERE scenario = ANY (?)";
    private static final String FAILURES = "SELECT scenario, event, count, keyed FROM telemetry_failure_counts"
            + " WHERE scenario = ANY (?)";
    private static final String RECENT = "SELECT scenario, ts, ts_nanos, event, deployment_id, event_id, details_text"
            + " FROM telemetry_recent_failures WHERE scenario = ANY (?)";

    /** A summary and the version it was read at. */
    private record Cached(long version, ScenarioSummary summary) {
    }

    /** The whole list of summaries and the database state it was read at. */
    private record Snapshot(String state, List<ScenarioSummary> summaries) {
    }

    private final PgDatabase db;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private volatile Snapshot last;

    SummaryReader(PgDatabase db) {
        this.db = db;
    }

    /** Every scenario's summary in name order; the same list instance while nothing committed. */
    List<ScenarioSummary> all() {
        Snapshot known = last;
        if (known != null && known.state().equals(db.read("read the database state", DatabaseState::of))) {
            return known.summaries();
        }
        return db.transaction("read summaries", c -> {
            // The pool restores the default isolation when the connection comes back.
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            // The first statement fixes the transaction's snapshot: the state is exactly what the reads below see.
            String state = DatabaseState.of(c);
            Snapshot latest = last;
            if (latest != null && latest.state().equals(state)) {
                return latest.summaries();
            }
            List<ScenarioSummary> read = readAll(c);
            last = new Snapshot(state, read);
            return read;
        });
    }

    private List<ScenarioSummary> readAll(Connection c) throws SQLException {
        Map<String, Long> versions = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(VERSIONS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                versions.put(rs.getString(1), rs.getLong(2));
            }
        }
        Map<String, Cached> current = new HashMap<>();
        List<String> changed = new ArrayList<>();
        versions.forEach((name, version) -> {
            Cached known = cache.get(name);
            if (known == null || known.version() != version) {
                changed.add(name);
            } else {
                current.put(name, known);
            }
        });
        if (!changed.isEmpty()) {
            Map<String, Cached> fresh = read(c, changed);
            current.putAll(fresh);
            cache.putAll(fresh);
        }
        cache.keySet().retainAll(versions.keySet());
        List<ScenarioSummary> out = new ArrayList<>(versions.size());
        for (String name : versions.keySet()) {
            out.add(current.get(name).summary());
        }
        return List.copyOf(out);
    }

    Optional<ScenarioSummary> one(String scenario) {
        return db.transaction("read a summary", c -> {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            Cached found = read(c, List.of(scenario)).get(scenario);
            return Optional.ofNullable(found == null ? null : found.summary());
        });
    }

    private static Map<String, Cached> read(Connection c, List<String> scenarios) throws SQLException {
        String[] names = scenarios.toArray(new String[0]);
        Map<String, Long> totals = new HashMap<>();
        Map<String, Instant> last = new HashMap<>();
        Map<String, Long> versions = new HashMap<>();
        try (ResultSet rs = query(c, TOTALS, names)) {
            while (rs.next()) {
                String name = rs.getString(1);
                totals.put(name, rs.getLong(2));
                last.put(name, PgTimes.read(rs, "last_event", "last_event_nanos"));
                versions.put(name, rs.getLong(5));
            }
        }
        Map<String, Map<String, Long>> failures = new HashMap<>();
        Map<String, Long> other = new HashMap<>();
        try (ResultSet rs = query(c, FAILURES, names)) {
            while (rs.next()) {
                if (rs.getBoolean(4)) {
                    failures.computeIfAbsent(rs.getString(1), s -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
                } else {
                    other.merge(rs.getString(1), rs.getLong(3), Long::sum);
                }
            }
        }
        Map<String, List<FailureEntry>> recent = new HashMap<>();
        try (ResultSet rs = query(c, RECENT, names)) {
            while (rs.next()) {
                recent.computeIfAbsent(rs.getString(1), s -> new ArrayList<>()).add(SummaryWriter.entry(rs));
            }
        }
        Map<String, Cached> out = new HashMap<>();
        for (Map.Entry<String, Long> t : totals.entrySet()) {
            String name = t.getKey();
            List<FailureEntry> list = recent.getOrDefault(name, new ArrayList<>());
            list.sort(FailureEntry.NEWEST_FIRST);
            out.put(name, new Cached(versions.get(name), new ScenarioSummary(name, t.getValue(), last.get(name),
                    failures.getOrDefault(name, Map.of()), list, other.getOrDefault(name, 0L))));
        }
        return out;
    }

    private static ResultSet query(Connection c, String sql, String[] scenarios) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.closeOnCompletion();
        ps.setArray(1, c.createArrayOf("text", scenarios));
        return ps.executeQuery();
    }
}
