package com.vrooli.telemetry.store.jsonl.snapshot;

import com.vrooli.telemetry.core.ActivityState;
import com.vrooli.telemetry.core.ScenarioSummary;
import java.util.Objects;

/**
 * One scenario's aggregate state as of a byte offset of its file: what a restart needs to resume
 * without reading the bytes before that offset.
 *
 * @param summary     the summary of every whole line before {@code offset}
 * @param activity    the timeline and deployments of the same lines
 * @param offset      the offset just after the last whole line covered (a line boundary)
 * @param fingerprint proves the snapshot belongs to the file it is restored against
 * @param badLines    unreadable lines skipped before {@code offset}
 * @param idLines     events with an event id before {@code offset}
 * @param recentIds   fingerprints of the newest event ids before {@code offset}, oldest first (the
 *                    scenario's share of the de-duplication window when the snapshot was taken)
 */
public record ScenarioSnapshot(ScenarioSummary summary, ActivityState activity, long offset,
                               FileFingerprint fingerprint, long badLines, long idLines, long[] recentIds) {

    public ScenarioSnapshot {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(recentIds, "recentIds");
        if (offset < 0 || badLines < 0 || idLines < 0 || recentIds.length > idLines) {
            throw new IllegalArgumentException("offset and counts must be non-negative");
        }
    }

    public String scenario() {
        return summary.scenario();
    }
}
