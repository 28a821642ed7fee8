package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.SummaryAggregator;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;

/**
 * One scenario: its file {@code {dir}/{scenario}.jsonl}, the size of its whole lines and its
 * summary aggregate.
 *
 * <p>Appends hold this object's lock for the de-duplication check and the one write of the
 * part's whole lines, so the lines of concurrent batches never interleave; the summary has its own
 * lock so that reading it never waits for the disk. A failed write is cut back to the previous
 * size before the append fails; if even that fails, the next append cuts it first. Thread-safe.
 */
final class ScenarioFile {

    /** What one append did to this scenario: events stored and skipped, bytes written, write sequence. */
    record Outcome(int stored, int duplicates, int bytes, long seq) {
    }

    final String scenario;
    final Path path;
    private final WriteChannel channel;
    private final GroupCommit commit;
    private final StoreCounters counters;

    private final Object summaryLock = new Object();
    private SummaryAggregator aggregator;
    private ScenarioSummary snapshot;

    /** Whole lines end here: what appends wrote, or how far a read-only store has read. */
    private volatile long committedSize;
    private volatile long writtenSeq;
    /** Bytes after committedSize are a line a crash cut short, to move to the corrupt file. */
    private boolean tornTail;
    /** Bytes after committedSize may be left from a failed write, to cut off. */
    private boolean dirtyTail;
    private boolean syncDirectory;
    /** Unreadable lines and events with an event id in the whole lines (for snapshots). */
    private long badLines;
    private long idLines;
    /** This scenario's newest event ids, its share of the window, kept for snapshots. */
    private final IntSupplier idQuota;
    private RecentIds recentIds;

    private ScenarioFile(String scenario, Path path, WriteChannel channel, StoreCounters counters,
                         IntSupplier idQuota) {
        this.scenario = scenario;
        this.path = path;
        this.channel = channel;
        this.counters = counters;
        this.idQuota = idQuota;
        this.recentIds = new RecentIds(scenario, idQuota.getAsInt());
        this.aggregator = new SummaryAggregator(scenario);
        this.commit = channel == null ? null : new GroupCommit(() -> writtenSeq, channel::force);
    }

    /**
     * A scenario that this store writes.
     *
     * @param idQuota how many of its newest event ids this scenario keeps for snapshots now
     */
    static ScenarioFile writable(String scenario, Path path, WriteChannel.Opener opener, StoreCounters counters,
                                 LongConsumer fsyncListener, IntSupplier idQuota) {
        return new ScenarioFile(scenario, path, new WriteChannel(path, opener, counters, fsyncListener), counters,
                idQuota);
    }

    /** A scenario that this store only reads. */
    static ScenarioFile readable(String scenario, Path path, StoreCounters counters) {
        return new ScenarioFile(scenario, path, null, counters, () -> 0);
    }

    /** Reads the file from the start, feeding {@code eventIds}; with {@code repair}, moves a torn tail aside. */
    synchronized void rebuild(RecentIds ids, boolean repair) throws IOException {
        FileRecovery.Scan scan = FileRecovery.scan(path, scenario, 0, e -> {
            addToSummary(e);
            countId(e);
            ids.accept(e);
        });
        recentIds = ids;
        finishScan(scan, repair);
    }

    /**
     * Resumes from a snapshot and reads only the lines after its offset; {@code ids} gets what a
     * full rebuild would have given it (see {@link SnapshotIds}). With {@code repair}, moves a torn
     * tail aside.
     *
     * @return false, having changed nothing, when the snapshot does not belong to the file as it
     *         is now (shorter, replaced, rotated or rewritten): the caller then rebuilds
     */
    synchronized boolean restore(ScenarioSnapshot from, RecentIds ids, boolean repair) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            if (!from.fingerprint().matches(ch, from.offset())) {
                return false;
            }
        }
        synchronized (summaryLock) {
            aggregator = SummaryAggregator.resume(from.summary());
            snapshot = null;
        }
        idLines = from.idLines();
        badLines = from.badLines();
        counters.badLinesSkipped.add(from.badLines());
        RecentIds newer = new RecentIds(scenario, ids.quota());
        FileRecovery.Scan scan = FileRecovery.scan(path, scenario, from.offset(), e -> {
            addToSummary(e);
            countId(e);
            newer.accept(e);
        });
        SnapshotIds.resume(from, newer, ids, path);
        recentIds = ids;
        finishScan(scan, repair);
        return true;
    }

    private void finishScan(FileRecovery.Scan scan, boolean repair) {
        committedSize = scan.wholeLinesEnd();
        badLines += scan.badLines();
        counters.badLinesSkipped.add(scan.badLines());
        if (scan.tornTail() && repair) {
            tornTail = true;
            try {
                repairTail();
            } catch (IOException e) {
                // Kept pending: the next append of this scenario retries before it writes.
                counters.writeFailures.increment();
            }
        }
    }

    /**
     * This scenario's state to persist, or null when its file holds no whole line yet. Holds the
     * append lock while it reads the fingerprint's few KiB, so the state and the bytes it is
     * fingerprinted against are always of the same file.
     */
    synchronized ScenarioSnapshot capture() throws IOException {
        long offset = committedSize;
        if (offset == 0) {
            return null;
        }
        FileFingerprint fingerprint;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            fingerprint = FileFingerprint.of(ch, offset);
        }
        recentIds.limit(idQuota.getAsInt());
        return new ScenarioSnapshot(summary(), offset, fingerprint, badLines, idLines, recentIds.toArray());
    }

    private void countId(TelemetryEvent e) {
        if (e.eventId() != null) {
            idLines++;
        }
    }

    /** Marks a scenario first created by this store, whose directory entry must be made durable. */
    void markNew() {
        syncDirectory = true;
    }

    /** For a read-only store: reads what was appended since the last look (or everything after a rotation). */
    synchronized void refresh() throws IOException {
        long size;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            size = ch.size();
        } catch (NoSuchFileException e) {
            size = 0;
        }
        if (size < committedSize) {
            synchronized (summaryLock) {
                aggregator = new SummaryAggregator(scenario);
                snapshot = null;
            }
            committedSize = 0;
            badLines = 0;
            idLines = 0;
        }
        if (size > committedSize) {
            FileRecovery.Scan scan = FileRecovery.scan(path, scenario, committedSize, e -> {
                addToSummary(e);
                countId(e);
            });
            committedSize = scan.wholeLinesEnd();
            badLines += scan.badLines();
            counters.badLinesSkipped.add(scan.badLines());
        }
    }

    /**
     * Writes the part's events that are not duplicates as one write, then counts them.
     *
     * @throws IOException when the write failed (nothing of it is left in the file), or, with
     *                     {@link FsyncPolicy#ALWAYS}, when the force failed (the lines stay written)
     */
    synchronized Outcome append(EncodedPart part, DedupWindow window, FsyncPolicy policy) throws IOException {
        repairTail();
        boolean[] keep = new boolean[part.size()];
        Set<Long> seenInBatch = part.size() > 1 ? new HashSet<>() : null;
        int kept = 0;
        for (int i = 0; i < keep.length; i++) {
            long fp = part.fingerprint(i);
            if (fp == 0 || (!window.contains(fp) && (seenInBatch == null || seenInBatch.add(fp)))) {
                keep[i] = true;
                kept++;
            }
        }
        int duplicates = keep.length - kept;
        if (kept == 0) {
            counters.duplicatesSkipped.add(duplicates);
            return new Outcome(0, duplicates, 0, 0);
        }
        ByteBuffer lines = part.lines(keep, kept);
        int length = lines.remaining();
        long before = committedSize;
        try {
            channel.writeFully(lines, before);
        } catch (IOException e) {
            dirtyTail = true;
            try {
                repairTail();
            } catch (IOException cutFailed) {
                e.addSuppressed(cutFailed);
            }
            throw e;
        }
        committedSize = before + length;
        recentIds.limit(idQuota.getAsInt());
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                addToSummary(part.events.get(i));
                if (part.fingerprint(i) != 0) {
                    window.add(part.fingerprint(i));
                    recentIds.add(part.fingerprint(i));
                    idLines++;
                }
            }
        }
        counters.writes.increment();
        counters.bytesWritten.add(length);
        counters.duplicatesSkipped.add(duplicates);
        long seq = ++writtenSeq;
        if (policy != FsyncPolicy.NEVER && syncDirectory) {
            DirectorySync.force(path.getParent());
            syncDirectory = false;
        }
        if (policy == FsyncPolicy.ALWAYS) {
            channel.force();
        }
        return new Outcome(kept, duplicates, length, seq);
    }

    /** With {@link FsyncPolicy#BATCH}: returns once the append with sequence {@code seq} is durable. */
    void awaitDurable(long seq) throws IOException {
        commit.awaitDurable(seq);
    }

    private void repairTail() throws IOException {
        if (tornTail) {
            FileRecovery.moveTornTail(path, path.resolveSibling(path.getFileName() + ".corrupt"), committedSize);
            tornTail = false;
            counters.tornTailsRecovered.increment();
        }
        if (dirtyTail) {
            channel.truncate(committedSize);
            dirtyTail = false;
        }
    }

    private void addToSummary(TelemetryEvent e) {
        synchronized (summaryLock) {
            aggregator.add(e);
            snapshot = null;
        }
    }

    /** The current summary (with zero events when none is stored). */
    ScenarioSummary summary() {
        synchronized (summaryLock) {
            if (snapshot == null) {
                snapshot = aggregator.snapshot();
            }
            return snapshot;
        }
    }

    /** Offset just after the last whole line; queries read no further. */
    long committedSize() {
        return committedSize;
    }

    synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
