-- Schema version 3: a version per scenario, taken from one sequence by every change to its summary
-- (never repeated, even for a scenario removed by retention and seen again), so that a node
-- re-reads only the summaries that changed since its last read: GET /api/v1/telemetry then reads
-- one small row per scenario, and the server reuses the encoding of the unchanged ones.
CREATE SEQUENCE telemetry_summary_version;
ALTER TABLE telemetry_scenarios ADD COLUMN version bigint NOT NULL DEFAULT nextval('telemetry_summary_version');
