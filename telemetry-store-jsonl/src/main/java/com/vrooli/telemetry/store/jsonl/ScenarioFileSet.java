package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.store.jsonl.query.ScenarioView;
import com.vrooli.telemetry.store.jsonl.retention.SealedSegments;
import com.vrooli.telemetry.store.jsonl.retention.Segment;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongSupplier;

/**
 * The sealed segments of one scenario, kept consistent with its live file for readers: a rotation
 * renames the live file and switches to the new set under the same lock that a query holds while
 * it takes the set and opens the live file, so a query sees the state before or after a rotation,
 * never half of it. Thread-safe.
 */
public final class ScenarioFileSet {

    /** A step that must happen together with a change of the set. */
    public interface Step {
        void run() throws IOException;
    }

    private final Object lock = new Object();
    private volatile SealedSegments set = SealedSegments.EMPTY;

    /** The segments now. */
    public SealedSegments current() {
        return set;
    }

    /** Takes {@code found} as the segments (on open, or a reader's new listing). */
    public void use(SealedSegments found) {
        synchronized (lock) {
            set = found;
        }
    }

    /** Runs {@code rename} (the live file becoming {@code sealed}) and adds the segment, as one step for readers. */
    public void seal(Segment sealed, Step rename) throws IOException {
        synchronized (lock) {
            rename.run();
            set = set.withSealed(sealed);
        }
    }

    /** Switches a segment to another form of it (its compressed copy). */
    public void replace(Segment replacement) {
        synchronized (lock) {
            set = set.withReplaced(replacement);
        }
    }

    /** Forgets a segment retention deleted. */
    public void drop(long number) {
        synchronized (lock) {
            set = set.without(number);
        }
    }

    /**
     * Opens what a query reads: the segments and the live file together.
     *
     * @param liveEnd where the live file's whole lines end, or null to take its size (a reader)
     */
    ScenarioView open(Path live, LongSupplier liveEnd) throws IOException {
        synchronized (lock) {
            FileChannel ch;
            try {
                ch = FileChannel.open(live, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return new ScenarioView(set, 0, null);
            }
            try {
                return new ScenarioView(set, liveEnd == null ? ch.size() : liveEnd.getAsLong(), ch);
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        }
    }

    /** The segments and where the live file's whole lines end, taken together (no file opened). */
    public ScenarioView cut(LongSupplier liveEnd) {
        synchronized (lock) {
            return new ScenarioView(set, liveEnd.getAsLong(), null);
        }
    }
}
