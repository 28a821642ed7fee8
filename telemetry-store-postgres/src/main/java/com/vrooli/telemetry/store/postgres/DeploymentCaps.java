package com.vrooli.telemetry.store.postgres;

import com.vrooli.telemetry.core.DeploymentAggregator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The two bounds of the fleet view: {@link DeploymentAggregator#MAX_DEPLOYMENTS} rows per scenario
 * and {@code maxDeployments} across the store (see {@code StoreLimits}). When rows pass a cap, the
 * deployments silent the longest (oldest {@code last_seen}, ties by id) are deleted, at least 1% of
 * the cap at a time as the aggregator does, so a stream of new deployments costs one sort per
 * hundred. Runs in the fold's transaction after {@link DeploymentWriter} ({@link ActivityFold}),
 * which holds the fold's lock: no other fold writes these rows meanwhile, and retention and the
 * maintenance pass, the only other writers, take the same lock. The store-wide eviction still takes
 * rows with {@code SKIP LOCKED}: under that lock nothing else holds them, so it changes nothing but
 * guards a writer added later.
 */
final class DeploymentCaps {

    private static final String ADD_COUNTS = "INSERT INTO telemetry_deployment_counts AS c (scenario, deployments)"
            + " SELECT * FROM unnest(?::text[], ?::bigint[]) ORDER BY 1 ON CONFLICT (scenario)"
            + " DO UPDATE SET deployments = c.deployments + excluded.deployments RETURNING scenario, deployments";
    private static final String TOTAL = "SELECT coalesce(sum(deployments), 0) FROM telemetry_deployment_counts";
    private static final String EVICT_IN_SCENARIO = "WITH gone AS (DELETE FROM telemetry_deployments WHERE"
            + " (scenario, deployment_id) IN (SELECT scenario, deployment_id FROM telemetry_deployments"
            + " WHERE scenario = ? ORDER BY last_seen, last_seen_nanos, deployment_id COLLATE \"C\" LIMIT ?)"
            + " RETURNING scenario) SELECT scenario, count(*) FROM gone GROUP BY scenario";
    // Count rows first, then deployment rows, both SKIP LOCKED (see the class comment).
    private static final String EVICT_IN_STORE = "WITH free AS (SELECT scenario FROM telemetry_deployment_counts"
            + " ORDER BY scenario FOR UPDATE SKIP LOCKED), oldest AS (SELECT d.scenario, d.deployment_id"
            + " FROM telemetry_deployments d JOIN free USING (scenario)"
            + " ORDER BY d.last_seen, d.last_seen_nanos, d.scenario COLLATE \"C\", d.deployment_id COLLATE \"C\""
            + " LIMIT ? FOR UPDATE OF d SKIP LOCKED), gone AS (DELETE FROM telemetry_deployments t USING oldest o"
            + " WHERE t.scenario = o.scenario AND t.deployment_id = o.deployment_id RETURNING t.scenario)"
            + " SELECT scenario, count(*) FROM gone GROUP BY scenario";
    private static final String SUBTRACT = "UPDATE telemetry_deployment_counts SET deployments = deployments - ?"
            + " WHERE scenario = ?";

    private final int perScenario;
    private final int inStore;

    DeploymentCaps(int perScenario, int inStore) {
        this.perScenario = perScenario;
        this.inStore = inStore;
    }

    int perScenario() {
        return perScenario;
    }

    int inStore() {
        return inStore;
    }

    /** Counts the rows {@link DeploymentWriter} inserted and evicts past either cap. */
    void apply(Connection c, Map<String, Long> inserted) throws SQLException {
        if (inserted.isEmpty()) {
            return;
        }
        Map<String, Long> over = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(ADD_COUNTS)) {
            ps.setArray(1, c.createArrayOf("text", inserted.keySet().toArray()));
            ps.setArray(2, c.createArrayOf("int8", inserted.values().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(2) > perScenario) {
                        over.put(rs.getString(1), rs.getLong(2) - perScenario);
                    }
                }
            }
        }
        for (Map.Entry<String, Long> o : over.entrySet()) {
            try (PreparedStatement ps = c.prepareStatement(EVICT_IN_SCENARIO)) {
                ps.setString(1, o.getKey());
                ps.setLong(2, Math.max(o.getValue(), step(perScenario)));
                subtract(c, ps);
            }
        }
        enforceStoreCap(c);
    }

    /** Evicts across the store while it holds more than {@code inStore} rows; also run by the maintenance. */
    void enforceStoreCap(Connection c) throws SQLException {
        long total;
        try (PreparedStatement ps = c.prepareStatement(TOTAL); ResultSet rs = ps.executeQuery()) {
            rs.next();
            total = rs.getLong(1);
        }
        if (total <= inStore) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(EVICT_IN_STORE)) {
            ps.setLong(1, Math.max(total - inStore, step(inStore)));
            subtract(c, ps);
        }
    }

    private static long step(int cap) {
        return Math.max(1, cap / 100L);
    }

    private static void subtract(Connection c, PreparedStatement evict) throws SQLException {
        try (ResultSet rs = evict.executeQuery(); PreparedStatement sub = c.prepareStatement(SUBTRACT)) {
            while (rs.next()) {
                sub.setLong(1, rs.getLong(2));
                sub.setString(2, rs.getString(1));
                sub.addBatch();
            }
            sub.executeBatch();
        }
    }
}
