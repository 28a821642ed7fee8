package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.store.jsonl.dedup.DedupWindow;
import com.vrooli.telemetry.store.jsonl.directory.OpenChannels;
import java.util.Collection;

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
 * @param pagesCutByBytes    query pages that ended early at the page byte budget since open
 */
public record JsonlStoreStats(int scenarios, long events, long writes, long bytesWritten, long fsyncs,
                              long duplicatesSkipped, long writeFailures, long badLinesSkipped,
                              long tornTailsRecovered, long bytesScanned, int dedupIds, long scenariosRestored,
                              long scenariosRebuilt, long snapshotsWritten, long snapshotFailures,
                              long scenariosRefused, int openFiles, long filesClosedIdle, long filesReopened,
                              long pagesCutByBytes) {

    /** The counters of a store now. */
    static JsonlStoreStats of(Collection<ScenarioFile> files, StoreCounters counters, DedupWindow window,
                              OpenChannels channels) {
        long events = 0;
        int count = 0;
        for (ScenarioFile file : files) {
            events += file.summary().totalEvents();
            count++;
        }
        return new JsonlStoreStats(count, events, counters.writes.sum(), counters.bytesWritten.sum(),
                counters.fsyncs.sum(), counters.duplicatesSkipped.sum(), counters.writeFailures.sum(),
                counters.badLinesSkipped.sum(), counters.tornTailsRecovered.sum(), counters.bytesScanned.sum(),
                window == null ? 0 : window.size(), counters.scenariosRestored.sum(), counters.scenariosRebuilt.sum(),
                counters.snapshotsWritten.sum(), counters.snapshotFailures.sum(), counters.scenariosRefused.sum(),
                channels.size(), channels.evictions(), channels.reopens(), counters.pagesCutByBytes.sum());
    }
}
