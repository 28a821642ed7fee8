package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.core.EventFilter;
import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Answers one query page by streaming one scenario file: forward from the cursor's offset for
 * oldest-first, backward in chunks from the end (or the cursor) for newest-first, so that the
 * newest matches cost only the bytes read to find them. Raw lines go through
 * {@link EventFilter#mayMatch} before they are decoded.
 *
 * <p>Only whole lines before {@code end} are read, so lines appended after a newest-first query
 * started never shift its pages. A cursor carries a token of the file's first line (its first 64
 * bytes at most), so a cursor of another scenario's or a replaced file is refused. Stateless.
 */
final class ScenarioQuery {

    private static final int TOKEN_BYTES = 64;

    private ScenarioQuery() {
    }

    /**
     * One page of the file's events.
     *
     * @param end offset the query reads up to, or -1 for the file's current size
     * @throws com.vrooli.telemetry.core.InvalidQueryException when the cursor does not fit the file
     */
    static EventPage run(EventQuery query, String scenario, Path file, long end, StoreCounters counters)
            throws IOException {
        QueryCursor cursor = query.cursor() == null ? null : QueryCursor.decode(query.cursor(), query.order());
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            if (cursor != null) {
                throw QueryCursor.stale();
            }
            return EventPage.empty();
        }
        try (ch) {
            long visible = end >= 0 ? end : ch.size();
            boolean newestFirst = query.order() == EventQuery.Order.NEWEST_FIRST;
            long start = newestFirst ? visible : 0;
            if (cursor != null) {
                if (cursor.offset() == 0 || cursor.offset() > visible || cursor.token() != token(ch, visible)
                        || byteAt(ch, cursor.offset() - 1) != '\n') {
                    throw QueryCursor.stale();
                }
                start = cursor.offset();
            }
            Page page = new Page(query, scenario);
            long next = newestFirst ? backward(ch, start, page, counters) : forward(ch, start, visible, page, counters);
            String nextCursor = next < 0 ? null
                    : new QueryCursor(query.order(), next, token(ch, visible)).encode();
            return new EventPage(page.events, nextCursor);
        }
    }

    /** Returns where the next page starts, or -1 when nothing is left. */
    private static long forward(FileChannel ch, long start, long visible, Page page, StoreCounters counters)
            throws IOException {
        LineScanner lines = new LineScanner(ch, start, visible, StoredLines.MAX_LINE_BYTES);
        try {
            while (lines.advance()) {
                if (!lines.oversized() && page.offer(lines.buffer(), lines.lineOffset(), lines.lineLength())
                        && page.full()) {
                    return lines.lineEnd() < visible ? lines.lineEnd() : -1;
                }
            }
            return -1;
        } finally {
            counters.bytesScanned.add(lines.bytesRead());
        }
    }

    private static long backward(FileChannel ch, long start, Page page, StoreCounters counters) throws IOException {
        ReverseLineReader lines = new ReverseLineReader(ch, start, StoredLines.MAX_LINE_BYTES);
        try {
            while (lines.advance()) {
                if (!lines.oversized() && page.offer(lines.buffer(), lines.lineOffset(), lines.lineLength())
                        && page.full()) {
                    return lines.lineStart() > 0 ? lines.lineStart() : -1;
                }
            }
            return -1;
        } finally {
            counters.bytesScanned.add(lines.bytesRead());
        }
    }

    /** The identity of the file: a checksum of its first line (at most its first 64 bytes). */
    private static int token(FileChannel ch, long visible) throws IOException {
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(TOKEN_BYTES, visible));
        while (head.hasRemaining() && ch.read(head, head.position()) >= 0) {
            // read until the head is full or the file ends
        }
        byte[] bytes = head.array();
        int length = head.position();
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                length = i;
                break;
            }
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    private static int byteAt(FileChannel ch, long offset) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        return ch.read(one, offset) == 1 ? one.get(0) : -1;
    }

    /** The events of the page being built. */
    private static final class Page {
        final List<TelemetryEvent> events = new ArrayList<>();
        private final EventQuery query;
        private final EventFilter filter;
        private final String scenario;

        Page(EventQuery query, String scenario) {
            this.query = query;
            this.filter = EventFilter.of(query);
            this.scenario = scenario;
        }

        /** Adds the line's event when it matches; true when it was added. */
        boolean offer(byte[] buf, int offset, int length) {
            if (StoredLines.isBlank(buf, offset, length) || !filter.mayMatch(buf, offset, length)) {
                return false;
            }
            TelemetryEvent e = StoredLines.decode(scenario, buf, offset, length);
            if (e == null || !filter.matches(e)) {
                return false;
            }
            events.add(e);
            return true;
        }

        boolean full() {
            return events.size() == query.limit();
        }
    }
}
