package com.vrooli.telemetry.client;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;

/**
 * Locks on the lock file beside the spool, so that several processes can share one spool. Two
 * one-byte regions: the append region, held only while lines are written (or the file is
 * rewritten), and the owner region, held for as long as a client is the file's owner: the one
 * process that uploads, records the acknowledged position, compacts and trims. A second client
 * of the same file in the same JVM sees both as held by someone else. Used by one thread.
 */
final class SpoolLock implements Closeable {

    private static final long APPEND_REGION = 0;
    private static final long OWNER_REGION = 1;
    private static final long MAX_PAUSE_NANOS = 20_000_000L;

    private final FileChannel channel;
    private FileLock ownerLock;

    private SpoolLock(FileChannel channel) {
        this.channel = channel;
    }

    static SpoolLock open(Path lockFile) throws IOException {
        return new SpoolLock(FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE));
    }

    /**
     * Takes the append lock, waiting while another process (or client) holds it.
     *
     * @throws IOException when it is still held after {@code timeoutNanos}
     */
    FileLock lockAppend(long timeoutNanos) throws IOException {
        long deadline = System.nanoTime() + timeoutNanos;
        long pause = 1_000_000L;
        while (true) {
            FileLock lock = tryLock(APPEND_REGION);
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IOException("the local telemetry file stayed locked by another writer for "
                        + timeoutNanos / 1_000_000 + " ms");
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
        }
    }

    /** Becomes the owner unless someone else is; true when this lock now owns the file. */
    boolean tryOwn() throws IOException {
        if (ownerLock == null) {
            ownerLock = tryLock(OWNER_REGION);
        }
        return ownerLock != null;
    }

    void disown() {
        if (ownerLock != null) {
            release(ownerLock);
            ownerLock = null;
        }
    }

    private FileLock tryLock(long region) throws IOException {
        try {
            return channel.tryLock(region, 1, false);
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /** Releases a lock; a failure only matters for the log, as closing the channel releases it too. */
    static void release(FileLock lock) {
        try {
            lock.release();
        } catch (IOException e) {
            RateLimitedLogger.LOGGER.log(Level.FINE, "cannot release a lock on the telemetry lock file", e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            disown();
        } finally {
            channel.close();
        }
    }
}
