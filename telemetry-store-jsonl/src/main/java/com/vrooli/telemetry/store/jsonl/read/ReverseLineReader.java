package com.vrooli.telemetry.store.jsonl.read;

import com.vrooli.telemetry.store.jsonl.append.Newlines;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads the whole lines of a file back to front, in chunks from the end, so that a query for the
 * newest events reads only as far back as it needs. Lines end at {@code '\n'}; bytes after the
 * last newline before the start offset (a line still being written) are skipped. Lines longer than
 * the maximum are reported as {@link #oversized()} without their bytes. Not thread-safe.
 */
public final class ReverseLineReader extends LineCursor {

    private final FileChannel channel;
    private final int maxLine;
    private final long end;
    /** The window starts here: buf[0] holds the byte at file offset winLo. */
    private long winLo;
    /** Everything at or after this offset was returned or skipped; a line boundary once positioned. */
    private long cursor;
    private boolean positioned;
    private boolean kept;
    /** The next read's size: small first (the newest lines are near the end), then growing. */
    private int chunk = LineScanner.CHUNK;

    /** A reader of the lines that end before {@code end}. */
    public ReverseLineReader(FileChannel channel, long end, int maxLine) {
        this.channel = channel;
        this.maxLine = maxLine;
        this.end = end;
        this.winLo = end;
        this.cursor = end;
    }

    /** Moves to the previous whole line; false when the start of the file is reached. */
    @Override
    public boolean advance() throws IOException {
        if (!positioned) {
            cursor = searchBack(end, false) + 1;
            positioned = true;
        }
        if (cursor == 0) {
            return false;
        }
        long newline = searchBack(cursor - 1, true);
        lineStart = newline + 1;
        lineEnd = cursor;
        oversized = !kept || lineEnd - 1 - lineStart > maxLine;
        lineOffset = (int) (lineStart - winLo);
        lineLength = oversized ? 0 : (int) (lineEnd - 1 - lineStart);
        cursor = lineStart;
        return true;
    }

    /**
     * The offset of the last {@code '\n'} before {@code limit}, or -1. With {@code keep}, the bytes
     * from there to the cursor stay in the window unless they grow past the maximum line length.
     */
    private long searchBack(long limit, boolean keep) throws IOException {
        kept = keep;
        long p = limit;
        while (p > 0) {
            if (p <= winLo) {
                load();
            }
            int i = Newlines.lastIndexOf(buf, 0, (int) (p - winLo));
            if (i >= 0) {
                return winLo + i;
            }
            p = winLo;
        }
        return -1;
    }

    /** Reads the chunk before the window, keeping the current line when {@link #kept}. */
    private void load() throws IOException {
        int keepLen = kept ? (int) Math.min(Integer.MAX_VALUE, cursor - winLo) : 0;
        if (keepLen > maxLine + 1) {
            kept = false;
            keepLen = 0;
        }
        int readLen = (int) Math.min(chunk, winLo);
        chunk = Math.min(LineScanner.MAX_CHUNK, chunk * 2);
        if (keepLen + readLen > buf.length) {
            byte[] bigger = new byte[Math.max(keepLen + readLen, (int) Math.min(maxLine + 1L + LineScanner.MAX_CHUNK,
                    buf.length * 2L))];
            System.arraycopy(buf, 0, bigger, 0, keepLen);
            buf = bigger;
        }
        System.arraycopy(buf, 0, buf, readLen, keepLen);
        readFully(channel, ByteBuffer.wrap(buf, 0, readLen), winLo - readLen);
        winLo -= readLen;
    }

    /** The current line's end: a reader ending there returns this line first. */
    @Override
    public long resumeAtLine() {
        return lineEnd;
    }

    /** The current line's start, or -1 when it is the file's first line. */
    @Override
    public long resumeAfterLine() {
        return lineStart > 0 ? lineStart : -1;
    }
}
