package com.vrooli.telemetry.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merges the pending activity rows uploads appended (V8, {@link ActivityWriter}) into the live
 * timeline and deployment tables and deletes them, in one transaction: a pending row is applied
 * exactly once, whichever node folds, and a crash in between leaves it pending. One fold at a time
 * across every node (a transaction-scoped advisory lock), so the fold is the only writer of the
 * live rows and decides the type caps and deployment caps without a race.
 *
 * <p>Runs before every timeline and deployments read (so a read after an acknowledged upload sees
 * it, on any node), every second in the background (so pending rows stay few), and in retention's
 * transaction before it deletes the dropped days' activity. Uploads are applied in upload order:
 * the timeline's deltas of all pending uploads merge into one upsert (sums, and types in the order
 * they arrived, which is what the per-bucket cap needs); deployments merge into one upsert too
 * unless a cap could bind ({@link MergedDeploymentFold}), and then take one upsert per upload, the
 * caps evicting after each as before.
 * Thread-safe.
 */
final class ActivityFold {

    /** The advisory lock key of the fold ("tl-fold"). */
    private static final long LOCK = 0x746c2d666f6c64L;
    private static final String TIMELINE = "SELECT upload, scenarios, minutes, events, counts"
            + " FROM telemetry_timeline_pending ORDER BY upload";
    private static final String DEPLOYMENTS = "SELECT upload FROM telemetry_deployment_pending ORDER BY upload";

    private final PgDatabase db;
    private final DeploymentCaps caps;

    ActivityFold(PgDatabase db, DeploymentCaps caps) {
        this.db = db;
        this.caps = caps;
    }

    /** Folds in a transaction of its own; waits for a fold running on another connection or node. */
    void fold() {
        db.transaction("fold activity", c -> {
            foldIn(c);
            return null;
        });
    }

    /** Folds in transaction {@code c}, which then holds the fold's lock until it ends. */
    void foldIn(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, LOCK);
            ps.execute();
        }
        Map<TimelineWriter.Key, TimelineWriter.Delta> deltas = new LinkedHashMap<>();
        List<Long> uploads = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(TIMELINE); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                uploads.add(rs.getLong(1));
                TimelineShare.addTo(deltas, rs);
            }
        }
        if (!uploads.isEmpty()) {
            TimelineWriter.apply(c, deltas);
            delete(c, "telemetry_timeline_pending", uploads);
        }
        uploads.clear();
        try (PreparedStatement ps = c.prepareStatement(DEPLOYMENTS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                uploads.add(rs.getLong(1));
            }
        }
        Optional<Map<String, Long>> merged = uploads.size() > 1
                ? MergedDeploymentFold.foldIfExact(c, uploads, caps.perScenario(), caps.inStore())
                : Optional.empty();
        if (merged.isPresent()) {
            caps.apply(c, merged.get());
        } else {
            for (long upload : uploads) {
                caps.apply(c, DeploymentWriter.fold(c, upload));
            }
        }
        if (!uploads.isEmpty()) {
            delete(c, "telemetry_deployment_pending", uploads);
        }
    }

    /** Deletes the rows folded: exactly those read, not rows committed since. */
    private static void delete(Connection c, String table, List<Long> uploads) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE upload = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("int8", uploads.toArray()));
            ps.executeUpdate();
        }
    }
}
