-- Schema version 1: events partitioned by time, event ids, per-scenario totals and failure counts.
-- Why each table looks as it does: see the module README ("Schema").

-- Stored order across every node. CACHE 1 (the default) so that one node's successive uploads,
-- which may use different pooled connections, keep their order.
CREATE SEQUENCE telemetry_event_seq;

CREATE TABLE telemetry_events (
    seq           bigint      NOT NULL DEFAULT nextval('telemetry_event_seq'),
    ts            timestamptz NOT NULL,            -- the event time, truncated to the microsecond
    ts_nanos      smallint    NOT NULL DEFAULT 0,  -- the nanoseconds below it (0..999)
    scenario      text        NOT NULL,
    deployment_id text,
    event         text        NOT NULL,
    event_id      text,
    level         smallint    NOT NULL,            -- 0 info, 1 warn, 2 error (EventLevel order)
    details       jsonb,                           -- for operators' own queries and indexes
    details_text  text                             -- the compact text as received: what queries return
) PARTITION BY RANGE (ts);

-- Events whose day has no partition (far past or far future) land here; partitions are created
-- ahead of need, so this stays small.
CREATE TABLE telemetry_events_default PARTITION OF telemetry_events DEFAULT;

-- Newest-first and oldest-first paging by seq, within a scenario; one index per filter of the
-- events endpoint, each ending in seq so that a filtered page is an index range scan.
CREATE INDEX telemetry_events_by_seq        ON telemetry_events (scenario, seq);
CREATE INDEX telemetry_events_by_type       ON telemetry_events (scenario, event, seq);
CREATE INDEX telemetry_events_by_deployment ON telemetry_events (scenario, deployment_id, seq)
    WHERE deployment_id IS NOT NULL;
CREATE INDEX telemetry_events_by_level      ON telemetry_events (scenario, level, seq) WHERE level > 0;
CREATE INDEX telemetry_events_by_time       ON telemetry_events (scenario, ts);

-- De-duplication across every node and restart. Not partitioned: a unique index on the events
-- table would have to include ts, and a retried event may carry another timestamp than the first
-- upload did (filled by the server), so uniqueness of (scenario, event_id) lives here.
CREATE TABLE telemetry_event_ids (
    scenario   text NOT NULL,
    event_id   text NOT NULL,
    first_seen date NOT NULL,
    PRIMARY KEY (scenario, event_id)
);
CREATE INDEX telemetry_event_ids_by_day ON telemetry_event_ids (first_seen);

-- Summaries: one row per scenario, one per (scenario, failure type); upserted by each upload in
-- the same transaction as its events.
CREATE TABLE telemetry_scenarios (
    scenario         text     PRIMARY KEY,
    total_events     bigint   NOT NULL,
    last_event       timestamptz,
    last_event_nanos smallint NOT NULL DEFAULT 0
);

CREATE TABLE telemetry_failure_counts (
    scenario text   NOT NULL,
    event    text   NOT NULL,
    count    bigint NOT NULL,
    PRIMARY KEY (scenario, event)
);
