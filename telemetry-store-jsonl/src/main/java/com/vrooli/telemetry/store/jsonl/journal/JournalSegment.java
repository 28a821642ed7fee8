package com.vrooli.telemetry.store.jsonl.journal;

import com.vrooli.telemetry.store.jsonl.FsyncPolicy;
import com.vrooli.telemetry.store.jsonl.ScenarioFile;
import com.vrooli.telemetry.store.jsonl.append.UnsyncedWrites;
import com.vrooli.telemetry.store.jsonl.append.WriteChannel;
import com.vrooli.telemetry.store.jsonl.directory.DirectorySync;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One file of the {@link Journal}, {@code .journal/journal-N.log}: its channel, the group commit
 * of its forces with a copy of what is not forced yet ({@link UnsyncedWrites}, so a failed force
 * is repaired, never acknowledged around), its size, and the scenario writes its records cover
 * (each file with the write sequence to be forced before this segment may be deleted). Appends
 * are made under the journal's lock; forces and waits are not. Thread-safe.
 */
public final class JournalSegment {

    private static final long RESERVE_STEP = 1 << 20;
    /**
     * What a reservation writes, shared by every segment and never written into (each use takes a
     * duplicate): a direct buffer, so a reservation allocates nothing and the channel does not copy
     * it into a temporary direct buffer first.
     */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect((int) RESERVE_STEP).asReadOnlyBuffer();
    private static final Pattern NAME = Pattern.compile("journal-(\\d{1,19})\\.log");

    final long number;
    final Path path;
    private final WriteChannel channel;
    private final UnsyncedWrites unsynced;
    private long size;
    /** Bytes of the file reserved (written as zeros) past {@code size}, so that records never hit a full disk. */
    private long allocated;
    private boolean created;
    /** When the segment started taking records (a segment prepared ahead starts when the seal hands it over). */
    private long activeSinceNanos = System.nanoTime();
    /** The scenario writes the records cover: file, and its latest write sequence they include. */
    private final Map<ScenarioFile, Long> covers = new HashMap<>();

    JournalSegment(long number, Path path, WriteChannel channel) {
        this.number = number;
        this.path = path;
        this.channel = channel;
        this.unsynced = new UnsyncedWrites(channel, FsyncPolicy.BATCH);
    }

    public static String fileName(long number) {
        return String.format("journal-%019d.log", number);
    }

    /** The segment number a file name carries, or -1 when it is not a segment's name. */
    public static long number(String fileName) {
        Matcher m = NAME.matcher(fileName);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /**
     * Writes one framed record at the end, first writing again what a failed force may have lost.
     * Call under the journal's lock.
     *
     * @return the write's sequence in this segment, to wait for with {@link #awaitDurable}
     * @throws IOException when the write failed; nothing of it is left in the segment
     */
    long write(ByteBuffer framed) throws IOException {
        create();
        repair();
        ByteBuffer copy = framed.duplicate();
        int length = framed.remaining();
        try {
            channel.writeFully(framed, size);
        } catch (IOException e) {
            try {
                channel.truncate(size);
                allocated = size;
            } catch (IOException cutFailed) {
                e.addSuppressed(cutFailed);
            }
            throw e;
        }
        long seq = unsynced.written(size, copy);
        size += length;
        return seq;
    }

    /** After a failed force: writes again and forces what it may have lost; else does nothing. */
    void repair() throws IOException {
        if (unsynced.failed()) {
            unsynced.repairIfFailed(size);
            // The repair cut the file back to its records.
            allocated = size;
        }
    }

    /**
     * Makes sure the next {@code bytes} of records fit in space already taken on the disk, taking
     * more (zeros, at least 1 MiB at a time) when needed: a record is then never refused by a full
     * disk after its lines were written to the scenario files.
     *
     * @throws IOException when the disk has no room for it (nothing was written anywhere yet)
     */
    void reserve(long bytes) throws IOException {
        create();
        repair();
        if (size + bytes <= allocated) {
            return;
        }
        long needed = size + bytes;
        if (roomy()) {
            try {
                allocate(Math.max(needed, allocated + RESERVE_STEP));
                return;
            } catch (IOException noRoomForAStep) {
                // Filled up meanwhile: take only what this record needs, below.
            }
        }
        // Nearly full: take only what this record needs, leaving the rest to the scenario files.
        allocate(needed);
    }

    /** True when the disk has room for many steps, so that a step never takes the scenario files' space. */
    private boolean roomy() {
        try {
            return Files.getFileStore(path).getUsableSpace() > 64 * RESERVE_STEP;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Readies a segment before it takes records ({@link NextSegment}): creates the file with its
     * durable directory entry, reserves the first step and forces it, so that its first record's
     * force writes only that record.
     */
    void prepareAhead() throws IOException {
        create();
        if (roomy()) {
            allocate(RESERVE_STEP);
        }
        channel.force();
    }

    private void allocate(long target) throws IOException {
        long from = Math.max(allocated, size);
        ByteBuffer zeros = ZEROS.duplicate();
        try {
            for (long pos = from; pos < target; pos += zeros.capacity()) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), target - pos));
                channel.writeFully(zeros, pos);
            }
        } catch (IOException e) {
            try {
                channel.truncate(from);
            } catch (IOException cutFailed) {
                e.addSuppressed(cutFailed);
            }
            throw e;
        }
        allocated = target;
    }

    private void create() throws IOException {
        if (!created) {
            // The file and its entry are durable before any record in it is acknowledged.
            Files.createDirectories(path.getParent());
            DirectorySync.force(path.getParent().getParent());
            channel.truncate(0);
            DirectorySync.force(path.getParent());
            created = true;
        }
    }

    /** Cuts the unused reservation off a segment being sealed (its records are forced). */
    void trimReservation() throws IOException {
        if (created && allocated > size) {
            channel.truncate(size);
            allocated = size;
        }
    }

    /** Notes that a record of this segment covers the write {@code seq} of {@code file}. */
    void covers(ScenarioFile file, long seq) {
        covers.merge(file, seq, Math::max);
    }

    /** The scenario writes to force before deleting this segment; call once it is sealed. */
    Map<ScenarioFile, Long> covered() {
        return covers;
    }

    /** The latest write's sequence: waiting for it covers every record written so far. */
    long latestSeq() {
        return unsynced.latestSeq();
    }

    void awaitDurable(long seq) throws IOException {
        unsynced.awaitDurable(seq);
    }

    /** Forces every record written so far, as a group-commit force (waiters are released by it). */
    void forceAll() throws IOException {
        unsynced.repairIfFailed(size);
        unsynced.exclusive(channel::force);
    }

    long size() {
        return size;
    }

    /** Since when it takes records; call under the journal's lock. */
    long ageNanos() {
        return System.nanoTime() - activeSinceNanos;
    }

    /** Starts the age a checkpoint seals by: when a segment prepared ahead becomes the active one. */
    void activate() {
        activeSinceNanos = System.nanoTime();
    }

    void close() throws IOException {
        channel.close();
    }
}
