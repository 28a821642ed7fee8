/**
 * Answering an {@code EventQuery}: one scenario's live file and segments read newest first, the
 * page cursor, and the cheap raw-line filters and text search that skip lines before decoding.
 * Internal to the JSONL store, not API: public only so the store's other packages can use it.
 */
package com.vrooli.telemetry.store.jsonl.query;
