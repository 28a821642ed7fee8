/**
 * Snapshots of each scenario's aggregates and newest ids in {@code .snapshots/}: their codecs, the
 * fingerprint proving an entry belongs to its file, the file replaced atomically, and the keeper
 * that writes it on close, by time and by bytes appended. Internal to the JSONL store, not API:
 * public only so the store's other packages can use it.
 */
package com.vrooli.telemetry.store.jsonl.snapshot;
