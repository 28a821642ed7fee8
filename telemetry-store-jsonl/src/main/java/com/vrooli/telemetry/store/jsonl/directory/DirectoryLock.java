package com.vrooli.telemetry.store.jsonl.directory;

import com.vrooli.telemetry.core.StoreUnavailableException;
import com.vrooli.telemetry.store.jsonl.IoReasons;
import com.vrooli.telemetry.store.jsonl.StoreLockedException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock file {@code {dir}/.telemetry.lock} that keeps a second writing store, in this process
 * or another, out of a directory. The lock is the operating system's, so a crashed holder releases
 * it; the file itself stays. Thread-safe.
 */
public final class DirectoryLock implements AutoCloseable {

    /** The lock file's name inside the telemetry directory. */
    public static final String FILE_NAME = ".telemetry.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock without waiting.
     *
     * @throws StoreLockedException      when another store holds it
     * @throws StoreUnavailableException when the lock file cannot be opened
     */
    public static DirectoryLock acquire(Path dir) {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot open the lock file " + FILE_NAME + " of the telemetry"
                    + " directory: " + IoReasons.describe(e), e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw locked(dir, null);
            }
            return new DirectoryLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            throw closing(channel, locked(dir, e));
        } catch (IOException e) {
            throw closing(channel, new StoreUnavailableException("cannot lock the telemetry directory: "
                    + IoReasons.describe(e), e));
        } catch (StoreLockedException e) {
            throw closing(channel, e);
        }
    }

    private static StoreLockedException locked(Path dir, Throwable cause) {
        Path name = dir.getFileName();
        String which = name == null ? "the telemetry directory" : "telemetry directory '" + name + "'";
        String message = which + " is in use by another store (it holds " + FILE_NAME
                + "); stop that server or open the directory read-only";
        return cause == null ? new StoreLockedException(message) : new StoreLockedException(message, cause);
    }

    private static RuntimeException closing(FileChannel channel, RuntimeException e) {
        try {
            channel.close();
        } catch (IOException closeFailed) {
            e.addSuppressed(closeFailed);
        }
        return e;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
