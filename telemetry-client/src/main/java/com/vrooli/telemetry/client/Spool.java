package com.vrooli.telemetry.client;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Path;

/**
 * The local JSONL file as one client sees it. Any client may append (under the append lock). The
 * client that holds the owner lock also keeps the file's books: the acknowledged offset, the
 * bytes removed from the front, the unacknowledged line count; it hands out upload batches,
 * records acknowledgements in the position file, compacts acknowledged data away and enforces the
 * size cap. Offsets handed to callers are absolute ({@code removed + offset}), so they stay
 * comparable across compactions. Used by the client's one background thread.
 */
final class Spool implements Closeable {

    private final SpoolPaths paths;
    private final SpoolWriter writer;
    private final SpoolReader reader;
    private final SpoolCompactor compactor;
    private final long maxBytes;
    private final boolean trackAcks;
    private final boolean fsync;
    private final long lockWaitNanos;

    private SpoolLock lock;
    private boolean owner;
    private long acked;
    private long removed;
    private long knownEnd;
    private long backlogLines;
    private int anchorLength;
    private long anchorCrc;
    private String fileKey;

    /**
     * Where an append landed.
     *
     * @param absoluteEnd  the absolute offset after the appended lines
     * @param droppedLines unsent lines removed to keep the file under its cap
     * @param tornBytes    bytes of a torn last line cut off before writing
     */
    record Appended(long absoluteEnd, long droppedLines, long tornBytes) {
    }

    Spool(SpoolPaths paths, long maxBytes, boolean trackAcks, boolean fsync, long lockWaitNanos) {
        this.paths = paths;
        this.writer = new SpoolWriter(paths.spool(), fsync);
        this.reader = new SpoolReader(paths.spool());
        this.compactor = new SpoolCompactor(paths, fsync);
        this.maxBytes = maxBytes;
        this.trackAcks = trackAcks;
        this.fsync = fsync;
        this.lockWaitNanos = lockWaitNanos;
    }

    Path path() {
        return paths.spool();
    }

    boolean isOwner() {
        return owner;
    }

    /** Unacknowledged lines in the file (owner only; 0 otherwise). */
    long backlogLines() {
        return backlogLines;
    }

    /** The acknowledged absolute offset as this owner knows it. */
    long ackedAbsolute() {
        return removed + acked;
    }

    /** The absolute offset after the last whole line this owner knows of. */
    long knownEndAbsolute() {
        return removed + knownEnd;
    }

    /** The acknowledged absolute offset: the owner's own, or read from the position file. */
    long sharedAckedAbsolute() {
        if (owner) {
            return ackedAbsolute();
        }
        AckPosition p = AckPosition.load(paths.position());
        return p.removed() + p.offset();
    }

    /**
     * Becomes the owner unless another client is: repairs a torn last line, loads and checks the
     * acknowledged position and counts the backlog.
     */
    boolean tryOwn() throws IOException {
        if (owner) {
            return true;
        }
        openLock();
        if (!lock.tryOwn()) {
            return false;
        }
        try {
            FileLock appendLock = lock.lockAppend(lockWaitNanos);
            try {
                compactor.deleteLeftovers();
                long size = writer.repairTornTail();
                SpoolReader.FileState state = reader.state();
                if (state.size() != size) {
                    throw new IOException("the local telemetry file changed while it was being opened");
                }
                AckPosition p = PositionCheck.checked(trackAcks ? AckPosition.load(paths.position()) : AckPosition.START,
                        state, reader, paths.spool());
                acked = p.offset();
                removed = p.removed();
                anchorLength = p.anchorLength();
                anchorCrc = p.anchorCrc();
                fileKey = state.key();
                knownEnd = size;
                // Without uploads nothing is ever pending, so the file need not be read.
                backlogLines = trackAcks ? reader.countLines(acked, size).lines() : 0;
            } finally {
                SpoolLock.release(appendLock);
            }
        } catch (IOException | RuntimeException e) {
            lock.disown();
            throw e;
        }
        owner = true;
        return true;
    }

    /** Appends whole lines; as owner, first makes room under the cap when {@code mayTrim}. */
    Appended append(byte[] bytes, int length, int lines, boolean mayTrim) throws IOException {
        openLock();
        FileLock appendLock = lock.lockAppend(lockWaitNanos);
        try {
            long dropped = 0;
            if (owner) {
                syncTail(reader.state());
                if (mayTrim) {
                    dropped = makeRoom(length);
                }
            }
            SpoolWriter.Appended w = writer.append(bytes, length);
            long base;
            if (owner) {
                if (w.start() > knownEnd) {
                    backlogLines += reader.countLines(knownEnd, w.start()).lines();
                }
                if (fileKey == null) {
                    fileKey = reader.state().key();
                }
                knownEnd = w.end();
                backlogLines += lines;
                base = removed;
            } else {
                base = trackAcks ? AckPosition.load(paths.position()).removed() : 0;
            }
            return new Appended(base + w.end(), dropped, w.tornBytes());
        } finally {
            SpoolLock.release(appendLock);
        }
    }

    /**
     * Owner: picks up lines other processes appended and, when {@code mayTrim}, brings the file
     * back under its cap. Returns the unsent lines dropped for the cap.
     */
    long refresh(boolean mayTrim) throws IOException {
        if (!owner) {
            return 0;
        }
        syncTail(reader.state());
        if (!mayTrim || knownEnd <= maxBytes) {
            return 0;
        }
        FileLock appendLock = lock.lockAppend(lockWaitNanos);
        try {
            syncTail(reader.state());
            return makeRoom(0);
        } finally {
            SpoolLock.release(appendLock);
        }
    }

    private void syncTail(SpoolReader.FileState s) throws IOException {
        boolean replaced = fileKey != null && s.key() != null && !fileKey.equals(s.key());
        if (replaced || s.size() < knownEnd) {
            RateLimitedLogger.LOGGER.warning("the local telemetry file " + paths.spool()
                    + " was replaced or truncated by someone else; sending it from its start");
            startOver(removed + knownEnd, s.key());
            SpoolReader.LineCount c = reader.countLines(0, s.size());
            knownEnd = c.end();
            backlogLines = c.lines();
            storePosition();
        } else if (s.size() > knownEnd) {
            SpoolReader.LineCount c = reader.countLines(knownEnd, s.size());
            backlogLines += c.lines();
            knownEnd = c.end();
        }
    }

    /**
     * Makes room for {@code incoming} bytes under the cap, holding the append lock: acknowledged
     * data goes first; if that is not enough, the oldest lines go, down to 90% of the cap so the
     * rewrite is not repeated on every append. Returns the unsent lines dropped.
     */
    private long makeRoom(long incoming) throws IOException {
        long size = knownEnd;
        if (size + incoming <= maxBytes) {
            return 0;
        }
        long cut = acked;
        long dropped = 0;
        if (size - acked + incoming > maxBytes) {
            cut = cutForCap(size, incoming);
            dropped = reader.countLines(acked, cut).lines();
        }
        if (cut <= 0) {
            return 0;
        }
        compactor.removePrefix(cut);
        startOver(removed + cut, reader.state().key());
        knownEnd = size - cut;
        backlogLines = Math.max(0, backlogLines - dropped);
        storePosition();
        return dropped;
    }

    /** The file now starts at absolute offset {@code newRemoved}, with nothing in it acknowledged. */
    private void startOver(long newRemoved, String newKey) {
        removed = newRemoved;
        acked = 0;
        anchorLength = 0;
        anchorCrc = 0;
        fileKey = newKey;
    }

    /** Where to cut unsent lines so that the file and {@code incoming} bytes fit under 90% of the cap. */
    private long cutForCap(long size, long incoming) throws IOException {
        long lowWater = maxBytes - maxBytes / 10;
        long want = Math.min(size, Math.max(acked, size + incoming - lowWater));
        if (want <= acked) {
            return acked;
        }
        long boundary = want >= size ? size : reader.lineEndAfter(want - 1);
        return boundary < 0 || boundary > size ? size : boundary;
    }

    /** Owner: the next unacknowledged lines, or null when there are none. */
    SpoolBatch nextBatch(int maxLines, int maxBatchBytes) throws IOException {
        if (!owner) {
            return null;
        }
        SpoolBatch batch = acked >= knownEnd ? null : reader.readBatch(acked, knownEnd, maxLines, maxBatchBytes);
        if (batch == null) {
            // Nothing whole to send: the count was off, and a positive count would keep the uploader due.
            backlogLines = 0;
        }
        return batch;
    }

    /** Owner: the server answered for {@code batch}; moves the acknowledged position past it. */
    void acknowledge(SpoolBatch batch) throws IOException {
        if (!owner || batch.start() != acked) {
            return;
        }
        acked = batch.end();
        anchorLength = batch.lastLineLength();
        anchorCrc = batch.lastLineCrc();
        backlogLines = Math.max(0, backlogLines - batch.lines());
        storePosition();
    }

    private void storePosition() throws IOException {
        if (trackAcks) {
            new AckPosition(acked, removed, anchorLength, anchorCrc, fileKey)
                    .store(paths.position(), paths.positionTemp(), fsync);
        }
    }

    private void openLock() throws IOException {
        if (lock == null) {
            paths.createDirectories();
            lock = SpoolLock.open(paths.lock());
        }
    }

    @Override
    public void close() throws IOException {
        owner = false;
        if (lock != null) {
            SpoolLock l = lock;
            lock = null;
            l.close();
        }
    }
}
