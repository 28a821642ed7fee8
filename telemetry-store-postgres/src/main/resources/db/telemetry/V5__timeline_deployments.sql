-- Schema version 5: the dashboard's aggregates as live tables, upserted in the append transaction
-- like the summaries, so that a timeline or fleet-view answer reads rows of its own size instead
-- of the scenario's events. Backfilled from the events a version-4 database already holds, with
-- the semantics of core's TimelineAggregator and DeploymentAggregator (see the module README).

-- One row per (scenario, bucket width, bucket, event type), plus a header row per bucket whose
-- event is '' (all events of the bucket, its failures, and how many types it counts by name).
-- Types past TimelineAggregator.MAX_TYPES_PER_BUCKET in a bucket are counted in its '(other)' row.
-- Buckets older than a width's window (counted back from the newest bucket) are ignored by reads
-- and deleted by the periodic maintenance.
CREATE TABLE telemetry_timeline (
    scenario text    NOT NULL,
    width    integer NOT NULL,           -- bucket width in seconds: 60, 3600 or 86400
    bucket   bigint  NOT NULL,           -- the bucket's start in widths since the epoch
    event    text    NOT NULL,           -- '' for the header row, '(other)', or an event type
    count    bigint  NOT NULL,
    failures bigint  NOT NULL,           -- of count
    named    integer NOT NULL DEFAULT 0, -- header row only: types counted by name
    PRIMARY KEY (scenario, width, bucket, event)
);

-- The fleet view: one row per (scenario, deployment_id). Times are timestamptz plus the
-- nanoseconds below the microsecond, as in telemetry_events.
CREATE TABLE telemetry_deployments (
    scenario              text        NOT NULL,
    deployment_id         text        NOT NULL,
    first_seen            timestamptz NOT NULL,
    first_seen_nanos      smallint    NOT NULL,
    last_seen             timestamptz NOT NULL,
    last_seen_nanos       smallint    NOT NULL,
    last_start            timestamptz,
    last_start_nanos      smallint    NOT NULL DEFAULT 0,
    last_version          text,
    last_platform         text,
    starts                bigint      NOT NULL,
    crashes               bigint      NOT NULL,
    failure_counts        jsonb       NOT NULL,  -- {"type": count}, at most 32 types then "(other)"
    last_failure          timestamptz,
    last_failure_nanos    smallint    NOT NULL DEFAULT 0,
    last_failure_event    text,
    last_failure_event_id text,
    last_failure_details  text,
    PRIMARY KEY (scenario, deployment_id)
);

-- Deployment rows per scenario, kept by the writers under the scenario's summary row lock, so
-- that the caps are checked without counting rows.
CREATE TABLE telemetry_deployment_counts (
    scenario    text   PRIMARY KEY,
    deployments bigint NOT NULL
);

-- Adds a delta {"type": n} to a deployment's failure counts: a type not counted yet gets a key
-- while the counts have fewer than cap keys, else it is counted under '(other)' (as
-- DeploymentAggregator does). Types of one delta are taken in jsonb key order.
CREATE FUNCTION telemetry_add_failures(counts jsonb, delta jsonb, cap integer) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    k    text;
    n    bigint;
    size integer := (SELECT count(*) FROM jsonb_object_keys(counts));
BEGIN
    FOR k, n IN SELECT key, value::bigint FROM jsonb_each_text(delta) LOOP
        IF NOT counts ? k THEN
            IF size >= cap THEN
                k := '(other)';
            END IF;
            IF NOT counts ? k THEN
                size := size + 1;
            END IF;
        END IF;
        counts := jsonb_set(counts, ARRAY[k], to_jsonb(coalesce((counts ->> k)::bigint, 0) + n));
    END LOOP;
    RETURN counts;
END
$$;

-- Backfill of the timeline: in each bucket the types first seen earliest (stored order) get names.
INSERT INTO telemetry_timeline (scenario, width, bucket, event, count, failures, named)
WITH typed AS (
    SELECT e.scenario, w.width, floor(extract(epoch FROM e.ts) / w.width)::bigint AS bucket, e.event,
           count(*) AS n, count(*) FILTER (WHERE e.level = 2) AS f, min(e.seq) AS first_seq
    FROM telemetry_events e CROSS JOIN (VALUES (60), (3600), (86400)) AS w(width)
    GROUP BY 1, 2, 3, 4
), ranked AS (
    SELECT t.*, row_number() OVER (PARTITION BY scenario, width, bucket ORDER BY first_seq) AS r FROM typed t
)
SELECT scenario, width, bucket, event, n, f, 0 FROM ranked WHERE r <= 32
UNION ALL
SELECT scenario, width, bucket, '(other)', sum(n), sum(f), 0 FROM ranked WHERE r > 32 GROUP BY 1, 2, 3
UNION ALL
SELECT scenario, width, bucket, '', sum(n), sum(f), least(count(*), 32) FROM ranked GROUP BY 1, 2, 3;

-- Backfill of the fleet view, per (scenario, deployment_id).
INSERT INTO telemetry_deployments
WITH mine AS (
    SELECT * FROM telemetry_events WHERE deployment_id IS NOT NULL
), seen AS (
    SELECT scenario, deployment_id,
           (array_agg(ts ORDER BY ts, ts_nanos))[1] AS first_seen,
           (array_agg(ts_nanos ORDER BY ts, ts_nanos))[1] AS first_seen_nanos,
           (array_agg(ts ORDER BY ts DESC, ts_nanos DESC))[1] AS last_seen,
           (array_agg(ts_nanos ORDER BY ts DESC, ts_nanos DESC))[1] AS last_seen_nanos,
           count(*) FILTER (WHERE event = 'app_start') AS starts,
           count(*) FILTER (WHERE event = 'crash') AS crashes
    FROM mine GROUP BY 1, 2
), started AS (
    SELECT DISTINCT ON (scenario, deployment_id) scenario, deployment_id, ts, ts_nanos,
           left(details ->> 'version', 128) AS version, left(details ->> 'platform', 128) AS platform
    FROM mine WHERE event = 'app_start'
    ORDER BY scenario, deployment_id, ts DESC, ts_nanos DESC, left(details ->> 'version', 128) COLLATE "C" DESC NULLS LAST
), failed AS (
    SELECT DISTINCT ON (scenario, deployment_id) scenario, deployment_id, ts, ts_nanos, event, event_id, details_text
    FROM mine WHERE level = 2
    ORDER BY scenario, deployment_id, ts DESC, ts_nanos DESC, event COLLATE "C", coalesce(event_id, '') COLLATE "C",
             coalesce(details_text, '') COLLATE "C"
), typed AS (
    SELECT scenario, deployment_id, event, count(*) AS n,
           row_number() OVER (PARTITION BY scenario, deployment_id ORDER BY min(seq)) AS r
    FROM mine WHERE level = 2 GROUP BY 1, 2, 3
), counted AS (
    SELECT scenario, deployment_id, jsonb_object_agg(k, n) AS counts
    FROM (SELECT scenario, deployment_id, CASE WHEN r <= 32 THEN event ELSE '(other)' END AS k, sum(n) AS n
          FROM typed GROUP BY 1, 2, 3) c
    GROUP BY 1, 2
)
SELECT s.scenario, s.deployment_id, s.first_seen, s.first_seen_nanos, s.last_seen, s.last_seen_nanos,
       st.ts, coalesce(st.ts_nanos, 0), st.version, st.platform, s.starts, s.crashes,
       coalesce(c.counts, '{}'::jsonb), f.ts, coalesce(f.ts_nanos, 0), f.event, f.event_id, f.details_text
FROM seen s
LEFT JOIN started st USING (scenario, deployment_id)
LEFT JOIN failed f USING (scenario, deployment_id)
LEFT JOIN counted c USING (scenario, deployment_id);

-- The per-scenario cap (DeploymentAggregator.MAX_DEPLOYMENTS): the most recently seen are kept.
DELETE FROM telemetry_deployments d USING (
    SELECT scenario, deployment_id, row_number() OVER (PARTITION BY scenario
           ORDER BY last_seen DESC, last_seen_nanos DESC, deployment_id COLLATE "C" DESC) AS r
    FROM telemetry_deployments
) ranked
WHERE ranked.r > 10000 AND d.scenario = ranked.scenario AND d.deployment_id = ranked.deployment_id;

INSERT INTO telemetry_deployment_counts
SELECT scenario, count(*) FROM telemetry_deployments GROUP BY scenario;
