package com.vrooli.telemetry.store.postgres;

import com.vrooli.telemetry.core.TimelineResolution;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Deletes what the aggregates no longer answer: timeline buckets past their width's window (reads
 * already leave them out, so this only frees space), and, with the events retention drops, the
 * buckets and deployments those events made. Thread-safe (stateless but for the caps).
 */
final class ActivityPruning {

    private static final String PAST_WINDOW = "DELETE FROM telemetry_timeline t USING (SELECT scenario,"
            + " max(bucket) AS newest FROM telemetry_timeline WHERE width = ? GROUP BY scenario) n"
            + " WHERE t.width = ? AND t.scenario = n.scenario AND t.bucket <= n.newest - ?";

    private final PgDatabase db;
    private final DeploymentCaps caps;
    private final ActivityFold fold;

    ActivityPruning(PgDatabase db, DeploymentCaps caps, ActivityFold fold) {
        this.db = db;
        this.caps = caps;
        this.fold = fold;
    }

    /** The periodic pass: buckets past their window, and the store-wide deployment cap (after a lower limit). */
    void prune() {
        db.transaction("prune timelines", c -> {
            // Under the fold's lock, the only writer of these rows; pending uploads first.
            fold.foldIn(c);
            for (TimelineResolution r : TimelineResolution.values()) {
                int width = TimelineWriter.width(r);
                try (PreparedStatement ps = c.prepareStatement(PAST_WINDOW)) {
                    ps.setInt(1, width);
                    ps.setInt(2, width);
                    ps.setLong(3, r.keptBuckets());
                    ps.executeUpdate();
                }
            }
            caps.enforceStoreCap(c);
            return null;
        });
    }

    /**
     * Takes out what events before {@code cutoff} (a UTC midnight) made, in retention's transaction:
     * buckets that end by the cutoff (every width divides a day, so they held only dropped events)
     * and deployments last seen before it. A deployment seen on both sides keeps its counts.
     */
    static void dropBefore(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM telemetry_timeline WHERE (bucket + 1) * width <= ?")) {
            ps.setLong(1, cutoff.getEpochSecond());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM telemetry_deployments WHERE last_seen < ?")) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            if (ps.executeUpdate() > 0) {
                try (Statement recount = c.createStatement()) {
                    recount.execute("DELETE FROM telemetry_deployment_counts");
                    recount.execute("INSERT INTO telemetry_deployment_counts SELECT scenario, count(*)"
                            + " FROM telemetry_deployments GROUP BY scenario");
                }
            }
        }
    }
}
