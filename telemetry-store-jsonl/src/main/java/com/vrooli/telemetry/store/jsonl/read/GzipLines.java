package com.vrooli.telemetry.store.jsonl.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Streams the whole lines of a gzip'd segment front to back with their offsets in the
 * uncompressed text, through one reusable buffer. A compressed file cannot be read from an offset
 * or backwards, so every reader starts at the beginning; bytes after the last newline are never
 * returned. Lines longer than the maximum are reported without their bytes. Not thread-safe.
 */
public final class GzipLines {

    /** Receives each line; returns false to stop reading. */
    public interface Sink {
        /**
         * @param buf   the line's bytes at {@code [0, length)}, or null when it was longer than the maximum
         * @param start offset of its first byte in the uncompressed text
         * @param end   offset just after its newline
         */
        boolean line(byte[] buf, int length, long start, long end) throws IOException;
    }

    private GzipLines() {
    }

    /** Reads the lines of {@code file} to {@code sink}; returns the uncompressed bytes read. */
    public static long read(Path file, int maxLine, Sink sink) throws IOException {
        byte[] chunk = new byte[LineScanner.CHUNK];
        byte[] line = new byte[8192];
        int length = 0;
        boolean oversized = false;
        long pos = 0;
        long lineStart = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS),
                LineScanner.CHUNK)) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] != '\n') {
                        continue;
                    }
                    int part = i - from;
                    if (!oversized && length + part <= maxLine) {
                        line = fit(line, length + part);
                        System.arraycopy(chunk, from, line, length, part);
                        length += part;
                    } else {
                        oversized = true;
                    }
                    long end = pos + i + 1;
                    if (!sink.line(oversized ? null : line, oversized ? 0 : length, lineStart, end)) {
                        return end;
                    }
                    length = 0;
                    oversized = false;
                    lineStart = end;
                    from = i + 1;
                }
                int rest = n - from;
                if (!oversized && length + rest <= maxLine) {
                    line = fit(line, length + rest);
                    System.arraycopy(chunk, from, line, length, rest);
                    length += rest;
                } else {
                    oversized = true;
                    length = 0;
                }
                pos += n;
            }
        }
        return pos;
    }

    private static byte[] fit(byte[] buf, int needed) {
        if (needed <= buf.length) {
            return buf;
        }
        byte[] bigger = new byte[Math.max(needed, (int) Math.min(Integer.MAX_VALUE - 8, buf.length * 2L))];
        System.arraycopy(buf, 0, bigger, 0, buf.length);
        return bigger;
    }
}
