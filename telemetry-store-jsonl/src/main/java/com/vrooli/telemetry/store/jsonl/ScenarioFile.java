package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.SummaryAggregator;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
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

    /** What one append did to this scenario. */
    record Outcome(int stored, int duplicates, long seq) {
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

    private ScenarioFile(String scenario, Path path, WriteChannel channel, StoreCounters counters) {
        this.scenario = scenario;
        this.path = path;
        this.channel = channel;
        this.counters = counters;
        this.aggregator = new SummaryAggregator(scenario);
        this.commit = channel == null ? null : new GroupCommit(() -> writtenSeq, channel::force);
    }

    /** A scenario that this store writes. */
    static ScenarioFile writable(String scenario, Path path, WriteChannel.Opener opener, StoreCounters counters,
                                 LongConsumer fsyncListener) {
        return new ScenarioFile(scenario, path, new WriteChannel(path, opener, counters, fsyncListener), counters);
    }

    /** A scenario that this store only reads. */
    static ScenarioFile readable(String scenario, Path path, StoreCounters counters) {
        return new ScenarioFile(scenario, path, null, counters);
    }

    /** Reads the file from the start, feeding {@code eventIds}; with {@code repair}, moves a torn tail aside. */
    synchronized void rebuild(Consumer<TelemetryEvent> eventIds, boolean repair) throws IOException {
        FileRecovery.Scan scan = FileRecovery.scan(path, scenario, 0, e -> {
            addToSummary(e);
            eventIds.accept(e);
        });
        committedSize = scan.wholeLinesEnd();
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

    /** Marks a scenario first created by this store, whose directory entry must be made durable. */
    void markNew() {
        syncDirectory = true;
    }

    /** For a read-only store: reads what was appended since the last look (or everything after a rotation). */
    synchronized void refresh() throws IOException {
        long size;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
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
        }
        if (size > committedSize) {
            FileRecovery.Scan scan = FileRecovery.scan(path, scenario, committedSize, this::addToSummary);
            committedSize = scan.wholeLinesEnd();
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
            return new Outcome(0, duplicates, 0);
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
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                addToSummary(part.events.get(i));
                if (part.fingerprint(i) != 0) {
                    window.add(part.fingerprint(i));
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
        return new Outcome(kept, duplicates, seq);
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
