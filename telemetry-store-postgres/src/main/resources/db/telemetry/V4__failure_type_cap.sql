-- Schema version 4: the failure-type cap (StoreLimits.maxFailureTypes). Every failure type keeps
-- its own count row, so retention subtracts exactly per (scenario, type) as before; a row is
-- keyed when its type got a name in the summary (the first maxFailureTypes types seen), and the
-- counts of the unkeyed rows are the summary's other_failures. Rows of a version-3 database are
-- all keyed: they were counted by name.
ALTER TABLE telemetry_failure_counts ADD COLUMN keyed boolean NOT NULL DEFAULT true;
