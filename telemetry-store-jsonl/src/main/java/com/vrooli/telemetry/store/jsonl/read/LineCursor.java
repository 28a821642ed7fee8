package com.vrooli.telemetry.store.jsonl.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A position on the whole lines of a file region, moved one line at a time by {@link #advance()},
 * front to back ({@link LineScanner}) or back to front ({@link ReverseLineReader}). After a
 * successful {@code advance()}, the current line's bytes are
 * {@code buffer()[lineOffset(), lineOffset() + lineLength())}; a line longer than the maximum is
 * reported as {@link #oversized()} without its bytes. Not thread-safe.
 */
public abstract sealed class LineCursor permits LineScanner, ReverseLineReader {

    /** The buffer the current line is read into; a subclass may replace it as lines grow. */
    byte[] buf = new byte[LineScanner.CHUNK];
    int lineOffset;
    int lineLength;
    long lineStart;
    long lineEnd;
    boolean oversized;
    private long bytesRead;

    LineCursor() {
    }

    /** Moves to the next whole line in the cursor's direction; false when none is left. */
    public abstract boolean advance() throws IOException;

    /** The offset a new cursor of the same direction starts from to return the current line again. */
    public abstract long resumeAtLine();

    /**
     * The offset a new cursor of the same direction starts from to return the line after the
     * current one, or -1 when the region holds nothing more in this direction.
     */
    public abstract long resumeAfterLine();

    /**
     * Reads from file offset {@code position} until {@code target} is full and counts the bytes;
     * returns how many were read.
     *
     * @throws IOException when the file ends first (it was truncated while being read)
     */
    final int readFully(FileChannel channel, ByteBuffer target, long position) throws IOException {
        int first = target.position();
        while (target.hasRemaining()) {
            int n = channel.read(target, position + target.position() - first);
            if (n < 0) {
                throw new IOException("file ended early; it was truncated while being read");
            }
            bytesRead += n;
        }
        return target.position() - first;
    }

    /** The buffer holding the current line (valid until the next call). */
    public final byte[] buffer() {
        return buf;
    }

    /** Where the current line starts in {@link #buffer()}. */
    public final int lineOffset() {
        return lineOffset;
    }

    /** Length of the current line without its newline; 0 when {@link #oversized()}. */
    public final int lineLength() {
        return lineLength;
    }

    /** File offset of the current line's first byte. */
    public final long lineStart() {
        return lineStart;
    }

    /** File offset just after the current line's newline. */
    public final long lineEnd() {
        return lineEnd;
    }

    /** True when the current line was longer than the maximum; its bytes are not available. */
    public final boolean oversized() {
        return oversized;
    }

    /** The bytes read from the file so far. */
    public final long bytesRead() {
        return bytesRead;
    }
}
