package com.vrooli.telemetry.store.jsonl.query;

import com.vrooli.telemetry.core.EventFilter;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.PageBudget;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.JsonlFileSource;
import com.vrooli.telemetry.store.jsonl.StoreCounters;
import com.vrooli.telemetry.store.jsonl.read.LineCursor;
import com.vrooli.telemetry.store.jsonl.read.LineScanner;
import com.vrooli.telemetry.store.jsonl.read.ReverseLineReader;
import com.vrooli.telemetry.store.jsonl.read.StoredLines;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Fills a query page from one plain file (the live file or an uncompressed segment; see
 * {@link CrossFileQuery} for the walk across files): forward from an offset for oldest-first,
 * backward in chunks from an offset for newest-first, so that the newest matches cost only the
 * bytes read to find them. Raw lines go through the pre-checks ({@link RawLineFilter},
 * {@link RawTextSearch}) before they are decoded, so a line a query
 * rejects on its bytes costs no decoding and no allocation.
 *
 * <p>Only whole lines before the given end are read, so lines appended after a newest-first query
 * started never shift its pages. A cursor carries a token of the file's first line (its first 64
 * bytes at most), so a cursor of another scenario's or a replaced file is refused. Stateless.
 */
public final class ScenarioQuery {

    public static final int TOKEN_BYTES = 64;

    private ScenarioQuery() {
    }

    /**
     * Adds the matching events of the whole lines in {@code [start, visible)} to the page, in file
     * order, until it is full; returns where the next page starts, or -1 when nothing is left.
     */
    static long forward(FileChannel ch, long start, long visible, Page page, StoreCounters counters)
            throws IOException {
        return fill(new LineScanner(ch, start, visible, StoredLines.MAX_LINE_BYTES), page, counters);
    }

    /**
     * Adds the matching events of the whole lines before {@code start} to the page, newest first,
     * until it is full; returns where the next page ends, or -1 when nothing is left.
     */
    static long backward(FileChannel ch, long start, Page page, StoreCounters counters) throws IOException {
        return fill(new ReverseLineReader(ch, start, StoredLines.MAX_LINE_BYTES), page, counters);
    }

    /** Offers the cursor's lines to the page until it is full; returns where the next page resumes, or -1. */
    private static long fill(LineCursor lines, Page page, StoreCounters counters) throws IOException {
        try {
            while (lines.advance()) {
                if (lines.oversized()) {
                    continue;
                }
                boolean added = page.offer(lines.buffer(), lines.lineOffset(), lines.lineLength());
                if (page.overBudget()) {
                    // The next page resumes with the event that did not fit.
                    return lines.resumeAtLine();
                }
                if (added && page.full()) {
                    return lines.resumeAfterLine();
                }
            }
            return -1;
        } finally {
            counters.bytesScanned.add(lines.bytesRead());
        }
    }

    /** The identity of the file: a checksum of its first line (at most its first 64 bytes). */
    public static int token(FileChannel ch, long visible) throws IOException {
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(TOKEN_BYTES, visible));
        while (head.hasRemaining() && ch.read(head, head.position()) >= 0) {
            // read until the head is full or the file ends
        }
        return token(head.array(), head.position());
    }

    /** The token of a file whose first bytes (up to 64) are {@code bytes[0, length)}. */
    public static int token(byte[] bytes, int length) {
        int line = Math.min(length, TOKEN_BYTES);
        for (int i = 0; i < line; i++) {
            if (bytes[i] == '\n') {
                line = i;
                break;
            }
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, line);
        return (int) crc.getValue();
    }

    public static int byteAt(FileChannel ch, long offset) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        return ch.read(one, offset) == 1 ? one.get(0) : -1;
    }

    /** Turns a line's bytes into its event, or null when the line is not one the page may hold. */
    @FunctionalInterface
    public interface LineDecoder {
        TelemetryEvent decode(byte[] buf, int offset, int length);
    }

    /**
     * The events of the page being built, bounded by the query's limit and by a page budget in
     * stored-line bytes (the store's {@link com.vrooli.telemetry.core.StoreLimits#maxPageBytes()}).
     */
    public static final class Page {
        public final List<TelemetryEvent> events = new ArrayList<>();
        private final EventQuery query;
        private final EventFilter filter;
        private final RawLineFilter raw;
        private final RawTextSearch search;
        private final LineDecoder decoder;
        private final long maxBytes;
        private final PageBudget budget;
        private boolean overBudget;

        /** A page of the lines of {@code scenario}'s own file, within {@code maxBytes} of stored lines. */
        Page(EventQuery query, String scenario, long maxBytes) {
            this(query, StoredLines.of(scenario)::decode, maxBytes);
        }

        /**
         * A page whose lines are decoded by {@code decoder} (a file read on its own, see
         * {@link JsonlFileSource}), bounded by the query's limit only.
         */
        public Page(EventQuery query, LineDecoder decoder) {
            this(query, decoder, Long.MAX_VALUE);
        }

        private Page(EventQuery query, LineDecoder decoder, long maxBytes) {
            this.query = query;
            this.filter = EventFilter.of(query);
            this.raw = RawLineFilter.of(query);
            this.search = RawTextSearch.of(query);
            this.decoder = decoder;
            this.maxBytes = maxBytes;
            this.budget = new PageBudget(maxBytes);
        }

        /**
         * Adds the line's event when it matches and fits the budget; true when it was added. A
         * matching event that does not fit ends the page ({@link #overBudget()}).
         */
        public boolean offer(byte[] buf, int offset, int length) {
            TelemetryEvent e = matching(buf, offset, length);
            return e != null && add(e, length);
        }

        /** Adds a matching event of a {@code length}-byte line when it fits the budget. */
        boolean add(TelemetryEvent e, int length) {
            // The stored line without its newline, as EventLineCodec.encodedLength counts it.
            if (!budget.take(length)) {
                overBudget = true;
                return false;
            }
            events.add(e);
            return true;
        }

        /** True once an event did not fit the byte budget: the page ends there. */
        boolean overBudget() {
            return overBudget;
        }

        /** Ends the page as if the budget were spent (older matches were left out to respect it). */
        void endOverBudget() {
            overBudget = true;
        }

        /** Bytes an event may still take; the whole budget while the page is empty. */
        long bytesLeft() {
            return events.isEmpty() ? maxBytes : maxBytes - budget.used();
        }

        /** The line's event when it matches the query, else null. */
        TelemetryEvent matching(byte[] buf, int offset, int length) {
            if (StoredLines.isBlank(buf, offset, length) || (raw != null && !raw.mayMatch(buf, offset, length))
                    || (search != null && !search.mayMatch(buf, offset, length))) {
                return null;
            }
            TelemetryEvent e = decoder.decode(buf, offset, length);
            return e == null || !filter.matches(e) ? null : e;
        }

        public boolean full() {
            return overBudget || events.size() == query.limit();
        }

        /** How many more events fit. */
        int room() {
            return query.limit() - events.size();
        }
    }
}
