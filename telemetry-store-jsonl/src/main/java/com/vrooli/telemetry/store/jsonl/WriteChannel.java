package com.vrooli.telemetry.store.jsonl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;

/**
 * The channel a scenario file is appended through, opened on first use. File channels close
 * themselves when a thread using them is interrupted; this reopens the file on the next use, so one
 * interrupted request cannot break the scenario for everyone. Positions are explicit (the store
 * knows the size of its whole lines), never the channel's. Thread-safe.
 */
final class WriteChannel implements AutoCloseable {

    /** Opens the file for writing, creating it when missing. */
    interface Opener {
        FileChannel open(Path file) throws IOException;
    }

    static final Opener DEFAULT_OPENER =
            file -> FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);

    private final Path file;
    private final Opener opener;
    private final StoreCounters counters;
    private final LongConsumer fsyncListener;
    private FileChannel channel;
    private boolean closed;

    WriteChannel(Path file, Opener opener, StoreCounters counters, LongConsumer fsyncListener) {
        this.file = file;
        this.opener = opener;
        this.counters = counters;
        this.fsyncListener = fsyncListener;
    }

    private synchronized FileChannel channel() throws IOException {
        if (closed) {
            throw new IOException("store is closed");
        }
        if (channel == null || !channel.isOpen()) {
            try {
                channel = opener.open(file);
            } catch (UnsupportedOperationException e) {
                // ReadOnlyFileSystemException and its kin: a disk problem like any other, not a bug.
                throw new IOException("read-only file system", e);
            }
        }
        return channel;
    }

    /** Writes every remaining byte of {@code bytes} at {@code position}. */
    void writeFully(ByteBuffer bytes, long position) throws IOException {
        FileChannel ch = channel();
        long pos = position;
        while (bytes.hasRemaining()) {
            pos += ch.write(bytes, pos);
        }
    }

    /** Cuts the file back to {@code size} when it is longer. */
    void truncate(long size) throws IOException {
        FileChannel ch = channel();
        if (ch.size() > size) {
            ch.truncate(size);
        }
    }

    /** Forces written bytes to the disk, counting it and reporting its duration. */
    void force() throws IOException {
        FileChannel ch = channel();
        long start = System.nanoTime();
        ch.force(false);
        long nanos = System.nanoTime() - start;
        counters.fsyncs.increment();
        fsyncListener.accept(nanos);
    }

    /**
     * Closes the file without closing this channel: the next use opens the path again, which after
     * a rotation is a new live file.
     */
    synchronized void release() throws IOException {
        if (channel != null) {
            FileChannel old = channel;
            channel = null;
            old.close();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (channel != null) {
            channel.close();
        }
    }
}
