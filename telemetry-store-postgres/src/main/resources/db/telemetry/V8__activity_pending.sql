-- Schema version 8: an upload no longer updates the shared timeline and deployment rows (V5) in
-- its transaction; it appends its share of them as one row per table, and a fold (ActivityFold:
-- before every timeline or deployments read, every second in the background, in retention's
-- transaction) merges the pending rows into the live tables and deletes them, in one transaction.
-- Why: bodies spanning many minutes and deployments made every upload update the same ~800 rows
-- while other uploads held snapshots, so each row gathered a version per upload in flight and
-- every upload walked those chains under its scenarios' locks (see the module README). An insert
-- of one row per table touches nothing another upload touches.

-- The order of uploads: taken after the upload's summary upsert has locked its scenarios, so for
-- any one scenario the numbers follow the order in which its uploads commit. The fold applies
-- pending rows in this order, which keeps "the first types to arrive get names" exact.
CREATE SEQUENCE telemetry_activity_upload;

-- An upload's timeline share: one element per (scenario, minute, event type) of its stored events
-- with how many, in the order their first events came in the upload (so a bucket's types keep the
-- order they arrived in; hour and day buckets are summed from the minutes).
CREATE TABLE telemetry_timeline_pending (
    upload    bigint    PRIMARY KEY,
    scenarios text[]    NOT NULL,
    minutes   bigint[]  NOT NULL,  -- minutes since the epoch
    events    text[]    NOT NULL,
    counts    bigint[]  NOT NULL
);

-- An upload's deployments share: DeploymentAggregator's delta rows, column by column, in the
-- columns of telemetry_deployments. The fold merges each upload's deltas with the same upsert an
-- upload used to run, then applies the deployment caps, so eviction happens as it did.
CREATE TABLE telemetry_deployment_pending (
    upload                bigint        PRIMARY KEY,
    scenarios             text[]        NOT NULL,
    deployment_ids        text[]        NOT NULL,
    first_seen            timestamptz[] NOT NULL,
    first_seen_nanos      smallint[]    NOT NULL,
    last_seen             timestamptz[] NOT NULL,
    last_seen_nanos       smallint[]    NOT NULL,
    last_start            timestamptz[] NOT NULL,
    last_start_nanos      smallint[]    NOT NULL,
    last_version          text[]        NOT NULL,
    last_platform         text[]        NOT NULL,
    starts                bigint[]      NOT NULL,
    crashes               bigint[]      NOT NULL,
    failure_counts        jsonb[]       NOT NULL,
    last_failure          timestamptz[] NOT NULL,
    last_failure_nanos    smallint[]    NOT NULL,
    last_failure_event    text[]        NOT NULL,
    last_failure_event_id text[]        NOT NULL,
    last_failure_details  text[]        NOT NULL
);
