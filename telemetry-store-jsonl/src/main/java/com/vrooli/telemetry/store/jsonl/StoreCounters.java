package com.vrooli.telemetry.store.jsonl;

import java.util.concurrent.atomic.LongAdder;

/** The store's running counters; thread-safe. */
final class StoreCounters {
    final LongAdder writes = new LongAdder();
    final LongAdder bytesWritten = new LongAdder();
    final LongAdder fsyncs = new LongAdder();
    final LongAdder duplicatesSkipped = new LongAdder();
    final LongAdder writeFailures = new LongAdder();
    final LongAdder badLinesSkipped = new LongAdder();
    final LongAdder tornTailsRecovered = new LongAdder();
    final LongAdder bytesScanned = new LongAdder();
    final LongAdder scenariosRestored = new LongAdder();
    final LongAdder scenariosRebuilt = new LongAdder();
    final LongAdder snapshotsWritten = new LongAdder();
    final LongAdder snapshotFailures = new LongAdder();
    final LongAdder scenariosRefused = new LongAdder();
    final LongAdder pagesCutByBytes = new LongAdder();
    /** Journal parts written into scenario files by replays on open. */
    final LongAdder journalPartsReplayed = new LongAdder();
}
