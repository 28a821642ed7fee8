/**
 * Reading stored lines: whole lines scanned front to back or back to front, gzip'd segments,
 * lines decoded into events, and a single file read on its own ({@code JsonlFileSource}).
 * Internal to the JSONL store, not API: public only so the store's other packages can use it.
 */
package com.vrooli.telemetry.store.jsonl.read;
