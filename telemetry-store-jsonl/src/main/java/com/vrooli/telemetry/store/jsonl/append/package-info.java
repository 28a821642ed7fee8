/**
 * The write path: a batch split into each scenario's encoded part, one write of whole lines per
 * part, group commit and parallel forces, and the bookkeeping that re-writes what a failed fsync
 * may have lost. Internal to the JSONL store, not API: public only for the store's other packages.
 */
package com.vrooli.telemetry.store.jsonl.append;
