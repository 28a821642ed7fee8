package com.vrooli.telemetry.store.jsonl.snapshot;

import com.vrooli.telemetry.store.jsonl.StoreCounters;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Reads the snapshot file on a short-lived thread of its own while the journal is replayed: the
 * two are independent (the snapshot's entries are checked against the scenario files only once the
 * replay is done, by {@code ScenarioRegistry.load}), and on a restart after a crash each takes a
 * good part of the time before the store serves. A snapshot that cannot be read counts as a
 * snapshot failure and the scenarios are read whole, as before. Thread-safe.
 */
public final class SnapshotPreload {

    private final FutureTask<Map<String, ScenarioSnapshot>> read;

    private SnapshotPreload(FutureTask<Map<String, ScenarioSnapshot>> read) {
        this.read = read;
    }

    /** Starts reading {@code {dir}/.snapshots/} when {@code enabled}; otherwise {@link #get} answers no entries. */
    public static SnapshotPreload start(Path dir, boolean enabled, StoreCounters counters) {
        FutureTask<Map<String, ScenarioSnapshot>> read = new FutureTask<>(() -> {
            if (!enabled) {
                return Map.of();
            }
            try {
                return SnapshotFile.load(dir);
            } catch (IOException e) {
                counters.snapshotFailures.increment();
                return Map.of();
            }
        });
        if (enabled) {
            Thread t = new Thread(read, "telemetry-store-open-snapshot");
            t.setDaemon(true);
            t.start();
        } else {
            read.run();
        }
        return new SnapshotPreload(read);
    }

    /**
     * The snapshot's entries by scenario, once read.
     *
     * @throws InterruptedIOException when interrupted while waiting
     */
    public Map<String, ScenarioSnapshot> get() throws InterruptedIOException {
        try {
            return read.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while reading the snapshot");
            interrupted.initCause(e);
            throw interrupted;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }
}
