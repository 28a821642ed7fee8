package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.store.jsonl.append.BatchAppender;
import com.vrooli.telemetry.store.jsonl.dedup.DedupWindow;
import com.vrooli.telemetry.store.jsonl.directory.DirectoryLock;
import com.vrooli.telemetry.store.jsonl.directory.OpenChannels;
import com.vrooli.telemetry.store.jsonl.journal.Journal;
import com.vrooli.telemetry.store.jsonl.journal.WriteBehind;
import com.vrooli.telemetry.store.jsonl.retention.RetentionWorker;
import com.vrooli.telemetry.store.jsonl.snapshot.ScenarioSnapshot;
import com.vrooli.telemetry.store.jsonl.snapshot.SnapshotFile;
import com.vrooli.telemetry.store.jsonl.snapshot.SnapshotKeeper;
import com.vrooli.telemetry.store.jsonl.snapshot.SnapshotPreload;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/**
 * The parts a {@link JsonlTelemetryStore} owns, wired from its builder in the order they depend on
 * each other (journal replay before the scenario files are read, snapshots and retention after
 * they are loaded), started together and closed in reverse. A read-only store has no window,
 * journal, appender, snapshots nor retention (those fields are null). The parts are thread-safe;
 * {@link #close} is called once, under the store's lifecycle lock.
 */
final class StoreParts {

    final boolean readOnly;
    final StoreCounters counters = new StoreCounters();
    final DedupWindow window;
    final OpenChannels channels;
    final ScenarioRegistry scenarios;
    /** Null for a read-only store. */
    final BatchAppender appender;
    /** Null unless the policy is {@code BATCH} (and the store writes), as is {@code writeBehind}. */
    final Journal journal;
    final WriteBehind writeBehind;
    /** Null without a retention policy, and for a read-only store. */
    final RetentionWorker retention;
    /** Null for a read-only store or with snapshots off. */
    final SnapshotKeeper snapshots;
    private final DirectoryLock lock;

    StoreParts(JsonlStoreBuilder b, DirectoryLock lock) throws IOException {
        this.readOnly = b.readOnly;
        this.window = b.readOnly ? null : new DedupWindow(b.dedupWindow);
        this.lock = lock;
        this.retention = b.readOnly || !b.retention.rotates() ? null
                : new RetentionWorker(b.retention, b.clock, this::knownScenarios);
        this.channels = new OpenChannels(b.maxOpenFiles);
        SnapshotPreload snapshotRead = SnapshotPreload.start(b.dir, b.snapshots, counters);
        // Before anything reads the scenario files: they then hold every acknowledged line.
        this.journal = b.readOnly ? null : Journal.openAfterReplay(b, counters);
        this.writeBehind = journal == null ? null
                : new WriteBehind(journal, b.dir, counters, b.journalCheckpoint.toNanos());
        ScenarioFile.Setup setup = b.readOnly ? null : new ScenarioFile.Setup(b.opener, b.fsync, counters,
                b.fsyncListener, channels,
                retention == null ? ScenarioFile.Growth.NONE : (file, bytes) -> retention.liveGrew(file, bytes),
                b.limits.maxFailureTypes(), journal);
        this.scenarios = new ScenarioRegistry(b.dir, setup, counters, window == null ? 0 : window.capacity(),
                b.limits);
        this.appender = b.readOnly ? null : new BatchAppender(scenarios, window, b.fsync, counters,
                Math.max(1, b.maxOpenFiles / 8), this::appended, journal, writeBehind);
        Map<String, ScenarioSnapshot> loaded;
        Map<String, ScenarioSnapshot> restored;
        try {
            loaded = snapshotRead.get();
            restored = scenarios.load(window, loaded);
        } catch (IOException | RuntimeException e) {
            if (retention != null) {
                retention.close();
            }
            if (appender != null) {
                appender.close();
            }
            if (journal != null) {
                journal.close();
            }
            throw e;
        }
        if (writeBehind != null) {
            writeBehind.start();
        }
        this.snapshots = b.readOnly || !b.snapshots ? null
                : new SnapshotKeeper(b.dir, scenarios::known, loaded, restored, counters, b.snapshotInterval,
                        b.snapshotAfterBytes);
        if (snapshots != null) {
            snapshots.start();
        }
        if (retention != null) {
            retention.start();
        }
    }

    /** Counts appended bytes towards the next snapshot. */
    private void appended(long bytes) {
        if (snapshots != null) {
            snapshots.appended(bytes);
        }
    }

    private Collection<ScenarioFile> knownScenarios() {
        return scenarios.known();
    }

    /**
     * Stops the appender, retention and snapshots (writing the final snapshot), forces the files
     * behind the journal, closes every file and releases the directory lock.
     *
     * @return the first failure to close a file or the lock, the others suppressed in it; null if none
     */
    IOException close() {
        if (appender != null) {
            appender.close();
        }
        if (retention != null) {
            retention.close();
        }
        if (snapshots != null) {
            snapshots.close();
        }
        if (writeBehind != null) {
            // Forces every scenario file; the journal is deleted only when all of them are durable.
            writeBehind.close();
        }
        IOException failure = scenarios.closeAll();
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException e) {
                failure = first(failure, e);
            }
        }
        return failure;
    }

    static IOException first(IOException failure, IOException e) {
        if (failure == null) {
            return e;
        }
        failure.addSuppressed(e);
        return failure;
    }
}
