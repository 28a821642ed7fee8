package com.vrooli.telemetry.client;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Forces the spool's writes to disk on a thread of its own, so that the background thread never
 * waits for the disk. Waiting there was what bounded the client: the thread took at most a
 * queue's worth of events per write, then waited for {@code fsync}, which takes 0.3 ms typically
 * and over 100 ms on a busy disk; at 8192 events per 150 ms that is 55,000 events/s, past which
 * the queue overflowed. Now the background thread keeps draining the queue into the page cache
 * while one {@code fsync} covers every write made before it started (group commit): a write is on
 * disk at most one {@code fsync} (and a pause of 5 ms between two) after it was made.
 *
 * <p>{@code fsync} acts on the file, not on a descriptor, so forcing through a channel of our own
 * covers writes made through any other; after a compaction has replaced the file, the new file
 * (forced by the compactor itself) is forced again, which is harmless. Thread-safe.
 */
final class SpoolForcer implements Runnable {

    private static final long STOP_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /**
     * At most one {@code fsync} per this interval: back to back, a fast disk would take thousands
     * a second, each a journal commit paid in CPU by the app's machine, for writes the app does
     * not wait for. A write still reaches the disk within about 5 ms plus one {@code fsync}.
     */
    private static final long MIN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Path spool;
    private final RateLimitedLogger log;
    private final List<Waiting> waiting = new ArrayList<>();
    private long written;
    private long forced;
    /** The newest write a failed {@code fsync} covered (0: none failed). */
    private long lastFailedWrite;
    /** {@link #written} when the latest marker was asked for: the next marker covers the writes after it. */
    private long markedThrough;
    private boolean stopping;
    private Thread thread;

    /** A marker for the writes after {@code since}, up to {@code write}. */
    private record Waiting(FlushMarker marker, long since, long write) {
    }

    SpoolForcer(Path spool, RateLimitedLogger log) {
        this.spool = spool;
        this.log = log;
    }

    /** Starts the forcing thread. */
    synchronized void start(String threadName) {
        thread = new Thread(this, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** A write reached the file: force it (with whatever else comes before the next {@code fsync} starts). */
    synchronized void written() {
        written++;
        notifyAll();
    }

    /**
     * Completes {@code marker} once every write made so far is on disk: true, or false when an
     * {@code fsync} covering any write made since the previous marker failed. That answer does not
     * depend on how writes were grouped into forces: a write whose force failed stays failed for
     * the marker after it, even when a later force of another write succeeded. (A marker asked with
     * nothing written since the previous one is true: its writes' failure was that one's to report.)
     */
    synchronized void whenForced(FlushMarker marker) {
        long since = markedThrough;
        markedThrough = written;
        if (forced >= written || stopping) {
            marker.complete(lastFailedWrite <= since);
        } else {
            waiting.add(new Waiting(marker, since, written));
        }
    }

    /** Forces what is written, here and now (at close), and ends the thread, waiting at most about a second. */
    void stop() {
        Thread t;
        long target;
        synchronized (this) {
            target = written;
            t = thread;
        }
        if (forced() < target) {
            force(target);
        }
        synchronized (this) {
            stopping = true;
            notifyAll();
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                TimeUnit.NANOSECONDS.timedJoin(t, STOP_GRACE_NANOS);
                if (t.isAlive()) {
                    // A hung disk: an interrupt closes the channel and ends the fsync; wait for the
                    // thread to see it, so that close() does not return with the thread still alive.
                    t.interrupt();
                    TimeUnit.NANOSECONDS.timedJoin(t, STOP_GRACE_NANOS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        completeAll();
    }

    /** How many writes an {@code fsync} has covered, failed or not. */
    synchronized long forced() {
        return forced;
    }

    @Override
    public void run() {
        while (true) {
            long target;
            synchronized (this) {
                while (forced >= written && !stopping) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (stopping) {
                    return;
                }
                target = written;
            }
            long started = System.nanoTime();
            force(target);
            LockSupport.parkNanos(MIN_INTERVAL_NANOS - (System.nanoTime() - started));
        }
    }

    private void force(long target) {
        boolean ok = true;
        try (FileChannel ch = FileChannel.open(spool, StandardOpenOption.WRITE)) {
            ch.force(false);
        } catch (NoSuchFileException e) {
            // Compacted away and not yet replaced: nothing of ours is left to force.
            RateLimitedLogger.LOGGER.fine("the telemetry file was gone when it was to be forced");
        } catch (IOException e) {
            // Not retried: after a failed fsync the kernel may have dropped the dirty pages, and a
            // second fsync would "succeed" without them. Those waiting are told it failed.
            ok = false;
            log.warn(RateLimitedLogger.Kind.SPOOL, "cannot force the local telemetry file " + spool
                    + " to disk (" + e + "); its latest lines may be lost if the machine stops");
        }
        List<Waiting> done = new ArrayList<>();
        long failed;
        synchronized (this) {
            if (!ok && target > forced) {
                lastFailedWrite = target;
            }
            forced = Math.max(forced, target);
            waiting.removeIf(w -> {
                if (w.write() <= forced) {
                    done.add(w);
                    return true;
                }
                return false;
            });
            failed = lastFailedWrite;
        }
        done.forEach(w -> w.marker().complete(failed <= w.since()));
    }

    private void completeAll() {
        List<Waiting> left;
        long failed;
        synchronized (this) {
            left = new ArrayList<>(waiting);
            waiting.clear();
            failed = lastFailedWrite;
        }
        left.forEach(w -> w.marker().complete(failed <= w.since()));
    }
}
