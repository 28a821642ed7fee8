package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.store.jsonl.append.WriteChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake disk for appends: wraps a real channel and, once its byte budget is spent, writes only
 * part of a buffer and then fails like a full disk; truncation can be made to fail too, and
 * forces can be observed, held or failed.
 */
final class FlakyChannel extends FileChannel {

    /** What a test does when a file is forced. */
    interface ForceHook {
        void forcing(Path file) throws IOException;
    }

    /** The shared state of every channel one opener hands out. */
    static final class Disk implements WriteChannel.Opener {
        volatile long budget = Long.MAX_VALUE;
        volatile boolean failTruncate;
        /** Like a file system remounted read-only: opening and writing fail, reading works. */
        volatile boolean readOnly;
        /** Runs before each force of a file, on the forcing thread; may throw to fail the force. */
        volatile ForceHook beforeForce = file -> { };
        /**
         * Like Linux after a failed fsync: the bytes written to a file since its last successful
         * force are lost (zeroed here) and counted clean, so a later force "succeeds" without them.
         */
        volatile boolean loseUnforcedOnFailure;
        /** Per file, the range {from, to} written since its last successful force. */
        final Map<Path, long[]> unforced = new ConcurrentHashMap<>();
        /** Channels handed out and not closed yet. */
        final AtomicInteger openNow = new AtomicInteger();
        final AtomicInteger opened = new AtomicInteger();

        @Override
        public FileChannel open(Path file) throws IOException {
            if (readOnly) {
                throw new FileSystemException(file.toString(), null, "Read-only file system");
            }
            FlakyChannel ch = new FlakyChannel(WriteChannel.DEFAULT_OPENER.open(file), file, this);
            openNow.incrementAndGet();
            opened.incrementAndGet();
            return ch;
        }
    }

    private final FileChannel delegate;
    private final Path file;
    private final Disk disk;

    private FlakyChannel(FileChannel delegate, Path file, Disk disk) {
        this.delegate = delegate;
        this.file = file;
        this.disk = disk;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        synchronized (disk) {
            if (disk.readOnly) {
                throw new FileSystemException(null, null, "Read-only file system");
            }
            if (disk.budget <= 0) {
                throw new IOException("No space left on device");
            }
            if (src.remaining() <= disk.budget) {
                int n = delegate.write(src, position);
                disk.budget -= n;
                disk.unforced.merge(file, new long[] {position, position + n},
                        (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
                return n;
            }
            ByteBuffer part = src.duplicate();
            part.limit(part.position() + (int) disk.budget);
            int n = delegate.write(part, position);
            src.position(src.position() + n);
            disk.budget = 0;
            return n;
        }
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        if (disk.failTruncate || disk.readOnly) {
            throw new IOException("Input/output error");
        }
        delegate.truncate(size);
        return this;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return delegate.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        throw new UnsupportedOperationException("the store writes at explicit positions");
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        throw new UnsupportedOperationException("the store writes at explicit positions");
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public void force(boolean metaData) throws IOException {
        try {
            disk.beforeForce.forcing(file);
        } catch (IOException e) {
            long[] lost = disk.unforced.remove(file);
            if (disk.loseUnforcedOnFailure && lost != null) {
                long end = Math.min(lost[1], delegate.size());
                if (end > lost[0]) {
                    delegate.write(ByteBuffer.allocate((int) (end - lost[0])), lost[0]);
                }
            }
            throw e;
        }
        delegate.force(metaData);
        disk.unforced.remove(file);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return delegate.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        return delegate.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return delegate.read(dst, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
        throw new UnsupportedOperationException("not used by the store");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        disk.openNow.decrementAndGet();
        delegate.close();
    }
}
