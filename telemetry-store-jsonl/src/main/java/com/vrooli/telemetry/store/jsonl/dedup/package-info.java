/**
 * De-duplication by event id: the store-wide window of fingerprints (striped), each scenario's
 * newest ids, repeats inside one batch, and how a scenario's share is restored on open.
 * Internal to the JSONL store, not API: public only so the store's other packages can use it.
 */
package com.vrooli.telemetry.store.jsonl.dedup;
