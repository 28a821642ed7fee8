package com.vrooli.telemetry.store.jsonl.append;

import com.vrooli.telemetry.store.jsonl.StoreCounters;
import com.vrooli.telemetry.store.jsonl.directory.OpenChannels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * The channel a scenario file is appended through, opened on first use. File channels close
 * themselves when a thread using them is interrupted; this reopens the file on the next use, so one
 * interrupted request cannot break the scenario for everyone. The store's {@link OpenChannels}
 * may close it while it is idle and settled, to bound the open descriptors; it then reopens on
 * the next use too. Positions are explicit (the store knows the size of its whole lines), never
 * the channel's. Thread-safe.
 */
public final class WriteChannel implements AutoCloseable {

    /** Opens the file for writing, creating it when missing. */
    public interface Opener {
        FileChannel open(Path file) throws IOException;
    }

    public static final Opener DEFAULT_OPENER =
            file -> FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);

    private final Path file;
    private final Opener opener;
    private final StoreCounters counters;
    private final LongConsumer fsyncListener;
    private final OpenChannels limiter;
    /** Guards the fields below; a lock, not a monitor, so that eviction can only try it. */
    private final ReentrantLock lock = new ReentrantLock();
    private FileChannel channel;
    private int inUse;
    private boolean evicted;
    private boolean closed;
    /** True when nothing written waits for a force (set by the owner; see {@link UnsyncedWrites#settled}). */
    private BooleanSupplier settled = () -> true;

    public WriteChannel(Path file, Opener opener, StoreCounters counters, LongConsumer fsyncListener,
                        OpenChannels limiter) {
        this.file = file;
        this.opener = opener;
        this.counters = counters;
        this.fsyncListener = fsyncListener;
        this.limiter = limiter;
    }

    /** Says when the channel may be closed to respect the limit. */
    public void settledWhen(BooleanSupplier settled) {
        this.settled = settled;
    }

    /** The open channel, marked in use until {@link #done}. */
    private FileChannel acquire() throws IOException {
        boolean openedNow;
        boolean again;
        FileChannel ch;
        lock.lock();
        try {
            if (closed) {
                throw new IOException("store is closed");
            }
            openedNow = channel == null || !channel.isOpen();
            again = evicted;
            if (openedNow) {
                try {
                    channel = opener.open(file);
                } catch (UnsupportedOperationException e) {
                    // ReadOnlyFileSystemException and its kin: a disk problem like any other, not a bug.
                    throw new IOException("read-only file system", e);
                }
                evicted = false;
            }
            inUse++;
            ch = channel;
        } finally {
            lock.unlock();
        }
        if (openedNow) {
            limiter.opened(this, again);
        } else {
            limiter.used(this);
        }
        return ch;
    }

    private void done() {
        lock.lock();
        try {
            inUse--;
        } finally {
            lock.unlock();
        }
    }

    /** Writes every remaining byte of {@code bytes} at {@code position}. */
    public void writeFully(ByteBuffer bytes, long position) throws IOException {
        FileChannel ch = acquire();
        try {
            long pos = position;
            while (bytes.hasRemaining()) {
                pos += ch.write(bytes, pos);
            }
        } finally {
            done();
        }
    }

    /** Cuts the file back to {@code size} when it is longer. */
    public void truncate(long size) throws IOException {
        FileChannel ch = acquire();
        try {
            if (ch.size() > size) {
                ch.truncate(size);
            }
        } finally {
            done();
        }
    }

    /** Forces written bytes to the disk, counting it and reporting its duration. */
    public void force() throws IOException {
        FileChannel ch = acquire();
        try {
            long start = System.nanoTime();
            ch.force(false);
            long nanos = System.nanoTime() - start;
            counters.fsyncs.increment();
            fsyncListener.accept(nanos);
        } finally {
            done();
        }
    }

    /**
     * Closes the file when no operation uses it and nothing written waits for a force; never
     * waits for the lock. The next use opens it again.
     *
     * @return true when it was closed
     */
    public boolean closeIfIdle() {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            if (channel == null || inUse > 0 || closed || !settled.getAsBoolean()) {
                return false;
            }
            FileChannel old = channel;
            channel = null;
            evicted = true;
            try {
                old.close();
            } catch (IOException e) {
                // Nothing was pending on it (settled), so nothing is lost; the descriptor is gone.
                counters.writeFailures.increment();
            }
        } finally {
            lock.unlock();
        }
        limiter.closed(this);
        return true;
    }

    /**
     * Closes the file without closing this channel: the next use opens the path again, which after
     * a rotation is a new live file.
     */
    public void release() throws IOException {
        closeFile(false);
    }

    @Override
    public void close() throws IOException {
        closeFile(true);
    }

    /** Detaches the open file, if any, and closes it; {@code forGood} also closes this channel. */
    private void closeFile(boolean forGood) throws IOException {
        FileChannel old;
        lock.lock();
        try {
            if (forGood) {
                closed = true;
            }
            old = channel;
            channel = null;
        } finally {
            lock.unlock();
        }
        if (old != null) {
            limiter.closed(this);
            old.close();
        }
    }
}
