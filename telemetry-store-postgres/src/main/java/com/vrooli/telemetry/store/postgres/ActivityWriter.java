package com.vrooli.telemetry.store.postgres;

import com.vrooli.telemetry.core.TelemetryEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Keeps the dashboard's aggregates (schema V5) live: adds an upload's stored events to the
 * timeline and the fleet view in the upload's transaction, right after {@link SummaryWriter}.
 * It relies on the summary upsert having locked the upload's scenarios (in name order), so the
 * rows of these scenarios are written by one upload at a time, on every node, and never deadlock.
 * Thread-safe.
 */
final class ActivityWriter {

    private final DeploymentCaps caps;

    ActivityWriter(DeploymentCaps caps) {
        this.caps = caps;
    }

    /** Adds {@code stored} (the events this upload stored, not the duplicates) in transaction {@code c}. */
    void update(Connection c, List<TelemetryEvent> stored) throws SQLException {
        TimelineWriter.update(c, stored);
        caps.apply(c, DeploymentWriter.update(c, stored));
    }
}
