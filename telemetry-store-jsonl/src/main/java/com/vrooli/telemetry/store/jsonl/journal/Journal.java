package com.vrooli.telemetry.store.jsonl.journal;

import com.vrooli.telemetry.store.jsonl.FsyncPolicy;
import com.vrooli.telemetry.store.jsonl.JsonlStoreBuilder;
import com.vrooli.telemetry.store.jsonl.ScenarioFile;
import com.vrooli.telemetry.store.jsonl.StoreCounters;
import com.vrooli.telemetry.store.jsonl.append.GroupCommit;
import com.vrooli.telemetry.store.jsonl.append.WriteChannel;
import com.vrooli.telemetry.store.jsonl.directory.DirectorySync;
import com.vrooli.telemetry.store.jsonl.directory.OpenChannels;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.logging.Logger;

/**
 * The store-wide write-ahead journal ({@code {dir}/.journal/}): every upload's stored lines go into
 * it as one {@link JournalRecord}, and the upload is acknowledged once that record is forced.
 * Concurrent uploads, whatever their scenarios, share the forces of the active segment
 * ({@link GroupCommit}), so the answer waits for about one force and for nothing else; the
 * scenario files are forced behind, by {@link WriteBehind}, which deletes a sealed segment once every
 * scenario write it covers is forced.
 *
 * <p>Order: a record is written while its scenarios' locks are held, right after their lines were
 * written to the scenario files, so for each scenario the journal holds its writes in file order.
 * A segment is forced before the next one takes records, so an acknowledged record always has
 * every earlier record durable before it. Replay on open is {@link JournalReplay}.
 *
 * <p>A record whose write failed is kept and written first by the next append (no other record
 * may come before it: its lines are already in the scenario files). Thread-safe.
 */
public final class Journal implements AutoCloseable {

    public static final String DIRECTORY = ".journal";
    private static final Logger LOG = Logger.getLogger(Journal.class.getPackageName());

    /** One scenario part as written: the file, where its lines went, and the file's write sequence. */
    record Written(ScenarioFile file, long position, ByteBuffer lines, long fileSeq) {
    }

    private final Path dir;
    private final WriteChannel.Opener opener;
    private final StoreCounters counters;
    private final LongConsumer fsyncListener;
    private final OpenChannels channels = new OpenChannels(Integer.MAX_VALUE);
    private final long segmentBytes;
    private JournalSegment active;
    private final NextSegment next;
    private final ArrayDeque<JournalSegment> sealed = new ArrayDeque<>();
    private long nextSeq;
    /** A record whose write failed, written before any other; null when none. */
    private ByteBuffer backlog;
    private List<Written> backlogCovers = List.of();
    private boolean closed;
    /** Deletes the segments the replay on open finished with; null when there were none. Joined on close. */
    private Thread cleanup;

    /**
     * Opens a new segment after what replay left ({@code nextNumber}, {@code nextSeq}).
     *
     * @param segmentBytes the active segment is sealed once it reaches this size
     */
    Journal(Path storeDir, WriteChannel.Opener opener, StoreCounters counters, LongConsumer fsyncListener,
            long segmentBytes, long nextNumber, long nextSeq) {
        this.dir = storeDir.resolve(DIRECTORY);
        this.opener = opener;
        this.counters = counters;
        this.fsyncListener = fsyncListener;
        this.segmentBytes = segmentBytes;
        this.nextSeq = nextSeq;
        this.active = newSegment(nextNumber);
        this.next = new NextSegment(nextNumber, this::newSegment);
    }

    /**
     * Replays what a crash left in the journal into the scenario files, then starts a new journal
     * with {@code BATCH}; with {@code ALWAYS} or {@code NEVER} (no journal), only the replay runs.
     */
    public static Journal openAfterReplay(JsonlStoreBuilder b, StoreCounters counters) throws IOException {
        long start = System.nanoTime();
        JournalReplay.Outcome replayed = JournalReplay.replay(b.dir);
        if (replayed.records() > 0) {
            LOG.info(String.format("replayed %d journal records of %d segments in %d ms: %d scenario parts"
                    + " (%d bytes) written back, %d beyond their file's end skipped, %d torn tail(s) cut",
                    replayed.records(), replayed.segments(), (System.nanoTime() - start) / 1_000_000,
                    replayed.partsWritten(), replayed.bytesWritten(), replayed.partsSkipped(), replayed.tornTails()));
        }
        counters.journalPartsReplayed.add(replayed.partsWritten());
        counters.tornTailsRecovered.add(replayed.tornTails());
        if (b.fsync != FsyncPolicy.BATCH) {
            // No journal to close later that could wait for a background deletion.
            ReplayedSegments.delete(replayed.replayed());
            return null;
        }
        Journal journal = new Journal(b.dir, b.opener, counters, b.fsyncListener, b.journalSegmentBytes,
                replayed.nextSegment(), replayed.nextSeq());
        journal.cleanup = ReplayedSegments.deleteInBackground(replayed.replayed());
        return journal;
    }

    /** A segment whose file is created by its first write (a store on a read-only disk still opens). */
    private JournalSegment newSegment(long number) {
        Path path = dir.resolve(JournalSegment.fileName(number));
        WriteChannel channel = new WriteChannel(path, opener, counters, fsyncListener, channels);
        return new JournalSegment(number, path, channel);
    }

    /**
     * Before lines are written to scenario files: writes a failed record again, repairs what a
     * failed force may have lost, and reserves disk space for a record of up to {@code bytes}, so
     * that while the journal cannot take records (a failing disk, a full one), nothing new is
     * written anywhere.
     *
     * @throws IOException when the journal is still failing
     */
    synchronized void prepare(long bytes) throws IOException {
        if (closed) {
            throw new IOException("store is closed");
        }
        writeBacklog();
        if (active.size() >= segmentBytes) {
            sealActive();
        }
        active.reserve(bytes);
    }

    /**
     * Writes one record of {@code parts} (an empty list writes nothing) and notes which scenario
     * writes it covers. Call while holding the locks of the parts' scenario files.
     *
     * @return what to wait for: this record, or with no parts, the latest record (which covers
     *         the first copies of duplicates)
     * @throws IOException when the record could not be written; it is then written before the next one
     */
    synchronized JournalTicket append(List<Written> parts) throws IOException {
        if (closed) {
            throw new IOException("store is closed");
        }
        writeBacklog();
        if (parts.isEmpty()) {
            // Duplicates wait for the latest record; after a failed force it is written again first.
            active.repair();
            return latest();
        }
        List<JournalRecord.Part> recordParts = new ArrayList<>(parts.size());
        for (Written w : parts) {
            recordParts.add(new JournalRecord.Part(w.file().scenario, w.position(), w.lines()));
        }
        ByteBuffer framed = new JournalRecord(nextSeq++, recordParts).encode();
        try {
            return write(framed, parts);
        } catch (IOException e) {
            backlog = framed;
            backlogCovers = List.copyOf(parts);
            throw e;
        }
    }

    /**
     * Writes a rotation marker for {@code scenario} and waits until it is durable. Call while holding
     * the scenario's lock, after its live file was forced and before it is renamed.
     */
    public void markRotated(String scenario) throws IOException {
        JournalTicket ticket;
        synchronized (this) {
            if (closed) {
                throw new IOException("store is closed");
            }
            writeBacklog();
            ByteBuffer framed = new JournalRecord(nextSeq++, List.of(JournalRecord.Part.rotated(scenario))).encode();
            try {
                ticket = write(framed, List.of());
            } catch (IOException e) {
                backlog = framed;
                backlogCovers = List.of();
                throw e;
            }
        }
        ticket.await();
    }

    /** What an all-duplicate append waits for: the latest record written. */
    synchronized JournalTicket latest() {
        return active.latestSeq() == 0 ? JournalTicket.NONE : new JournalTicket(active, active.latestSeq());
    }

    private void writeBacklog() throws IOException {
        if (backlog != null) {
            write(backlog.duplicate(), backlogCovers);
            backlog = null;
            backlogCovers = List.of();
        }
    }

    private JournalTicket write(ByteBuffer framed, List<Written> parts) throws IOException {
        if (active.size() >= segmentBytes) {
            sealActive();
        }
        long seq = active.write(framed);
        for (Written w : parts) {
            active.covers(w.file(), w.fileSeq());
        }
        return new JournalTicket(active, seq);
    }

    /**
     * Seals the active segment when it holds records and is older than {@code ageNanos} (the
     * write-behind's checkpoint), so that it can be deleted once the scenario files are forced.
     */
    synchronized void sealIfOlder(long ageNanos) throws IOException {
        if (!closed && active.size() > 0 && active.ageNanos() >= ageNanos) {
            sealActive();
        }
    }

    /** Forces the active segment, then starts the next one; on failure the active one stays active. */
    private void sealActive() throws IOException {
        active.forceAll();
        active.trimReservation();
        JournalSegment successor = next.handOver();
        try {
            active.close();
        } catch (IOException e) {
            next.giveBack(successor);
            throw e;
        }
        sealed.addLast(active);
        successor.activate();
        active = successor;
    }

    /**
     * Readies the active segment's successor off the upload path ({@link NextSegment}); the
     * write-behind calls it after each pass. Does nothing when one is ready.
     */
    void prepareNext() {
        next.prepare();
    }

    /** The sealed segments, oldest first (the write-behind deletes them in that order). */
    synchronized List<JournalSegment> sealedSegments() {
        return new ArrayList<>(sealed);
    }

    /** Deletes the oldest sealed segment, {@code segment}, once what it covers is forced. */
    void delete(JournalSegment segment) throws IOException {
        synchronized (this) {
            if (sealed.peekFirst() != segment) {
                throw new IllegalStateException("journal segments are deleted oldest first");
            }
        }
        Files.deleteIfExists(segment.path);
        // Deletions must persist in order: an older segment that came back after a power loss,
        // without the newer one holding a rotation marker, would be replayed into a new live file.
        DirectorySync.force(dir);
        synchronized (this) {
            sealed.removeFirst();
        }
    }

    /** The scenario writes the active segment covers (for the final checkpoint on close). */
    synchronized JournalSegment active() {
        return active;
    }

    /**
     * Stops taking records. With {@code checkpointed}, every scenario write is forced: the segments
     * are deleted; otherwise they stay for the next open to replay.
     */
    synchronized void close(boolean checkpointed) throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        awaitCleanup();
        boolean delete = checkpointed && backlog == null;
        active.close();
        for (JournalSegment s : sealed) {
            s.close();
        }
        next.close(delete);
        if (delete) {
            for (JournalSegment s : sealed) {
                Files.deleteIfExists(s.path);
            }
            Files.deleteIfExists(active.path);
            DirectorySync.force(dir);
        }
    }

    @Override
    public void close() throws IOException {
        close(false);
    }

    /** Waits for the deletion of the replayed segments, so that nothing works in the directory after close. */
    private void awaitCleanup() throws IOException {
        if (cleanup == null) {
            return;
        }
        try {
            cleanup.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while deleting replayed journal segments");
        }
    }
}
