package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.core.ActivityAggregator;
import com.vrooli.telemetry.core.ActivityState;
import com.vrooli.telemetry.core.DeploymentState;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.SummaryAggregator;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.core.Timeline;
import com.vrooli.telemetry.core.TimelineQuery;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;

/**
 * One scenario: its live file {@code {dir}/{scenario}.jsonl}, the size of its whole lines, its
 * sealed segments (see {@link RetentionPolicy}) and its summary aggregate, which counts the events
 * of the segments and the live file.
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

    /** Hears the live file's size after each append, to rotate it when it is big enough. */
    interface Growth {
        Growth NONE = (file, liveBytes) -> { };

        void grew(ScenarioFile file, long liveBytes);
    }

    final String scenario;
    final Path path;
    private final WriteChannel channel;
    private final GroupCommit commit;
    private final StoreCounters counters;
    private final Growth growth;

    private final ScenarioFileSet segments = new ScenarioFileSet();

    private final Object summaryLock = new Object();
    private SummaryAggregator aggregator;
    private ScenarioSummary snapshot;
    /** The dashboard's aggregates, fed with the summary and guarded by its lock. */
    private ActivityAggregator activity = ActivityAggregator.create();

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
    private NewestIdRing recentIds;

    private ScenarioFile(String scenario, Path path, WriteChannel channel, StoreCounters counters,
                         IntSupplier idQuota, Growth growth) {
        this.scenario = scenario;
        this.path = path;
        this.channel = channel;
        this.counters = counters;
        this.idQuota = idQuota;
        this.recentIds = new NewestIdRing(scenario, idQuota.getAsInt());
        this.growth = growth;
        this.aggregator = new SummaryAggregator(scenario);
        this.commit = channel == null ? null : new GroupCommit(() -> writtenSeq, channel::force);
    }

    /**
     * A scenario that this store writes.
     *
     * @param idQuota how many of its newest event ids this scenario keeps for snapshots now
     */
    static ScenarioFile writable(String scenario, Path path, WriteChannel.Opener opener, StoreCounters counters,
                                 LongConsumer fsyncListener, IntSupplier idQuota, Growth growth) {
        return new ScenarioFile(scenario, path, new WriteChannel(path, opener, counters, fsyncListener), counters,
                idQuota, growth);
    }

    /** A scenario that this store only reads. */
    static ScenarioFile readable(String scenario, Path path, StoreCounters counters) {
        return new ScenarioFile(scenario, path, null, counters, () -> 0, Growth.NONE);
    }

    /** Sets the segments found on open, before {@link #rebuild} or {@link #restore}. */
    void useSegments(SealedSegments found) {
        segments.use(found);
    }

    /**
     * Whether this scenario's live file was ever rotated: it has sealed segments, or had some in
     * this process. Its summary then counts events outside the live file, which a snapshot (an
     * offset and fingerprint of the live file only) cannot vouch for, so such a scenario is never
     * captured nor restored; it is rebuilt from its files on open.
     */
    boolean segmented() {
        return segments.current().liveNumber() > 1;
    }

    /**
     * Reads the segments, oldest first, then the live file from the start, feeding {@code ids};
     * with {@code repair}, moves a torn tail of the live file aside.
     */
    synchronized void rebuild(NewestIdRing ids, boolean repair) throws IOException {
        Consumer<TelemetryEvent> sink = e -> {
            addToSummary(e);
            countId(e);
            ids.accept(e);
        };
        recentIds = ids;
        for (Segment segment : segments.current().segments()) {
            counters.badLinesSkipped.add(RebuildReader.scan(segment, scenario, sink));
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            // Only segments: a crash came right after a rotation. The next append creates the file.
            committedSize = 0;
            syncDirectory = true;
            return;
        }
        FileRecovery.Scan scan = FileRecovery.scan(path, scenario, 0, sink);
        finishScan(scan, repair);
    }

    /**
     * Resumes from a snapshot and reads only the lines after its offset; {@code ids} gets what a
     * full rebuild would have given it (see {@link DedupShareRestorer}). With {@code repair}, moves a torn
     * tail aside.
     *
     * @return false, having changed nothing, when the snapshot does not belong to the file as it
     *         is now (shorter, replaced, rotated or rewritten), or when the scenario has segments
     *         (see {@link #segmented}): the caller then rebuilds
     */
    synchronized boolean restore(ScenarioSnapshot from, NewestIdRing ids, boolean repair) throws IOException {
        if (segmented()) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            if (!from.fingerprint().matches(ch, from.offset())) {
                return false;
            }
        } catch (NoSuchFileException e) {
            return false;
        }
        synchronized (summaryLock) {
            aggregator = SummaryAggregator.resume(from.summary());
            activity = ActivityAggregator.resume(from.activity());
            snapshot = null;
        }
        idLines = from.idLines();
        badLines = from.badLines();
        counters.badLinesSkipped.add(from.badLines());
        NewestIdRing newer = new NewestIdRing(scenario, ids.quota());
        FileRecovery.Scan scan = FileRecovery.scan(path, scenario, from.offset(), e -> {
            addToSummary(e);
            countId(e);
            newer.accept(e);
        });
        DedupShareRestorer.resume(from, newer, ids, path);
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
     * This scenario's state to persist, or null when its file holds no whole line yet or it has
     * segments (see {@link #segmented}). Holds the append lock (which rotations take too) while it
     * reads the fingerprint's few KiB, so the state and the bytes it is fingerprinted against are
     * always of the same file.
     */
    synchronized ScenarioSnapshot capture() throws IOException {
        long offset = committedSize;
        if (offset == 0 || segmented()) {
            return null;
        }
        FileFingerprint fingerprint;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            fingerprint = FileFingerprint.of(ch, offset);
        }
        recentIds.limit(idQuota.getAsInt());
        ScenarioSummary summary;
        ActivityState activityState;
        synchronized (summaryLock) {
            summary = summary();
            activityState = activity.state();
        }
        return new ScenarioSnapshot(summary, activityState, offset, fingerprint, badLines, idLines,
                recentIds.toArray());
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

    /**
     * For a read-only store: reads what was appended since the last look, or everything again when
     * the writer rotated the live file or retention deleted segments ({@code listed} differs).
     */
    synchronized void refresh(SealedSegments listed) throws IOException {
        long size;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            size = ch.size();
        } catch (NoSuchFileException e) {
            size = 0;
        }
        boolean rotated = !listed.numbers().equals(segments.current().numbers());
        segments.use(listed);
        if (rotated || size < committedSize) {
            synchronized (summaryLock) {
                aggregator = new SummaryAggregator(scenario);
                activity = ActivityAggregator.create();
                snapshot = null;
            }
            committedSize = 0;
            badLines = 0;
            idLines = 0;
            for (Segment segment : listed.segments()) {
                try {
                    counters.badLinesSkipped.add(RebuildReader.scanEitherForm(segment, scenario, this::addToSummary));
                } catch (NoSuchFileException deletedSinceListed) {
                    // The writer's retention removed it: it is not part of the retained events.
                    continue;
                }
            }
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
        for (int i = 0; i < keep.length; i++) {
            keep[i] = !part.repeatsEarlier(i);
        }
        // Only this scenario's appends add its fingerprints, and they hold this lock: what is not
        // in the window now is still not in it when the lines are written.
        int kept = window.dropKnown(part.fingerprints(), keep);
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
        growth.grew(this, committedSize);
        long[] fingerprints = part.fingerprints();
        window.addAll(fingerprints, keep);
        for (int i = 0; i < keep.length; i++) {
            if (keep[i] && fingerprints[i] != 0) {
                recentIds.add(fingerprints[i]);
                idLines++;
            }
        }
        addToSummary(part.events, keep);
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

    /** With {@link FsyncPolicy#BATCH}: starts forcing on {@code executor} when no force is running (see {@link GroupCommit#startIfIdle}). */
    void startForceIfIdle(long seq, Executor executor) {
        commit.startIfIdle(seq, executor);
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

    /** Counts the kept events, taking the summary's lock once. */
    private void addToSummary(List<TelemetryEvent> events, boolean[] keep) {
        synchronized (summaryLock) {
            for (int i = 0; i < keep.length; i++) {
                if (keep[i]) {
                    aggregator.add(events.get(i));
                    activity.add(events.get(i));
                }
            }
            snapshot = null;
        }
    }

    private void addToSummary(TelemetryEvent e) {
        synchronized (summaryLock) {
            aggregator.add(e);
            activity.add(e);
            snapshot = null;
        }
    }

    /**
     * Seals the live file as the segment numbered {@link SealedSegments#liveNumber()}: forces it (as a
     * group-commit force, so appenders waiting for durability are released), closes it, renames it
     * (one atomic rename: a crash leaves either the live file or the segment, never both or
     * neither) and forces the directory. The next append creates a new, empty live file. Appends
     * wait meanwhile, for about two forces.
     *
     * @param now the seal time, kept as the segment's modification time
     * @return the new segment, or null when the live file is empty
     * @throws IOException when any step failed; the live file is then still the live file
     */
    synchronized Segment rotate(Instant now) throws IOException {
        if (committedSize == 0) {
            return null;
        }
        repairTail();
        long size = committedSize;
        SegmentName name = new SegmentName(scenario, segments.current().liveNumber(), false);
        Path target = ScenarioDirectory.inside(path.getParent(), name.fileName());
        commit.exclusive(() -> {
            channel.force();
            channel.release();
        });
        Files.setLastModifiedTime(path, FileTime.from(now));
        Segment sealed = new Segment(name, target, size, now);
        segments.seal(sealed, () -> {
            Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
            committedSize = 0;
            createEmptyLiveFile();
        });
        DirectorySync.force(path.getParent());
        return sealed;
    }

    /**
     * Puts an empty file where the live file was, so {@code {scenario}.jsonl} is there for tools
     * that follow it. Best effort: when it cannot be created (disk full), the next append creates
     * it, forcing the directory as for any new file.
     */
    private void createEmptyLiveFile() {
        try {
            Files.newByteChannel(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS).close();
        } catch (IOException e) {
            syncDirectory = true;
        }
    }

    /** The scenario's sealed segments, which retention replaces (compressed) and drops (deleted). */
    ScenarioFileSet segments() {
        return segments;
    }

    /**
     * Counts the summary again from the retained files (after retention deleted segments). Reads
     * without blocking appends, then, holding the append lock, reads what was appended meanwhile
     * and swaps the new count in, so no event is missed or counted twice.
     */
    void recountSummary() throws IOException {
        ScenarioView cut = segments.cut(() -> committedSize);
        SealedSegments set = cut.segments();
        long end = cut.liveEnd();
        SummaryAggregator fresh = new SummaryAggregator(scenario);
        ActivityAggregator freshActivity = ActivityAggregator.create();
        Consumer<TelemetryEvent> count = e -> {
            fresh.add(e);
            freshActivity.add(e);
        };
        for (Segment segment : set.segments()) {
            RebuildReader.scan(segment, scenario, count);
        }
        if (end > 0) {
            RebuildReader.scanRange(path, scenario, 0, end, count);
        }
        synchronized (this) {
            if (segments.current().liveNumber() != set.liveNumber()) {
                return;
            }
            if (committedSize > end) {
                RebuildReader.scanRange(path, scenario, end, committedSize, count);
            }
            synchronized (summaryLock) {
                aggregator = fresh;
                activity = freshActivity;
                snapshot = null;
            }
        }
    }

    /** Opens what a query reads: the segments and the live file, consistently with rotations. */
    ScenarioView openView() throws IOException {
        return segments.open(path, channel == null ? null : () -> committedSize);
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

    /** The timeline buckets a query asks for. */
    Timeline timeline(TimelineQuery query) {
        synchronized (summaryLock) {
            return activity.timeline(query);
        }
    }

    /** The fleet view's rows. */
    List<DeploymentState> deployments() {
        synchronized (summaryLock) {
            return activity.deployments();
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
