package com.vrooli.telemetry.store.jsonl.read;

import com.vrooli.telemetry.store.jsonl.JsonlFileSource;
import com.vrooli.telemetry.store.jsonl.query.ScenarioQuery;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A file as one query of {@link JsonlFileSource} sees it: where its whole lines end, the token of
 * its first line, and a last line without its newline when there is one, plus the walk forward or
 * backward over its lines. The line being offered is in {@link #lineStart}, so that the decoder
 * can name a bad line's offset. Not thread-safe: one per query.
 */
public final class FileView {

    private static final int PROBE = 8 * 1024;

    /** The end of the last whole line. */
    public final long wholeEnd;
    /** The file's identity, see {@link ScenarioQuery#token}. */
    public final int token;
    /** The bytes after the last newline, when there are some and they fit a line; else null. */
    private final byte[] tail;
    private final FileLineDecoder lines;
    public long lineStart;
    /** False while the tail is offered: a line still being written is not a bad line. */
    public boolean countSkips = true;
    public long bytesRead;

    private FileView(long wholeEnd, int token, byte[] tail, FileLineDecoder lines, long bytesRead) {
        this.lines = lines;
        this.wholeEnd = wholeEnd;
        this.token = token;
        this.tail = tail;
        this.bytesRead = bytesRead;
    }

    /** The file behind {@code ch} as it is now; {@code lines} counts the lines too long to read. */
    public static FileView of(FileChannel ch, FileLineDecoder lines) throws IOException {
        long size = ch.size();
        long[] read = {0};
        long wholeEnd = lastNewline(ch, size, read) + 1;
        byte[] tail = null;
        if (size > wholeEnd && size - wholeEnd <= StoredLines.MAX_LINE_BYTES) {
            tail = new byte[(int) (size - wholeEnd)];
            ByteBuffer b = ByteBuffer.wrap(tail);
            while (b.hasRemaining() && ch.read(b, wholeEnd + b.position()) > 0) {
                // read the unterminated last line
            }
            read[0] += tail.length;
        }
        return new FileView(wholeEnd, ScenarioQuery.token(ch, size), tail, lines,
                read[0] + ScenarioQuery.TOKEN_BYTES);
    }

    /** The offset of the last {@code '\n'} before {@code end}, or -1. */
    private static long lastNewline(FileChannel ch, long end, long[] read) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(PROBE);
        long hi = end;
        while (hi > 0) {
            long lo = Math.max(0, hi - PROBE);
            b.clear().limit((int) (hi - lo));
            while (b.hasRemaining() && ch.read(b, lo + b.position()) > 0) {
                // fill the probe
            }
            read[0] += b.position();
            for (int i = b.position() - 1; i >= 0; i--) {
                if (b.get(i) == '\n') {
                    return lo + i;
                }
            }
            hi = lo;
        }
        return -1;
    }

    /**
     * Offers the lines from {@code from} on, oldest first, then the tail; returns where the next
     * page starts, or -1 when nothing is left.
     */
    public static long forward(FileChannel ch, FileView view, long from, ScenarioQuery.Page page) throws IOException {
        LineScanner lines = new LineScanner(ch, from, view.wholeEnd, StoredLines.MAX_LINE_BYTES);
        try {
            while (lines.advance()) {
                if (view.offer(lines.oversized(), lines.buffer(), lines.lineOffset(), lines.lineLength(),
                        lines.lineStart(), page) && page.full()) {
                    return lines.lineEnd() < view.wholeEnd || view.tail != null ? lines.lineEnd() : -1;
                }
            }
        } finally {
            view.bytesRead += lines.bytesRead();
        }
        view.offerTail(page);
        return -1;
    }

    /**
     * Offers the lines before {@code start} (-1: the tail and then every line), newest first;
     * returns where the next page ends, or -1 when nothing is left.
     */
    public static long backward(FileChannel ch, FileView view, long start, ScenarioQuery.Page page) throws IOException {
        if (start < 0) {
            if (view.offerTail(page) && page.full()) {
                return view.wholeEnd > 0 ? view.wholeEnd : -1;
            }
            start = view.wholeEnd;
        }
        ReverseLineReader lines = new ReverseLineReader(ch, start, StoredLines.MAX_LINE_BYTES);
        try {
            while (lines.advance()) {
                if (view.offer(lines.oversized(), lines.buffer(), lines.lineOffset(), lines.lineLength(),
                        lines.lineStart(), page) && page.full()) {
                    return lines.lineStart() > 0 ? lines.lineStart() : -1;
                }
            }
            return -1;
        } finally {
            view.bytesRead += lines.bytesRead();
        }
    }

    private boolean offer(boolean oversized, byte[] buf, int offset, int length, long start,
                          ScenarioQuery.Page page) {
        lineStart = start;
        if (oversized) {
            lines.skip(start, "line at byte " + start + " is longer than " + StoredLines.MAX_LINE_BYTES + " bytes");
            return false;
        }
        return page.offer(buf, offset, length);
    }

    private boolean offerTail(ScenarioQuery.Page page) {
        if (tail == null) {
            return false;
        }
        lineStart = wholeEnd;
        countSkips = false;
        try {
            return page.offer(tail, 0, tail.length);
        } finally {
            countSkips = true;
        }
    }
}
