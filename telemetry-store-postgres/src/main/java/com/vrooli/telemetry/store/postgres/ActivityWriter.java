package com.vrooli.telemetry.store.postgres;

import com.vrooli.telemetry.core.TelemetryEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Records an upload's share of the dashboard's aggregates (schema V8): one pending timeline row and,
 * when events name deployments, one pending deployments row, appended in one statement in the
 * upload's transaction, right after {@link SummaryWriter}. Nothing here updates a row another upload
 * writes: {@link ActivityFold} merges pending rows into the live tables later. The upload number is
 * taken after the summary upsert locked the upload's scenarios, so for each scenario the numbers
 * follow the commit order, the order the fold applies. Thread-safe (stateless).
 */
final class ActivityWriter {

    private static final String SHARE = "WITH n AS (SELECT nextval('telemetry_activity_upload') AS upload),"
            + " t AS (INSERT INTO telemetry_timeline_pending (upload, scenarios, minutes, events, counts)"
            + " SELECT upload, ?::text[], ?::bigint[], ?::text[], ?::bigint[] FROM n)"
            + " INSERT INTO telemetry_deployment_pending (upload, scenarios, deployment_ids, first_seen,"
            + " first_seen_nanos, last_seen, last_seen_nanos, last_start, last_start_nanos, last_version,"
            + " last_platform, starts, crashes, failure_counts, last_failure, last_failure_nanos,"
            + " last_failure_event, last_failure_event_id, last_failure_details)"
            + " SELECT upload, " + DeploymentWriter.PENDING_VALUES
            + " FROM n WHERE ?";

    private ActivityWriter() {
    }

    /** Appends the share of {@code stored} (the events this upload stored, not the duplicates) in transaction {@code c}. */
    static void update(Connection c, List<TelemetryEvent> stored) throws SQLException {
        DeploymentWriter.Columns deployments = DeploymentWriter.share(stored);
        try (PreparedStatement ps = c.prepareStatement(SHARE)) {
            int next = new TimelineShare(stored).bind(c, ps, 1);
            next = deployments.bind(c, ps, next);
            ps.setBoolean(next, !deployments.isEmpty());
            ps.executeUpdate();
        }
    }
}
