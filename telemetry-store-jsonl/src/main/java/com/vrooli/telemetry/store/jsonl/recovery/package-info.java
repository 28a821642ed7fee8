/**
 * Loading scenarios on open: rebuilding a summary from the files, resuming from a snapshot,
 * following a writer from a read-only store, moving torn tails aside, and loading in parallel.
 * Internal to the JSONL store, not API: public only so the store's other packages can use it.
 */
package com.vrooli.telemetry.store.jsonl.recovery;
