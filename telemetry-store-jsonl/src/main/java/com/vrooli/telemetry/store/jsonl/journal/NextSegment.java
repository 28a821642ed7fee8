package com.vrooli.telemetry.store.jsonl.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.util.function.LongFunction;
import java.util.logging.Logger;

/**
 * The active journal segment's successor, readied off the upload path: its file created, its
 * directory entry durable, its first reservation written and forced ({@link JournalSegment#prepareAhead}),
 * so that the seal handing it the appends costs them nothing on the disk. Before, the first force of
 * every new segment carried all of that, and every upload waiting on it stalled 13 to 21 ms once per
 * checkpoint. The write-behind readies it after each pass; a failure leaves none ready, and the seal
 * then makes a new segment on the upload path as before (its creation cuts to nothing the file a
 * failed preparation left).
 *
 * <p>One lock guards the readied segment and the active segment's number: a preparation holds it
 * from reading the number to keeping the segment, so it can never make a segment the seal has
 * already handed over. A seal takes it inside the journal's lock, never the other way round.
 */
final class NextSegment {

    private static final Logger LOG = Logger.getLogger(NextSegment.class.getPackageName());

    private final LongFunction<JournalSegment> create;
    private long activeNumber;
    private JournalSegment ready;
    private boolean closed;

    /** @param create makes the segment of a number, its file not created yet */
    NextSegment(long activeNumber, LongFunction<JournalSegment> create) {
        this.activeNumber = activeNumber;
        this.create = create;
    }

    /** Readies the active segment's successor unless one is ready. */
    synchronized void prepare() {
        if (closed || ready != null) {
            return;
        }
        JournalSegment next = create.apply(activeNumber + 1);
        try {
            next.prepareAhead();
            ready = next;
        } catch (IOException e) {
            LOG.fine(() -> "could not ready journal segment " + next.number + " ahead: " + e);
            closeQuietly(next);
        }
    }

    /**
     * The segment to make active at a seal: the readied one, else a new one (a preparation under
     * way finishes first). Its number is the active one's from now on.
     */
    synchronized JournalSegment handOver() {
        JournalSegment next = ready != null ? ready : create.apply(activeNumber + 1);
        ready = null;
        activeNumber = next.number;
        return next;
    }

    /** Undoes {@link #handOver} for a seal that failed after it. */
    synchronized void giveBack(JournalSegment next) {
        if (ready != null) {
            closeQuietly(ready); // readied meanwhile for the seal that failed: its file holds only zeros
        }
        ready = next;
        activeNumber = next.number - 1;
    }

    /**
     * Readies no more, and closes the readied segment; with {@code delete}, deletes its file too (it
     * holds no record, only reserved zeros; left behind by a crash, the replay reads it as empty).
     * The caller makes the deletion durable with the journal's own.
     */
    synchronized void close(boolean delete) throws IOException {
        closed = true;
        JournalSegment unused = ready;
        ready = null;
        if (unused != null) {
            unused.close();
            if (delete) {
                Files.deleteIfExists(unused.path);
            }
        }
    }

    private static void closeQuietly(JournalSegment segment) {
        try {
            segment.close();
        } catch (IOException e) {
            // Nothing was acknowledged through it.
        }
    }
}
