package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.core.DeploymentBudget;
import com.vrooli.telemetry.core.DeploymentState;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.CountedEvent;
import com.vrooli.telemetry.core.Timeline;
import com.vrooli.telemetry.core.TimelineQuery;
import com.vrooli.telemetry.store.jsonl.append.EncodedPart;
import com.vrooli.telemetry.store.jsonl.append.UnsyncedWrites;
import com.vrooli.telemetry.store.jsonl.append.WriteChannel;
import com.vrooli.telemetry.store.jsonl.dedup.DedupShareRestorer;
import com.vrooli.telemetry.store.jsonl.dedup.DedupWindow;
import com.vrooli.telemetry.store.jsonl.dedup.NewestIdRing;
import com.vrooli.telemetry.store.jsonl.directory.OpenChannels;
import com.vrooli.telemetry.store.jsonl.journal.Journal;
import com.vrooli.telemetry.store.jsonl.query.ScenarioView;
import com.vrooli.telemetry.store.jsonl.recovery.ScenarioLoading;
import com.vrooli.telemetry.store.jsonl.retention.ScenarioRotation;
import com.vrooli.telemetry.store.jsonl.retention.SealedSegments;
import com.vrooli.telemetry.store.jsonl.retention.Segment;
import com.vrooli.telemetry.store.jsonl.snapshot.ScenarioSnapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;

/**
 * One scenario: its live file {@code {dir}/{scenario}.jsonl}, the size of its whole lines, its
 * sealed segments (see {@link RetentionPolicy}) and its summary aggregate, which counts the events
 * of the segments and the live file. How it is loaded and followed is in {@link ScenarioLoading};
 * how its writes become durable, in {@link UnsyncedWrites}.
 *
 * <p>Appends hold this object's lock for the de-duplication check and the one write of the
 * part's whole lines, so the lines of concurrent batches never interleave; the summary has its own
 * lock ({@link ScenarioAggregate}) so that reading it never waits for the disk, and an append
 * counts its events under it after releasing this one, so that the next append writes meanwhile. A failed write is
 * cut back to the previous size before the append fails; if even that fails, the next append cuts
 * it first, as it first writes again what a failed fsync may have lost. Thread-safe.
 */
public final class ScenarioFile {

    /**
     * What one append did to this scenario: events stored and skipped, bytes written, the write
     * sequence to wait for (the latest write when all were duplicates, whose first copies it
     * covers; 0 when there is nothing to wait for), and the stored events still to count into the
     * aggregate once the scenario's lock is released (null when none were stored).
     */
    public record Outcome(int stored, int duplicates, int bytes, long seq, long position, ByteBuffer lines,
                          ScenarioAggregate.Fold fold) {
    }

    /** Hears the live file's size after each append, to rotate it when it is big enough. */
    interface Growth {
        Growth NONE = (file, liveBytes) -> { };

        void grew(ScenarioFile file, long liveBytes);
    }

    public final String scenario;
    public final Path path;
    public final StoreCounters counters;
    public final ScenarioAggregate aggregate;
    /** Null for a read-only store, as is {@code unsynced}. */
    public final WriteChannel channel;
    public final UnsyncedWrites unsynced;
    /** The store's journal (with {@code BATCH}), told of each rotation; else null. */
    public final Journal journal;
    final Growth growth;
    private final ScenarioFileSet segments = new ScenarioFileSet();

    /** Whole lines end here: what appends wrote, or how far a read-only store has read. */
    public volatile long committedSize;
    /** Bytes after committedSize are a line a crash cut short, to move to the corrupt file. */
    public boolean tornTail;
    /** Bytes after committedSize may be left from a failed write, to cut off. */
    boolean dirtyTail;
    /** Written under this object's lock; volatile so that the write-behind can look without it. */
    public volatile boolean syncDirectory;
    /** Unreadable lines and events with an event id in the whole lines (for snapshots). */
    public long badLines;
    public long idLines;
    /** This scenario's newest event ids, its share of the window, kept for snapshots. */
    public final IntSupplier idQuota;
    public NewestIdRing recentIds;

    private ScenarioFile(String scenario, Path path, WriteChannel channel, FsyncPolicy policy, StoreCounters counters,
                         IntSupplier idQuota, Growth growth, int maxFailureTypes, DeploymentBudget deployments,
                         Journal journal) {
        this.scenario = scenario;
        this.journal = journal;
        this.path = path;
        this.channel = channel;
        this.counters = counters;
        this.idQuota = idQuota;
        this.recentIds = new NewestIdRing(scenario, idQuota.getAsInt());
        this.growth = growth;
        this.aggregate = new ScenarioAggregate(scenario, maxFailureTypes, deployments);
        this.unsynced = channel == null ? null : new UnsyncedWrites(channel, policy);
        if (channel != null) {
            channel.settledWhen(unsynced::settled);
        }
    }

    /** How the scenarios of one writing store are made. */
    record Setup(WriteChannel.Opener opener, FsyncPolicy policy, StoreCounters counters,
                 LongConsumer fsyncListener, OpenChannels channels, Growth growth,
                 int maxFailureTypes, DeploymentBudget deployments, Journal journal) {
    }

    /**
     * A scenario that this store writes.
     *
     * @param idQuota how many of its newest event ids this scenario keeps for snapshots now
     */
    static ScenarioFile writable(String scenario, Path path, Setup setup, IntSupplier idQuota) {
        WriteChannel channel = new WriteChannel(path, setup.opener(), setup.counters(), setup.fsyncListener(),
                setup.channels());
        return new ScenarioFile(scenario, path, channel, setup.policy(), setup.counters(), idQuota, setup.growth(),
                setup.maxFailureTypes(), setup.deployments(), setup.journal());
    }

    /** A scenario that this store only reads. */
    static ScenarioFile readable(String scenario, Path path, StoreCounters counters, int maxFailureTypes,
                                 DeploymentBudget deployments) {
        return new ScenarioFile(scenario, path, null, FsyncPolicy.NEVER, counters, () -> 0, Growth.NONE,
                maxFailureTypes, deployments, null);
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
    public boolean segmented() {
        return segments.current().liveNumber() > 1;
    }

    /** See {@link ScenarioLoading#rebuild}. */
    synchronized void rebuild(NewestIdRing ids, boolean repair) throws IOException {
        ScenarioLoading.rebuild(this, ids, repair);
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
        return ScenarioLoading.restore(this, from, ids, repair);
    }

    /** See {@link ScenarioLoading#refresh}. */
    synchronized void refresh(SealedSegments listed) throws IOException {
        ScenarioLoading.refresh(this, listed);
    }

    /** See {@link ScenarioLoading#capture}. */
    public synchronized ScenarioSnapshot capture() throws IOException {
        return ScenarioLoading.capture(this);
    }

    public void countId(CountedEvent e) {
        if (e.eventIdText() != null) {
            idLines++;
        }
    }

    /** Marks a scenario first created by this store, whose directory entry must be made durable. */
    void markNew() {
        syncDirectory = true;
    }

    /**
     * Writes the part's events that are not duplicates as one write, then counts them (see
     * {@link ScenarioAppend}).
     *
     * @throws IOException when the write failed (nothing of it is left in the file), when what a
     *                     failed fsync may have lost could not be written again first, or, with
     *                     {@link FsyncPolicy#ALWAYS}, when the force failed (the lines stay written,
     *                     and are written again before the next append)
     */
    public Outcome append(EncodedPart part, DedupWindow window, FsyncPolicy policy) throws IOException {
        Outcome outcome;
        synchronized (this) {
            outcome = ScenarioAppend.append(this, part, window, policy);
            if (outcome.fold() != null) {
                outcome.fold().hold();
            }
        }
        if (outcome.fold() != null) {
            outcome.fold().complete();
        }
        return outcome;
    }

    /**
     * {@link #append}, called with this scenario's lock already held, which returns with the
     * stored events not yet counted: the caller calls {@link Outcome#fold()}'s
     * {@link ScenarioAggregate.Fold#hold hold} before it releases the lock and
     * {@link ScenarioAggregate.Fold#complete complete} after.
     */
    public Outcome appendHeld(EncodedPart part, DedupWindow window, FsyncPolicy policy) throws IOException {
        if (!Thread.holdsLock(this)) {
            throw new IllegalStateException("appendHeld needs the scenario's lock");
        }
        return ScenarioAppend.append(this, part, window, policy);
    }

    /** Whether this file's new directory entry still waits to be forced; clears the mark. */
    public boolean takeDirectorySync() {
        // The usual answer without queueing behind the appends for the lock: a mark set after
        // this look is taken by the next pass, and forcedThrough looks again under the lock.
        if (!syncDirectory) {
            return false;
        }
        synchronized (this) {
            boolean pending = syncDirectory;
            syncDirectory = false;
            return pending;
        }
    }

    /** True when the write {@code seq} is forced and no new directory entry waits for a force. */
    public synchronized boolean forcedThrough(long seq) {
        return !syncDirectory && unsynced.durable(seq);
    }

    /** With {@link FsyncPolicy#BATCH}: starts forcing on {@code executor} when no force is running. */
    public void startForceIfIdle(long seq, Executor executor) {
        unsynced.startForceIfIdle(seq, executor);
    }

    /** With {@link FsyncPolicy#BATCH}: returns once the append with sequence {@code seq} is durable. */
    public void awaitDurable(long seq) throws IOException {
        unsynced.awaitDurable(seq);
    }

    /** Puts the file right before it is written (see {@link ScenarioAppend#repairTail}). */
    public void repairTail() throws IOException {
        ScenarioAppend.repairTail(this);
    }

    /** See {@link ScenarioRotation#rotate}. */
    public synchronized Segment rotate(Instant now) throws IOException {
        return ScenarioRotation.rotate(this, now);
    }

    /** The scenario's sealed segments, which retention replaces (compressed) and drops (deleted). */
    public ScenarioFileSet segments() {
        return segments;
    }

    /** See {@link ScenarioLoading#recount}. */
    public void recountSummary() throws IOException {
        ScenarioLoading.recount(this);
    }

    /** Opens what a query reads: the segments and the live file, consistently with rotations. */
    public ScenarioView openView() throws IOException {
        return segments.open(path, channel == null ? null : () -> committedSize);
    }

    /** The current summary (with zero events when none is stored). */
    ScenarioSummary summary() {
        return aggregate.summary();
    }

    /** The timeline buckets a query asks for. */
    Timeline timeline(TimelineQuery query) {
        return aggregate.timeline(query);
    }

    /** The fleet view's rows. */
    List<DeploymentState> deployments() {
        return aggregate.deployments();
    }

    /** Offset just after the last whole line; queries read no further. */
    public long committedSize() {
        return committedSize;
    }

    /**
     * Closes the file, after a last attempt to write again what a failed fsync may have lost (so
     * that a clean shutdown leaves it on disk when the disk allows).
     */
    synchronized void close() throws IOException {
        if (channel == null) {
            return;
        }
        try {
            unsynced.repairIfFailed(committedSize);
        } finally {
            channel.close();
        }
    }
}
