-- Schema version 7: room for HOT updates in the live activity tables (V5). Every upload updates
-- the same few rows again and again (the current buckets of its scenarios, its deployments, their
-- counts); none of the updated columns is indexed, so an update can stay on its page (a HOT
-- update: no new index entry, the old version pruned on the page) as long as the page has room.
-- With the default fillfactor of 100 the pages are full after the first inserts and every update
-- writes a new entry in the primary key. While uploads overlap (each waits on its scenarios'
-- summary rows holding a snapshot), no old version can be pruned, so a row gathers one version per
-- upload in flight: the pages need room for several. 30% filled, a page takes two to three more
-- versions of each of its rows (measured: see the module README); the price is a heap about 3 times
-- larger for rows no longer updated (past buckets, deployments gone quiet). Applies to pages written from now on.
ALTER TABLE telemetry_timeline SET (fillfactor = 30);
ALTER TABLE telemetry_deployments SET (fillfactor = 30);
ALTER TABLE telemetry_deployment_counts SET (fillfactor = 50);
