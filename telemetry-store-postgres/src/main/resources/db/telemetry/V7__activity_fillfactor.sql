-- Schema version 7: room for HOT updates in the live activity tables (V5). Every upload updates
-- the same few rows again and again (the current buckets of its scenarios, its deployments, their
-- counts); none of the updated columns is indexed, so an update can stay on its page (a HOT
-- update: no new index entry, the old version pruned on the page) as long as the page has room.
-- With the default fillfactor of 100 the pages are full after the first inserts and every update
-- writes a new entry in the primary key. Applies to pages written from now on (existing pages keep
-- their rows until they are rewritten).
ALTER TABLE telemetry_timeline SET (fillfactor = 70);
ALTER TABLE telemetry_deployments SET (fillfactor = 70);
ALTER TABLE telemetry_deployment_counts SET (fillfactor = 50);
