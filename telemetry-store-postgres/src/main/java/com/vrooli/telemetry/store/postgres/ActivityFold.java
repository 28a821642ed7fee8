package com.vrooli.telemetry.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
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
 *
 * <p>A fold takes at most {@value #BATCH} pending uploads of each table per transaction, oldest
 * first, and a fold that runs on its own loops until none are left, so a backlog (a background fold
 * failing for a while) is merged in bounded transactions rather than read whole into one. A read
 * waits at most {@link #READ_WAIT} for the lock: when another fold holds it longer (retention of a
 * large day, a node stalled mid-fold until PostgreSQL ends its transaction), the read answers from
 * the rows folded so far, which may miss the uploads of the last moments, rather than hold a
 * pooled connection that every other request needs.
 * Thread-safe.
 */
final class ActivityFold {

    /** The advisory lock key of the fold ("tl-fold"). */
    static final long LOCK = 0x746c2d666f6c64L;
    /** Pending uploads of each table folded per transaction. */
    static final int BATCH = 500;
    /** How long a read waits for another fold before it answers from the rows folded so far. */
    static final Duration READ_WAIT = Duration.ofSeconds(1);
    private static final long POLL_MILLIS = 20;
    private static final String TIMELINE = "SELECT upload, scenarios, minutes, events, counts"
            + " FROM telemetry_timeline_pending ORDER BY upload LIMIT " + BATCH;
    private static final String DEPLOYMENTS = "SELECT upload FROM telemetry_deployment_pending ORDER BY upload"
            + " LIMIT " + BATCH;

    private final PgDatabase db;
    private final DeploymentCaps caps;

    ActivityFold(PgDatabase db, DeploymentCaps caps) {
        this.db = db;
        this.caps = caps;
    }

    /**
     * Folds every pending upload, in transactions of its own of at most {@value #BATCH} uploads a
     * table; waits for a fold running on another connection or node.
     */
    void fold() {
        while (db.transaction("fold activity", c -> {
            readCommitted(c);
            lock(c);
            return foldBatch(c);
        })) {
            // a full batch: more may be pending
        }
    }

    /**
     * The fold before a read: as {@link #fold()}, but waits at most {@link #READ_WAIT} for the
     * lock. Returns false when it gave up waiting (the read then answers from the rows folded so
     * far).
     */
    boolean foldBeforeRead() {
        long deadline = System.nanoTime() + READ_WAIT.toNanos();
        while (true) {
            Boolean more = db.transaction("fold activity", c -> {
                readCommitted(c);
                return tryLock(c, deadline) ? foldBatch(c) : null;
            });
            if (more == null) {
                return false;
            }
            if (!more) {
                return true;
            }
        }
    }

    /** Folds every pending upload in transaction {@code c}, which then holds the fold's lock until it ends. */
    void foldIn(Connection c) throws SQLException {
        lock(c);
        while (foldBatch(c)) {
            // a full batch: more may be pending
        }
    }

    /**
     * The fold relies on each statement seeing what an earlier fold committed (another node's
     * deletes): READ COMMITTED, whatever the role's default.
     */
    private static void readCommitted(Connection c) throws SQLException {
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    }

    private static void lock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, LOCK);
            ps.execute();
        }
    }

    /** Polls for the lock until {@code deadline}: a refused try leaves the transaction usable, a lock timeout would not. */
    private static boolean tryLock(Connection c, long deadline) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, LOCK);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return true;
                    }
                }
                if (System.nanoTime() >= deadline) {
                    return false;
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    /** Folds the oldest pending uploads under the lock; true when a table gave a full batch (more may wait). */
    private boolean foldBatch(Connection c) throws SQLException {
        Map<TimelineWriter.Key, TimelineWriter.Delta> deltas = new LinkedHashMap<>();
        List<Long> uploads = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(TIMELINE); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                uploads.add(rs.getLong(1));
                TimelineShare.addTo(deltas, rs);
            }
        }
        boolean more = uploads.size() == BATCH;
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
        more |= uploads.size() == BATCH;
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
        return more;
    }

    /** Deletes the rows folded: exactly those read, not rows committed since. */
    private static void delete(Connection c, String table, List<Long> uploads) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE upload = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("int8", uploads.toArray()));
            ps.executeUpdate();
        }
    }
}
