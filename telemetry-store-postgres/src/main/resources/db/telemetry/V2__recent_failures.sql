-- Schema version 2: the newest failures of each scenario in a bounded table, so that a summary
-- reads at most 10 rows per scenario instead of searching the events. Backfilled from the events
-- a version-1 database already holds, ordered as the store orders them (newest first, ties by
-- type, deployment, id and details, compared as code points).
CREATE TABLE telemetry_recent_failures (
    scenario      text        NOT NULL,
    ts            timestamptz NOT NULL,
    ts_nanos      smallint    NOT NULL,
    event         text        NOT NULL,
    deployment_id text,
    event_id      text,
    details_text  text
);
CREATE INDEX telemetry_recent_failures_by_scenario ON telemetry_recent_failures (scenario);

INSERT INTO telemetry_recent_failures (scenario, ts, ts_nanos, event, deployment_id, event_id, details_text)
SELECT scenario, ts, ts_nanos, event, deployment_id, event_id, details_text
FROM (
    SELECT e.*, row_number() OVER (
        PARTITION BY e.scenario
        ORDER BY e.ts DESC, e.ts_nanos DESC, e.event COLLATE "C",
                 coalesce(e.deployment_id, '') COLLATE "C", coalesce(e.event_id, '') COLLATE "C",
                 coalesce(e.details_text, '') COLLATE "C") AS n
    FROM telemetry_events e
    JOIN telemetry_failure_counts f ON f.scenario = e.scenario AND f.event = e.event
) ranked
WHERE n <= 10;
