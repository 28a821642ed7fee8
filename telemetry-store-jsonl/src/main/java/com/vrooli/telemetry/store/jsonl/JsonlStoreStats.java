package com.vrooli.telemetry.store.jsonl;

/**
 * Counters of one open {@link JsonlTelemetryStore}, for logs and {@code /metrics}. Counts "since
 * open" reset when the store is reopened.
 *
 * @param scenarios          scenario files the store knows
 * @param events             events stored in those files (whole, readable lines)
 * @param writes             batch parts written since open (one write call each)
 * @param bytesWritten       bytes appended since open
 * @param fsyncs             forces of a scenario file since open
 * @param duplicatesSkipped  events not stored since open because their event id was already stored
 * @param writeFailures      appends that failed with an I/O error since open (disk full, read-only)
 * @param badLinesSkipped    unreadable lines inside files, skipped while rebuilding the aggregates
 * @param tornTailsRecovered torn last lines cut off and moved to {@code {scenario}.jsonl.corrupt}
 * @param bytesScanned       bytes read by queries since open
 * @param dedupIds           event ids currently remembered for de-duplication
 * @param scenariosRestored  scenarios resumed from a snapshot on open (only later lines read)
 * @param scenariosRebuilt   scenarios read whole on open (no snapshot, or one that did not match)
 * @param snapshotsWritten   snapshot files written since open
 * @param snapshotFailures   snapshot files that could not be written, or read on open
 * @param scenariosRefused   new scenarios refused since open because the store held its limit of
 *                           scenarios (counted once per batch that named one)
 * @param openFiles          scenario files open for appending now (bounded by the open-file limit)
 * @param filesClosedIdle    scenario files closed since open to respect the open-file limit
 * @param filesReopened      scenario files opened again after such a close
 */
public record JsonlStoreStats(int scenarios, long events, long writes, long bytesWritten, long fsyncs,
                              long duplicatesSkipped, long writeFailures, long badLinesSkipped,
                              long tornTailsRecovered, long bytesScanned, int dedupIds, long scenariosRestored,
                              long scenariosRebuilt, long snapshotsWritten, long snapshotFailures,
                              long scenariosRefused, int openFiles, long filesClosedIdle, long filesReopened) {
}
