package com.vrooli.telemetry.store.postgres;

import com.vrooli.telemetry.core.Details;
import com.vrooli.telemetry.core.DeploymentState;
import com.vrooli.telemetry.core.EventCatalogue;
import com.vrooli.telemetry.core.FailureEntry;
import com.vrooli.telemetry.core.Timeline;
import com.vrooli.telemetry.core.TimelineAggregator;
import com.vrooli.telemetry.core.TimelineBucket;
import com.vrooli.telemetry.core.TimelineQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Answers timeline and deployments from the V5 tables, never from the events, after folding the
 * uploads pending there ({@link ActivityFold}: so the answer counts every upload acknowledged
 * before the read began, on any node, unless another fold held the fold's lock for over a second,
 * when it counts what was folded by then): a timeline reads
 * the header and failure rows of the buckets asked for (an index range), the fleet view the
 * scenario's deployment rows. Buckets older than a width's window, counted back from the
 * scenario's newest bucket, are left out here, so the answer does not wait for the maintenance
 * to delete them. Both reads run in one repeatable-read transaction, so an answer never mixes two
 * uploads. Status is not stored: callers compute it at read time with
 * {@link DeploymentState#status}. Thread-safe.
 */
final class ActivityReader {

    private static final String EXISTS = "SELECT 1 FROM telemetry_scenarios WHERE scenario = ?";
    private static final String BUCKETS = "SELECT bucket, event, count, failures FROM telemetry_timeline"
            + " WHERE scenario = ? AND width = ? AND bucket >= ? AND bucket < ?"
            + " AND bucket > (SELECT max(bucket) FROM telemetry_timeline WHERE scenario = ? AND width = ?) - ?"
            + " AND %s ORDER BY bucket";
    private static final String DEPLOYMENTS = "SELECT * FROM telemetry_deployments WHERE scenario = ?";
    private static final Comparator<DeploymentState> RECENT_FIRST = Comparator
            .comparing(DeploymentState::lastSeen, Comparator.reverseOrder())
            .thenComparing(DeploymentState::deploymentId);

    private static final Logger LOG = Logger.getLogger(ActivityReader.class.getName());

    private final PgDatabase db;
    private final ActivityFold fold;

    ActivityReader(PgDatabase db, ActivityFold fold) {
        this.db = db;
        this.fold = fold;
    }

    private void foldFirst() {
        if (!fold.foldBeforeRead()) {
            LOG.fine("another fold held the lock: answering from the activity folded so far");
        }
    }

    Optional<Timeline> timeline(TimelineQuery q) {
        foldFirst();
        return db.transaction("read a timeline", c -> {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            if (!exists(c, q.scenario())) {
                return Optional.empty();
            }
            String only = q.eventType();
            if (only != null && (only.equals(TimelineWriter.HEADER) || only.equals(TimelineAggregator.OTHER))) {
                return Optional.of(new Timeline(q.scenario(), q.resolution(), List.of()));
            }
            return Optional.of(new Timeline(q.scenario(), q.resolution(), buckets(c, q)));
        });
    }

    private static List<TimelineBucket> buckets(Connection c, TimelineQuery q) throws SQLException {
        int width = TimelineWriter.width(q.resolution());
        String only = q.eventType();
        String sql = String.format(BUCKETS, only == null ? "(event = '' OR failures > 0)" : "event = ?");
        List<TimelineBucket> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, q.scenario());
            ps.setInt(2, width);
            ps.setLong(3, q.since() == null ? Long.MIN_VALUE : firstIndexFrom(q.since(), width));
            ps.setLong(4, q.until() == null ? Long.MAX_VALUE : firstIndexFrom(q.until(), width));
            ps.setString(5, q.scenario());
            ps.setInt(6, width);
            ps.setLong(7, q.resolution().keptBuckets());
            if (only != null) {
                ps.setString(8, only);
            }
            try (ResultSet rs = ps.executeQuery()) {
                Instant start = null;
                long events = 0;
                long failures = 0;
                Map<String, Long> byType = new HashMap<>();
                while (rs.next()) {
                    Instant at = Instant.ofEpochSecond(rs.getLong(1) * width);
                    if (!at.equals(start)) {
                        add(out, start, events, failures, byType);
                        start = at;
                        events = 0;
                        failures = 0;
                        byType = new HashMap<>();
                    }
                    String event = rs.getString(2);
                    long count = rs.getLong(3);
                    if (only != null) {
                        events = count;
                        failures = EventCatalogue.isFailure(only) ? count : 0;
                        if (failures > 0) {
                            byType.put(only, failures);
                        }
                    } else if (event.equals(TimelineWriter.HEADER)) {
                        events = count;
                        failures = rs.getLong(4);
                    } else {
                        byType.put(event, rs.getLong(4));
                    }
                }
                add(out, start, events, failures, byType);
            }
        }
        return out;
    }

    /** The first bucket index whose start is at or after {@code t} (whole seconds, as the aggregator). */
    private static long firstIndexFrom(Instant t, int width) {
        return Math.floorDiv(t.getEpochSecond() + width - 1, width);
    }

    private static void add(List<TimelineBucket> out, Instant start, long events, long failures,
                            Map<String, Long> byType) {
        if (start != null && events > 0) {
            out.add(new TimelineBucket(start, events, failures, byType));
        }
    }

    Optional<List<DeploymentState>> deployments(String scenario) {
        foldFirst();
        return db.transaction("read deployments", c -> {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            if (!exists(c, scenario)) {
                return Optional.empty();
            }
            List<DeploymentState> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(DEPLOYMENTS)) {
                ps.setString(1, scenario);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
            }
            out.sort(RECENT_FIRST);
            return Optional.of(out);
        });
    }

    private static DeploymentState row(ResultSet rs) throws SQLException {
        String id = rs.getString("deployment_id");
        Map<String, Long> counts = new HashMap<>();
        Details.parse(rs.getString("failure_counts")).asMap()
                .forEach((type, n) -> counts.put(type, ((Number) n).longValue()));
        Instant failedAt = PgTimes.read(rs, "last_failure", "last_failure_nanos");
        String details = rs.getString("last_failure_details");
        FailureEntry lastFailure = failedAt == null ? null : new FailureEntry(failedAt,
                rs.getString("last_failure_event"), id, rs.getString("last_failure_event_id"),
                details == null ? null : Details.parse(details));
        return new DeploymentState(id, PgTimes.read(rs, "first_seen", "first_seen_nanos"),
                PgTimes.read(rs, "last_seen", "last_seen_nanos"), PgTimes.read(rs, "last_start", "last_start_nanos"),
                rs.getString("last_version"), rs.getString("last_platform"), rs.getLong("starts"),
                rs.getLong("crashes"), counts, lastFailure);
    }

    private static boolean exists(Connection c, String scenario) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(EXISTS)) {
            ps.setString(1, scenario);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
