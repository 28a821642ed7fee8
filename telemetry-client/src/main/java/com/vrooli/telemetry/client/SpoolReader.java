package com.vrooli.telemetry.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads the spool without a lock: only whole lines are ever taken, so a write in progress by
 * another process is simply not seen yet. A missing file reads as empty. Stateless.
 */
final class SpoolReader {

    private static final int BLOCK = 64 * 1024;

    private final Path spool;

    SpoolReader(Path spool) {
        this.spool = spool;
    }

    /** The file's size and identity ({@code fileKey}, null where the file system has none). */
    record FileState(long size, String key) {
    }

    /** Lines counted in a range, and the offset after the last counted newline. */
    record LineCount(long lines, long end) {
    }

    FileState state() throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(spool, BasicFileAttributes.class);
            Object key = a.fileKey();
            return new FileState(a.size(), key == null ? null : key.toString());
        } catch (NoSuchFileException e) {
            return new FileState(0, null);
        }
    }

    /** Counts the newlines in {@code [from, to)}. */
    LineCount countLines(long from, long to) throws IOException {
        long lines = 0;
        long end = from;
        if (to <= from) {
            return new LineCount(0, from);
        }
        try (FileChannel ch = openRead()) {
            if (ch == null) {
                return new LineCount(0, from);
            }
            ByteBuffer buf = ByteBuffer.allocate(BLOCK);
            long pos = from;
            while (pos < to) {
                buf.clear().limit((int) Math.min(BLOCK, to - pos));
                int n = ch.read(buf, pos);
                if (n <= 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    if (buf.get(i) == '\n') {
                        lines++;
                        end = pos + i + 1;
                    }
                }
                pos += n;
            }
        }
        return new LineCount(lines, end);
    }

    /** The offset after the first newline at or after {@code from}; -1 when there is none. */
    long lineEndAfter(long from) throws IOException {
        try (FileChannel ch = openRead()) {
            if (ch == null) {
                return -1;
            }
            ByteBuffer buf = ByteBuffer.allocate(BLOCK);
            long pos = from;
            while (true) {
                buf.clear();
                int n = ch.read(buf, pos);
                if (n <= 0) {
                    return -1;
                }
                for (int i = 0; i < n; i++) {
                    if (buf.get(i) == '\n') {
                        return pos + i + 1;
                    }
                }
                pos += n;
            }
        }
    }

    /**
     * Reads whole lines starting at {@code from} (a line start) and ending at or before {@code to}:
     * at most {@code maxLines} lines and {@code maxBytes} bytes. Null when there is no whole line.
     * A line longer than {@code maxBytes} cannot be an event the client wrote, so it comes back as
     * a damaged batch to be skipped.
     */
    SpoolBatch readBatch(long from, long to, int maxLines, int maxBytes) throws IOException {
        if (to <= from) {
            return null;
        }
        byte[] buf = new byte[(int) Math.min(to - from, maxBytes)];
        try (FileChannel ch = openRead()) {
            if (ch == null) {
                return null;
            }
            ByteBuffer bb = ByteBuffer.wrap(buf);
            while (bb.hasRemaining()) {
                if (ch.read(bb, from + bb.position()) < 0) {
                    return null;
                }
            }
        }
        int lines = 0;
        int lastEnd = 0;
        int previousEnd = 0;
        for (int i = 0; i < buf.length && lines < maxLines; i++) {
            if (buf[i] == '\n') {
                lines++;
                previousEnd = lastEnd;
                lastEnd = i + 1;
            }
        }
        if (lines == 0) {
            if (to - from <= maxBytes) {
                return null;
            }
            long end = lineEndAfter(from + maxBytes);
            if (end < 0 || end > to) {
                return null;
            }
            return new SpoolBatch(from, end, 1, null, (int) Math.min(Integer.MAX_VALUE, end - from),
                    crc(from, end));
        }
        byte[] body = lastEnd == buf.length ? buf : Arrays.copyOf(buf, lastEnd);
        CRC32C crc = new CRC32C();
        crc.update(body, previousEnd, lastEnd - previousEnd);
        return new SpoolBatch(from, from + lastEnd, lines, body, lastEnd - previousEnd, crc.getValue());
    }

    /** True when the line ending at {@code offset} is {@code length} bytes long with this CRC32C. */
    boolean lineEndsAt(long offset, int length, long crc) throws IOException {
        long start = offset - length;
        if (length <= 0 || start < 0) {
            return false;
        }
        if (start > 0) {
            long previous = start - 1;
            if (count(previous, previous + 1, (byte) '\n') != 1) {
                return false;
            }
        }
        return crc(start, offset) == crc && count(offset - 1, offset, (byte) '\n') == 1;
    }

    /** CRC32C of {@code [from, to)}. */
    long crc(long from, long to) throws IOException {
        CRC32C crc = new CRC32C();
        scan(from, to, (buf, n) -> crc.update(buf.array(), 0, n));
        return crc.getValue();
    }

    /** How many bytes in {@code [from, to)} equal {@code b}. */
    private long count(long from, long to, byte b) throws IOException {
        long[] count = new long[1];
        scan(from, to, (buf, n) -> {
            for (int i = 0; i < n; i++) {
                if (buf.get(i) == b) {
                    count[0]++;
                }
            }
        });
        return count[0];
    }

    private interface BlockConsumer {
        void accept(ByteBuffer buf, int n);
    }

    private void scan(long from, long to, BlockConsumer consumer) throws IOException {
        try (FileChannel ch = openRead()) {
            if (ch == null) {
                return;
            }
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(BLOCK, Math.max(1, to - from)));
            long pos = from;
            while (pos < to) {
                buf.clear().limit((int) Math.min(buf.capacity(), to - pos));
                int n = ch.read(buf, pos);
                if (n <= 0) {
                    return;
                }
                consumer.accept(buf, n);
                pos += n;
            }
        }
    }

    private FileChannel openRead() throws IOException {
        try {
            return FileChannel.open(spool, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
