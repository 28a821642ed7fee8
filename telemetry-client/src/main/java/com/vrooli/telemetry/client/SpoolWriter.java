package com.vrooli.telemetry.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends whole lines to the spool. Before each write a torn last line (left by a process killed
 * mid-write) is cut off, so every write starts on a clean line; a write that fails is cut back
 * off, so nothing half-written stays. Appends are not forced to disk here: {@link SpoolForcer}
 * does that on its own thread, so the writing thread never waits for the disk. The caller holds
 * the append lock. Stateless.
 */
final class SpoolWriter {

    private static final int BLOCK = 8192;

    private final Path spool;
    private final boolean fsync;

    SpoolWriter(Path spool, boolean fsync) {
        this.spool = spool;
        this.fsync = fsync;
    }

    /**
     * Where a write landed.
     *
     * @param start     offset of the first written byte
     * @param end       offset after the last written byte
     * @param tornBytes bytes of a torn last line cut off before writing
     */
    record Appended(long start, long end, long tornBytes) {
    }

    /** Appends {@code length} bytes of whole lines. */
    Appended append(byte[] bytes, int length) throws IOException {
        try (FileChannel ch = FileChannel.open(spool, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            long size = ch.size();
            long clean = cleanEnd(ch, size);
            if (clean < size) {
                ch.truncate(clean);
            }
            try {
                ByteBuffer buf = ByteBuffer.wrap(bytes, 0, length);
                long pos = clean;
                while (buf.hasRemaining()) {
                    pos += ch.write(buf, pos);
                }
            } catch (IOException e) {
                try {
                    ch.truncate(clean);
                } catch (IOException again) {
                    e.addSuppressed(again);
                }
                throw e;
            }
            if (clean < size) {
                RateLimitedLogger.LOGGER.warning("cut a torn last line (" + (size - clean) + " bytes) left in " + spool
                        + " by an interrupted write");
            }
            return new Appended(clean, clean + length, size - clean);
        }
    }

    /** Cuts a torn last line off; returns the file's clean size (0 when there is no file). */
    long repairTornTail() throws IOException {
        if (!Files.exists(spool)) {
            return 0;
        }
        try (FileChannel ch = FileChannel.open(spool, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long clean = cleanEnd(ch, size);
            if (clean < size) {
                ch.truncate(clean);
                if (fsync) {
                    ch.force(false);
                }
            }
            return clean;
        }
    }

    /** The offset after the last newline at or before {@code size}; 0 when there is none. */
    static long cleanEnd(FileChannel ch, long size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(BLOCK);
        long end = size;
        while (end > 0) {
            int n = (int) Math.min(end, end == size ? 1 : BLOCK);
            long from = end - n;
            buf.clear().limit(n);
            while (buf.hasRemaining()) {
                if (ch.read(buf, from + buf.position()) < 0) {
                    throw new IOException("the local telemetry file shrank while being read");
                }
            }
            for (int i = n - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') {
                    return from + i + 1;
                }
            }
            end = from;
        }
        return 0;
    }
}
