package com.vrooli.telemetry.store.postgres;

import com.vrooli.telemetry.core.DeploymentAggregator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Folds several pending uploads' deployment deltas with one upsert instead of one per upload, when
 * that gives exactly what the upserts in upload order would. The merge of {@link DeploymentWriter}
 * is associative (earliest first seen, latest last seen, sums, the newest start and failure with the
 * earlier delta kept on a full tie), so the deltas can be merged first, in SQL, with the same
 * orders. Two things depend on the order and are checked first: the 32 failure types of a
 * deployment (when a deployment's stored and pending types together name more, the cap binds and
 * the order decides which get keys) and the deployment caps (when the pending deployments, counted
 * as if all were new, could pass a cap, eviction after each upload decides what stays). When either
 * could bind, the fold goes upload by upload as before. Thread-safe (stateless).
 */
final class MergedDeploymentFold {

    private static final String PENDING = "WITH u AS (SELECT p.upload, u.* FROM " + DeploymentWriter.PENDING_ROWS
            + " WHERE p.upload = ANY (?))";
    private static final String SAFE = PENDING
            + ", ids AS (SELECT DISTINCT s, d FROM u),"
            + " types AS (SELECT s, d, k FROM u, jsonb_object_keys(u.fc) AS k UNION SELECT i.s, i.d,"
            + " jsonb_object_keys(t.failure_counts) FROM ids i JOIN telemetry_deployments t"
            + " ON t.scenario = i.s AND t.deployment_id = i.d),"
            + " per AS (SELECT s, count(*) AS n FROM ids GROUP BY s)"
            + " SELECT NOT EXISTS (SELECT 1 FROM types GROUP BY s, d HAVING count(*) > ?)"
            + " AND NOT EXISTS (SELECT 1 FROM per LEFT JOIN telemetry_deployment_counts c ON c.scenario = per.s"
            + " WHERE coalesce(c.deployments, 0) + per.n > ?)"
            + " AND (SELECT coalesce(sum(deployments), 0) FROM telemetry_deployment_counts)"
            + " + (SELECT count(*) FROM ids) <= ?";
    // The same picks as DeploymentWriter's merge; on a full tie the earlier upload's delta stays.
    private static final String UPSERT = PENDING
            + ", seen AS (SELECT s, d, (array_agg(fs ORDER BY fs, fsn))[1] AS fs, (array_agg(fsn ORDER BY fs, fsn))[1] AS fsn,"
            + " (array_agg(ls ORDER BY ls DESC, lsn DESC))[1] AS ls, (array_agg(lsn ORDER BY ls DESC, lsn DESC))[1] AS lsn,"
            + " sum(sc)::bigint AS sc, sum(cc)::bigint AS cc FROM u GROUP BY s, d),"
            + " started AS (SELECT DISTINCT ON (s, d) s, d, st, stn, v, pf FROM u WHERE st IS NOT NULL"
            + " ORDER BY s, d, st DESC, stn DESC, v COLLATE \"C\" DESC NULLS LAST, upload),"
            + " failed AS (SELECT DISTINCT ON (s, d) s, d, lf, lfn, lfe, lfi, lfd FROM u WHERE lf IS NOT NULL"
            + " ORDER BY s, d, lf DESC, lfn DESC, lfe COLLATE \"C\", coalesce(lfi, '') COLLATE \"C\","
            + " coalesce(lfd, '') COLLATE \"C\", upload),"
            + " counted AS (SELECT s, d, jsonb_object_agg(k, n) AS fc FROM (SELECT s, d, e.key AS k,"
            + " sum(e.value::bigint) AS n FROM u, jsonb_each_text(u.fc) AS e GROUP BY 1, 2, 3) c GROUP BY s, d)"
            + DeploymentWriter.INSERT
            + " SELECT s, d, seen.fs, seen.fsn, seen.ls, seen.lsn, started.st, coalesce(started.stn, 0), started.v,"
            + " started.pf, seen.sc, seen.cc, coalesce(counted.fc, '{}'::jsonb), failed.lf, coalesce(failed.lfn, 0),"
            + " failed.lfe, failed.lfi, failed.lfd"
            + " FROM seen LEFT JOIN started USING (s, d) LEFT JOIN failed USING (s, d) LEFT JOIN counted USING (s, d)"
            + " ORDER BY s, d" + DeploymentWriter.MERGE;

    private MergedDeploymentFold() {
    }

    /**
     * Folds {@code uploads} in one upsert when no cap can bind ({@code perScenario} and
     * {@code inStore} deployments, 32 failure types); returns the rows inserted by scenario, or
     * nothing (and writes nothing) when the uploads must be folded one by one.
     */
    static Optional<Map<String, Long>> foldIfExact(Connection c, List<Long> uploads, int perScenario, int inStore)
            throws SQLException {
        Object ids = c.createArrayOf("int8", uploads.toArray());
        try (PreparedStatement ps = c.prepareStatement(SAFE)) {
            ps.setObject(1, ids);
            ps.setInt(2, DeploymentAggregator.MAX_FAILURE_TYPES);
            ps.setLong(3, perScenario);
            ps.setLong(4, inStore);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return Optional.empty();
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            ps.setObject(1, ids);
            return Optional.of(DeploymentWriter.inserted(ps));
        }
    }
}
