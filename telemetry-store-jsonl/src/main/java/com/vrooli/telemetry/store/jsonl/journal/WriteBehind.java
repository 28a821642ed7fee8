package com.vrooli.telemetry.store.jsonl.journal;

import com.vrooli.telemetry.store.jsonl.ScenarioFile;
import com.vrooli.telemetry.store.jsonl.StoreCounters;
import com.vrooli.telemetry.store.jsonl.append.ForcePool;
import com.vrooli.telemetry.store.jsonl.append.UnsyncedWrites;
import com.vrooli.telemetry.store.jsonl.directory.DirectorySync;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Forces the scenario files behind the {@link Journal} on one daemon thread
 * ({@code telemetry-write-behind}), and checkpoints: seals the active journal segment once it is
 * {@code checkpointNanos} old, readies its successor ahead ({@link Journal#prepareNext}), and
 * deletes each sealed segment, oldest first, once every scenario write it covers is forced (and a
 * new file's directory entry too).
 *
 * <p>A failed force of a scenario file is never retried on the same descriptor: the file's
 * {@link UnsyncedWrites} writes its unforced lines again and forces them ({@link ScenarioFile#repairTail},
 * under the file's lock); until that succeeds, the segments covering the file stay, so a restart
 * would replay them. Thread-safe.
 */
public final class WriteBehind implements AutoCloseable {

    private final Journal journal;
    private final Path dir;
    private final StoreCounters counters;
    private final long checkpointNanos;
    /**
     * The least time from one pass to the next. Back to back, passes forced a busy scenario's file
     * after nearly every upload (issue 13's 64 senders at 1,280 uploads a second: 1,280 scenario
     * forces a second beside the journal's 900, JFR), and those forces queued on the disk with the
     * journal's, which the answers wait for; paced, 320 a second. Nothing waits for these forces:
     * a longer gap only keeps the journal's segments (and the copies of unforced lines) longer.
     */
    public static final long PASS_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private final ForcePool forces = new ForcePool(4);
    private final Set<ScenarioFile> dirty = ConcurrentHashMap.newKeySet();
    private final Object signal = new Object();
    private final Thread thread;
    private volatile boolean stopped;

    public WriteBehind(Journal journal, Path dir, StoreCounters counters, long checkpointNanos) {
        this.journal = journal;
        this.dir = dir;
        this.counters = counters;
        this.checkpointNanos = checkpointNanos;
        this.thread = new Thread(this::run, "telemetry-write-behind");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Notes files written since their last force. */
    public void written(Collection<ScenarioFile> files) {
        if (dirty.addAll(files)) {
            synchronized (signal) {
                signal.notifyAll();
            }
        }
    }

    private void run() {
        boolean failed = false;
        long lastPass = System.nanoTime() - PASS_GAP_NANOS;
        while (!stopped) {
            synchronized (signal) {
                try {
                    // Files written during the gap are forced together by the next pass.
                    long wait;
                    while (!stopped && (wait = lastPass + PASS_GAP_NANOS - System.nanoTime()) > 0) {
                        TimeUnit.NANOSECONDS.timedWait(signal, wait);
                    }
                    // After a failure, wait rather than spin on a disk that keeps failing.
                    if ((dirty.isEmpty() || failed) && !stopped) {
                        signal.wait(TimeUnit.NANOSECONDS.toMillis(checkpointNanos) / 4 + 1);
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (!stopped) {
                lastPass = System.nanoTime();
                failed = !pass();
            }
        }
    }

    /**
     * One round: force what is dirty, seal an old active segment, ready its successor, delete what
     * is covered.
     *
     * @return false when a force failed
     */
    public synchronized boolean pass() {
        boolean ok = forceDirty();
        try {
            journal.sealIfOlder(checkpointNanos);
        } catch (IOException e) {
            // The active segment stays active; its next append writes again what the force lost.
            counters.writeFailures.increment();
            ok = false;
        }
        journal.prepareNext();
        deleteCovered();
        return ok;
    }

    /** Forces every file written since its last force; true when all of them are durable now. */
    boolean forceDirty() {
        List<ScenarioFile> files = new ArrayList<>(dirty);
        dirty.removeAll(files);
        long[] seqs = new long[files.size()];
        for (int i = 0; i < files.size(); i++) {
            seqs[i] = files.get(i).unsynced.latestSeq();
            if (i > 0) {
                files.get(i).startForceIfIdle(seqs[i], forces);
            }
        }
        boolean all = true;
        boolean newEntries = false;
        for (int i = 0; i < files.size(); i++) {
            ScenarioFile file = files.get(i);
            try {
                forceOne(file, seqs[i]);
                newEntries |= file.takeDirectorySync();
            } catch (IOException e) {
                counters.writeFailures.increment();
                dirty.add(file);
                all = false;
            }
        }
        if (newEntries) {
            DirectorySync.force(dir);
        }
        return all;
    }

    private static void forceOne(ScenarioFile file, long seq) throws IOException {
        try {
            file.awaitDurable(seq);
        } catch (IOException failed) {
            // Lost lines are written again from memory and forced, under the file's lock.
            synchronized (file) {
                file.repairTail();
            }
        }
    }

    private void deleteCovered() {
        for (JournalSegment segment : journal.sealedSegments()) {
            if (!forced(segment.covered())) {
                return;
            }
            try {
                journal.delete(segment);
            } catch (IOException e) {
                counters.writeFailures.increment();
                return;
            }
        }
    }

    /** True when every covered write is forced; the others are marked dirty for the next round. */
    private boolean forced(Map<ScenarioFile, Long> covered) {
        boolean all = true;
        for (Map.Entry<ScenarioFile, Long> e : covered.entrySet()) {
            if (!e.getKey().forcedThrough(e.getValue())) {
                dirty.add(e.getKey());
                all = false;
            }
        }
        return all;
    }

    /**
     * Stops the thread, then forces every file the journal covers: when all are forced, the
     * journal's segments are deleted; otherwise they stay for the next open to replay.
     */
    @Override
    public void close() {
        stopped = true;
        synchronized (signal) {
            signal.notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<JournalSegment> segments = new ArrayList<>(journal.sealedSegments());
        segments.add(journal.active());
        for (JournalSegment segment : segments) {
            forced(segment.covered());
        }
        boolean checkpointed = forceDirty();
        for (JournalSegment segment : segments) {
            checkpointed &= forced(segment.covered());
        }
        forces.close();
        try {
            journal.close(checkpointed);
        } catch (IOException e) {
            counters.writeFailures.increment();
        }
    }
}
