-- Schema version 6: cheaper indexes for the append path, where the order of arrival allows it.
-- A BRIN index keeps the range of values of each block range instead of one entry per row, so an
-- append costs almost nothing (it only widens a range); it suits columns that grow with the
-- order rows are written in.

-- Ids are claimed with first_seen = the day of the claim, which only grows as rows are appended:
-- retention's "first_seen < cutoff" needs no btree entry per event for that.
DROP INDEX telemetry_event_ids_by_day;
CREATE INDEX telemetry_event_ids_by_day ON telemetry_event_ids USING brin (first_seen);

-- Time filters: partitions already prune by day, and events arrive roughly in time order, so within
-- a day a BRIN on ts narrows a time range to the block ranges that hold it (ANDed with the
-- scenario's (scenario, seq) index). It replaces the (scenario, ts) btree, one of five btree
-- entries written per event; see the module README for the plans it gives on 1M rows.
DROP INDEX telemetry_events_by_time;
CREATE INDEX telemetry_events_by_time ON telemetry_events USING brin (ts) WITH (pages_per_range = 16);
