package com.vrooli.telemetry.store.postgres;

import com.vrooli.telemetry.core.TelemetryEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The store-wide cap on distinct scenarios, across every node. An upload whose scenarios all
 * exist pays one indexed lookup; one that brings new scenarios takes a transaction-scoped advisory
 * lock, so uploads adding scenarios admit them one at a time and never pass the cap together,
 * then admits new scenarios in the order they first appear in the batch while there is room.
 * Thread-safe.
 */
final class ScenarioCap {

    private static final long LOCK_KEY = 0x7e1e_3e77_0002L;
    private static final String EXISTING = "SELECT scenario FROM telemetry_scenarios WHERE scenario = ANY (?)";

    private final int maxScenarios;
    private final LongAdder refused = new LongAdder();

    ScenarioCap(int maxScenarios) {
        this.maxScenarios = maxScenarios;
    }

    /** The per-event error for an event of a scenario refused by the cap. */
    String error(String scenario) {
        return "scenario '" + scenario + "' is new and this server already holds its limit of " + maxScenarios
                + " scenarios; events of existing scenarios are still stored";
    }

    /** New scenarios refused since the store opened. */
    long refused() {
        return refused.sum();
    }

    /** The batch's scenarios that must be refused, in the upload's transaction {@code c}. */
    Set<String> refusedIn(Connection c, List<TelemetryEvent> events) throws SQLException {
        Set<String> names = new LinkedHashSet<>();
        for (TelemetryEvent e : events) {
            names.add(e.scenario());
        }
        if (fresh(c, names).isEmpty()) {
            return Set.of();
        }
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            lock.execute();
        }
        List<String> fresh = fresh(c, names); // again: a concurrent upload may have added some meanwhile
        long held;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM telemetry_scenarios");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            held = rs.getLong(1);
        }
        Set<String> out = new HashSet<>();
        for (int i = (int) Math.max(0, Math.min(fresh.size(), maxScenarios - held)); i < fresh.size(); i++) {
            out.add(fresh.get(i));
        }
        refused.add(out.size());
        return out;
    }

    /** Those of {@code names} that are not stored yet, in their order. */
    private static List<String> fresh(Connection c, Set<String> names) throws SQLException {
        Set<String> existing = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(EXISTING)) {
            ps.setArray(1, c.createArrayOf("text", names.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    existing.add(rs.getString(1));
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (!existing.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }
}
