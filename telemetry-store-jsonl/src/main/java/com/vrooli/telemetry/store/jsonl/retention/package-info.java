/**
 * Retention: rotating a live file into numbered segments, naming and listing them, compressing
 * sealed ones, and the background worker that deletes the oldest beyond the policy's limits.
 * Internal to the JSONL store, not API: public only so the store's other packages can use it.
 */
package com.vrooli.telemetry.store.jsonl.retention;
