package com.vrooli.telemetry.store.postgres;

import com.vrooli.telemetry.core.DeploymentAggregator;
import com.vrooli.telemetry.core.DeploymentState;
import com.vrooli.telemetry.core.Details;
import com.vrooli.telemetry.core.FailureEntry;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds an upload's events to {@code telemetry_deployments}: core's {@link DeploymentAggregator}
 * folds the upload into one delta row per deployment (its {@link #share}, a pending row written in
 * the upload's transaction), and at the fold one upsert per pending upload, in upload order, merges
 * the deltas into the stored rows (earliest first seen, latest last seen, newest start with
 * its version, summed counts, newest failure by {@link FailureEntry#NEWEST_FIRST}), so the merge
 * gives what one aggregator fed every event would. The fold holds its lock (the only writer of
 * these rows); the rows inserted are then counted per scenario and the caps applied by
 * {@link DeploymentCaps}.
 */
final class DeploymentWriter {

    private static final String NEWER_SEEN = "(excluded.last_seen, excluded.last_seen_nanos) > (t.last_seen, t.last_seen_nanos)";
    private static final String OLDER_SEEN = "(excluded.first_seen, excluded.first_seen_nanos) < (t.first_seen, t.first_seen_nanos)";
    private static final String NEWER_START = "excluded.last_start IS NOT NULL AND (t.last_start IS NULL"
            + " OR (excluded.last_start, excluded.last_start_nanos) > (t.last_start, t.last_start_nanos)"
            + " OR ((excluded.last_start, excluded.last_start_nanos) = (t.last_start, t.last_start_nanos)"
            + " AND excluded.last_version IS NOT NULL AND (t.last_version IS NULL"
            + " OR excluded.last_version COLLATE \"C\" > t.last_version COLLATE \"C\")))";
    private static final String NEWER_FAILURE = "excluded.last_failure IS NOT NULL AND (t.last_failure IS NULL"
            + " OR (excluded.last_failure, excluded.last_failure_nanos) > (t.last_failure, t.last_failure_nanos)"
            + " OR ((excluded.last_failure, excluded.last_failure_nanos) = (t.last_failure, t.last_failure_nanos)"
            + " AND (excluded.last_failure_event COLLATE \"C\", coalesce(excluded.last_failure_event_id, '') COLLATE \"C\","
            + " coalesce(excluded.last_failure_details, '') COLLATE \"C\") < (t.last_failure_event COLLATE \"C\","
            + " coalesce(t.last_failure_event_id, '') COLLATE \"C\", coalesce(t.last_failure_details, '') COLLATE \"C\")))";
    /** The delta columns as {@code telemetry_deployment_pending} (V8) holds them, from bound text arrays. */
    static final String PENDING_VALUES = "?::text[], ?::text[], ?::timestamptz[], ?::smallint[], ?::timestamptz[],"
            + " ?::smallint[], ?::timestamptz[], ?::smallint[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::jsonb[],"
            + " ?::timestamptz[], ?::smallint[], ?::text[], ?::text[], ?::text[]";
    /** Every column of a row, the target of both upserts (one pending upload here, several in {@link MergedDeploymentFold}). */
    static final String INSERT = "INSERT INTO telemetry_deployments AS t (scenario, deployment_id,"
            + " first_seen, first_seen_nanos, last_seen, last_seen_nanos, last_start, last_start_nanos, last_version,"
            + " last_platform, starts, crashes, failure_counts, last_failure, last_failure_nanos, last_failure_event,"
            + " last_failure_event_id, last_failure_details)";
    /** The merge of a delta row ({@code excluded}) into a stored one; returns each row's scenario and whether it was new. */
    static final String MERGE = " ON CONFLICT (scenario, deployment_id) DO UPDATE SET"
            + pick(OLDER_SEEN, "first_seen", "first_seen_nanos") + ","
            + pick(NEWER_SEEN, "last_seen", "last_seen_nanos") + ","
            + pick(NEWER_START, "last_start", "last_start_nanos", "last_version", "last_platform") + ","
            + " starts = t.starts + excluded.starts, crashes = t.crashes + excluded.crashes,"
            + " failure_counts = " + addFailures("t.failure_counts", "excluded.failure_counts") + ","
            + pick(NEWER_FAILURE, "last_failure", "last_failure_nanos", "last_failure_event", "last_failure_event_id",
                    "last_failure_details")
            + " RETURNING scenario, xmax = 0";
    /** A pending row's deltas as rows, columns {@code s, d, fs, fsn, ls, lsn, st, stn, v, pf, sc, cc, fc, lf, lfn, lfe, lfi, lfd}. */
    static final String PENDING_ROWS = "telemetry_deployment_pending p, unnest(p.scenarios, p.deployment_ids,"
            + " p.first_seen, p.first_seen_nanos, p.last_seen, p.last_seen_nanos, p.last_start, p.last_start_nanos,"
            + " p.last_version, p.last_platform, p.starts, p.crashes, p.failure_counts, p.last_failure,"
            + " p.last_failure_nanos, p.last_failure_event, p.last_failure_event_id, p.last_failure_details)"
            + " AS u(s, d, fs, fsn, ls, lsn, st, stn, v, pf, sc, cc, fc, lf, lfn, lfe, lfi, lfd)";
    private static final String UPSERT = INSERT
            + " SELECT s, d, fs, fsn, ls, lsn, st, stn, v, pf, sc, cc, fc, lf, lfn, lfe, lfi, lfd FROM " + PENDING_ROWS
            + " WHERE p.upload = ? ORDER BY s, d" + MERGE;

    private DeploymentWriter() {
    }

    /**
     * {@code telemetry_add_failures(counts, delta, cap)} in plain SQL where the cap cannot bind: an
     * empty delta leaves the counts as they are, and when the two together name at most the cap's
     * types no type goes to {@code (other)}, so the merge is the sum per type. Only a merge that
     * passes the cap calls the PL/pgSQL function (its loop and its queries cost more than the rest
     * of a row's upsert). A new row takes the delta as it is: the aggregator already capped it in
     * the order the types came (the function would take them in jsonb key order, {@code (other)}
     * first).
     */
    private static String addFailures(String counts, String delta) {
        int cap = DeploymentAggregator.MAX_FAILURE_TYPES;
        return "CASE WHEN " + delta + " = '{}'::jsonb THEN " + counts
                + " ELSE coalesce((SELECT CASE WHEN count(*) <= " + cap + " THEN jsonb_object_agg(k, coalesce(("
                + counts + " ->> k)::bigint, 0) + coalesce((" + delta + " ->> k)::bigint, 0)) END"
                + " FROM jsonb_object_keys(" + counts + " || " + delta + ") AS k),"
                + " telemetry_add_failures(" + counts + ", " + delta + ", " + cap + ")) END";
    }

    /** {@code column = CASE WHEN condition THEN excluded.column ELSE t.column END} for each column. */
    private static String pick(String condition, String... columns) {
        List<String> out = new ArrayList<>();
        for (String c : columns) {
            out.add(" " + c + " = CASE WHEN " + condition + " THEN excluded." + c + " ELSE t." + c + " END");
        }
        return String.join(",", out);
    }

    /**
     * An upload's share: {@link DeploymentAggregator}'s delta rows of its stored events, one per
     * deployment, column by column for {@link #PENDING_VALUES}; empty when no event names a deployment.
     */
    static Columns share(List<TelemetryEvent> stored) {
        Map<String, DeploymentAggregator> byScenario = new TreeMap<>();
        for (TelemetryEvent e : stored) {
            if (e.deploymentId() != null) {
                byScenario.computeIfAbsent(e.scenario(), s -> new DeploymentAggregator(Integer.MAX_VALUE)).add(e);
            }
        }
        Columns cols = new Columns();
        byScenario.forEach((scenario, deltas) -> deltas.rows().forEach(d -> cols.add(scenario, d)));
        return cols;
    }

    /** Merges pending upload {@code upload}'s deltas into the live rows; returns the rows inserted (new deployments) by scenario. */
    static Map<String, Long> fold(Connection c, long upload) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            ps.setLong(1, upload);
            return inserted(ps);
        }
    }

    /** Runs an upsert ending in {@link #MERGE}; returns the rows it inserted by scenario. */
    static Map<String, Long> inserted(PreparedStatement upsert) throws SQLException {
        Map<String, Long> inserted = new TreeMap<>();
        try (ResultSet rs = upsert.executeQuery()) {
            while (rs.next()) {
                if (rs.getBoolean(2)) {
                    inserted.merge(rs.getString(1), 1L, Long::sum);
                }
            }
        }
        return inserted;
    }

    /** The delta rows, column by column; times as text PostgreSQL reads as timestamptz. */
    static final class Columns {
        final List<List<Object>> columns = new ArrayList<>();
        static final String[] TYPES = {"text", "text", "text", "int2", "text", "int2", "text", "int2", "text", "text",
            "int8", "int8", "text", "text", "int2", "text", "text", "text"};

        Columns() {
            for (int i = 0; i < TYPES.length; i++) {
                columns.add(new ArrayList<>());
            }
        }

        void add(String scenario, DeploymentState d) {
            FailureEntry f = d.lastFailure();
            put(scenario, d.deploymentId(), micros(d.firstSeen()), nanos(d.firstSeen()), micros(d.lastSeen()),
                    nanos(d.lastSeen()), micros(d.lastStart()), nanos(d.lastStart()), d.lastVersion(), d.lastPlatform(),
                    d.starts(), d.crashes(), Details.of(d.failureCounts()).json(),
                    f == null ? null : micros(f.timestamp()), f == null ? (short) 0 : nanos(f.timestamp()),
                    f == null ? null : f.event(), f == null ? null : f.eventId(),
                    f == null || f.details() == null ? null : f.details().json());
        }

        private void put(Object... values) {
            for (int i = 0; i < values.length; i++) {
                columns.get(i).add(values[i]);
            }
        }

        boolean isEmpty() {
            return columns.get(0).isEmpty();
        }

        /** Binds the columns from parameter {@code first}; returns the next one. */
        int bind(Connection c, PreparedStatement ps, int first) throws SQLException {
            for (int i = 0; i < TYPES.length; i++) {
                ps.setArray(first + i, c.createArrayOf(TYPES[i], columns.get(i).toArray()));
            }
            return first + TYPES.length;
        }

        private static String micros(Instant t) {
            return t == null ? null : PgTimes.micros(t).toString();
        }

        private static short nanos(Instant t) {
            return t == null ? 0 : PgTimes.subMicroNanos(t);
        }
    }
}
