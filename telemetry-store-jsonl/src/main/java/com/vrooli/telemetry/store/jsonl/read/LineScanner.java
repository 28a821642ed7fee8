package com.vrooli.telemetry.store.jsonl.read;

import com.vrooli.telemetry.store.jsonl.append.Newlines;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads the whole lines of a file region front to back through one reusable buffer, never the
 * file at once. A line is the bytes before a {@code '\n'}; bytes after the last newline of the
 * region (a torn or still-being-written line) are never returned, see {@link #wholeLinesEnd()}.
 * Lines longer than the maximum are skipped and reported as {@link #oversized()}. Not thread-safe.
 */
public final class LineScanner extends LineCursor {

    /** The first read's size; reads double up to {@link #MAX_CHUNK} as a scan goes on. */
    public static final int CHUNK = 64 * 1024;
    /**
     * The largest read. Kept below half of G1's smallest region (1 MiB): a bigger array is a
     * humongous object, allocated outside the young generation, and each one can start a
     * collection. With 1 MiB reads, a cold open of 1000 files started 56 of its 78 collections
     * for them; more system calls of 256 KiB cost far less.
     */
    static final int MAX_CHUNK = 256 * 1024;

    private final FileChannel channel;
    private final long end;
    private final int maxLine;
    /** File offset of buf[0]. */
    private long bufStart;
    private int filled;
    /** Start of the current (not yet returned) line in buf. */
    private int scan;
    /** No newline in buf[scan, searched). */
    private int searched;
    private long readPos;
    private boolean done;
    private long wholeLinesEnd;

    public LineScanner(FileChannel channel, long from, long end, int maxLine) {
        this.channel = channel;
        this.end = end;
        this.maxLine = maxLine;
        this.bufStart = from;
        this.readPos = from;
        this.wholeLinesEnd = from;
    }

    @Override
    public boolean advance() throws IOException {
        while (!done) {
            int i = Newlines.indexOf(buf, searched, filled);
            if (i >= 0) {
                oversized = i - scan > maxLine;
                lineOffset = scan;
                lineLength = oversized ? 0 : i - scan;
                lineStart = bufStart + scan;
                lineEnd = bufStart + i + 1;
                scan = i + 1;
                searched = scan;
                wholeLinesEnd = lineEnd;
                return true;
            }
            searched = filled;
            if (readPos >= end) {
                done = true;
                return false;
            }
            if (scan == 0 && filled == buf.length) {
                if (buf.length > maxLine) {
                    return skipOversized();
                }
                byte[] bigger = new byte[(int) Math.min((long) maxLine + 1, buf.length * 2L)];
                System.arraycopy(buf, 0, bigger, 0, filled);
                buf = bigger;
            } else if (scan > 0) {
                // Reads grow as the scan goes on: few system calls for long scans, little read for short ones.
                byte[] target = buf.length < MAX_CHUNK ? new byte[Math.min(MAX_CHUNK, buf.length * 2)] : buf;
                System.arraycopy(buf, scan, target, 0, filled - scan);
                buf = target;
                bufStart += scan;
                filled -= scan;
                searched -= scan;
                scan = 0;
            }
            fill();
        }
        return false;
    }

    /** Discards the line that does not fit and reads on to its newline. */
    private boolean skipOversized() throws IOException {
        long start = bufStart;
        while (readPos < end) {
            bufStart += filled;
            filled = 0;
            fill();
            for (int i = 0; i < filled; i++) {
                if (buf[i] == '\n') {
                    lineOffset = 0;
                    lineLength = 0;
                    lineStart = start;
                    lineEnd = bufStart + i + 1;
                    oversized = true;
                    scan = i + 1;
                    searched = scan;
                    wholeLinesEnd = lineEnd;
                    return true;
                }
            }
        }
        done = true;
        return false;
    }

    private void fill() throws IOException {
        ByteBuffer target = ByteBuffer.wrap(buf, filled, (int) Math.min(buf.length - filled, end - readPos));
        readPos += readFully(channel, target, readPos);
        filled = target.position();
    }

    /** The current line's start. */
    @Override
    public long resumeAtLine() {
        return lineStart;
    }

    /** The current line's end, or -1 when it ends the region. */
    @Override
    public long resumeAfterLine() {
        return lineEnd < end ? lineEnd : -1;
    }

    /** The offset just after the last whole line returned so far (the region start before any). */
    public long wholeLinesEnd() {
        return wholeLinesEnd;
    }
}
