package com.vrooli.telemetry.store.jsonl;

import java.util.concurrent.atomic.LongAdder;

/** The store's running counters; thread-safe. */
public final class StoreCounters {
    final LongAdder writes = new LongAdder();
    final LongAdder bytesWritten = new LongAdder();
    public final LongAdder fsyncs = new LongAdder();
    final LongAdder duplicatesSkipped = new LongAdder();
    public final LongAdder writeFailures = new LongAdder();
    public final LongAdder badLinesSkipped = new LongAdder();
    public final LongAdder tornTailsRecovered = new LongAdder();
    public final LongAdder bytesScanned = new LongAdder();
    final LongAdder scenariosRestored = new LongAdder();
    final LongAdder scenariosRebuilt = new LongAdder();
    public final LongAdder snapshotsWritten = new LongAdder();
    public final LongAdder snapshotFailures = new LongAdder();
    final LongAdder scenariosRefused = new LongAdder();
    public final LongAdder pagesCutByBytes = new LongAdder();
    /** Journal parts written into scenario files by replays on open. */
    public final LongAdder journalPartsReplayed = new LongAdder();
}
