package com.vrooli.telemetry.store.jsonl.snapshot;

import com.vrooli.telemetry.store.jsonl.ScenarioFile;
import com.vrooli.telemetry.store.jsonl.StoreCounters;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Writes a writing store's snapshot file: on close, and in the background every interval or as
 * soon as a given number of bytes was appended since the last one, whichever comes first. The
 * append path only adds to a counter (and, past the threshold, wakes the background thread); the
 * capturing, encoding and writing happen on the keeper's own daemon thread. Scenarios whose file
 * did not grow since the last snapshot reuse their last entry, and nothing is written when no
 * scenario changed. A failed write is counted and retried at the next turn; snapshots only make
 * restarts faster, so a failure never fails an append or a close. Thread-safe.
 */
public final class SnapshotKeeper implements AutoCloseable {

    private final Path dir;
    private final Supplier<Iterable<ScenarioFile>> scenarios;
    private final StoreCounters counters;
    private final long intervalNanos;
    private final long everyBytes;
    private final AtomicLong appendedSinceLast = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Thread thread;
    private boolean nudged;
    private boolean stopping;
    /** The file on disk holds entries that were not restored (stale or of deleted scenarios). */
    private boolean staleOnDisk;
    /** The entries in the snapshot file now, by scenario; guarded by writing. */
    private final Map<String, ScenarioSnapshot> written = new HashMap<>();
    private final Object writing = new Object();

    /**
     * @param loaded   the entries found in the snapshot file on open
     * @param restored those of them the store was restored from
     */
    public SnapshotKeeper(Path dir, Supplier<Iterable<ScenarioFile>> scenarios, Map<String, ScenarioSnapshot> loaded,
                           Map<String, ScenarioSnapshot> restored, StoreCounters counters, Duration interval,
                           long everyBytes) {
        this.dir = dir;
        this.scenarios = scenarios;
        this.counters = counters;
        this.intervalNanos = interval.toNanos();
        this.everyBytes = everyBytes;
        this.written.putAll(restored);
        this.staleOnDisk = loaded.size() != restored.size();
        this.thread = new Thread(this::run, "telemetry-snapshots " + dir.getFileName());
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Called after each write: cheap, never blocks on I/O. */
    public void appended(long bytes) {
        long now = appendedSinceLast.addAndGet(bytes);
        if (now >= everyBytes && now - bytes < everyBytes) {
            lock.lock();
            try {
                nudged = true;
                wake.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    private void run() {
        while (awaitTurn()) {
            writeNow();
        }
    }

    /** Waits for the interval or a nudge; false when stopping. */
    private boolean awaitTurn() {
        lock.lock();
        try {
            long remaining = intervalNanos;
            while (!stopping && !nudged && remaining > 0) {
                remaining = wake.awaitNanos(remaining);
            }
            nudged = false;
            return !stopping;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Captures every scenario that changed and replaces the snapshot file when anything did.
     *
     * @return true when the file on disk is up to date afterwards
     */
    boolean writeNow() {
        synchronized (writing) {
            appendedSinceLast.set(0);
            try {
                boolean changed = staleOnDisk;
                List<ScenarioSnapshot> entries = new ArrayList<>();
                Map<String, ScenarioSnapshot> next = new HashMap<>();
                for (ScenarioFile file : scenarios.get()) {
                    ScenarioSnapshot last = written.get(file.scenario);
                    // A scenario with segments is not captured (see ScenarioFile#segmented), and an
                    // entry of its live file from before it was rotated is dropped.
                    ScenarioSnapshot entry = file.segmented() ? null
                            : last != null && last.offset() == file.committedSize() ? last : file.capture();
                    if (entry != null) {
                        changed |= entry != last;
                        entries.add(entry);
                        next.put(file.scenario, entry);
                    }
                }
                changed |= next.size() != written.size();
                if (changed) {
                    SnapshotFile.write(dir, out -> SnapshotCodec.encode(entries, out));
                    written.clear();
                    written.putAll(next);
                    staleOnDisk = false;
                    counters.snapshotsWritten.increment();
                }
                return true;
            } catch (IOException | RuntimeException e) {
                counters.snapshotFailures.increment();
                return false;
            }
        }
    }

    /** Stops the background thread and writes the final snapshot; the caller holds off appends. */
    @Override
    public void close() {
        lock.lock();
        try {
            stopping = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(1));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        writeNow();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
