package com.vrooli.telemetry.store.jsonl.query;

import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.StoreCounters;
import com.vrooli.telemetry.store.jsonl.read.GzipLines;
import com.vrooli.telemetry.store.jsonl.read.StoredLines;
import com.vrooli.telemetry.store.jsonl.retention.Segment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.util.ArrayDeque;
import java.util.zip.GZIPInputStream;

/**
 * One of a scenario's files as a query reads it: plain (the live file or an uncompressed segment,
 * read from any offset in either direction), gzip'd (streamed from its start every time: a
 * newest-first page keeps the last matches it passes in a ring the size of the page), or empty (a
 * file deleted meanwhile). Offsets are those of the uncompressed text. Not thread-safe.
 */
abstract class QueryFile implements AutoCloseable {

    /** "From the end", whatever the file's length. */
    static final long END = Long.MAX_VALUE;

    private final long number;

    private QueryFile(long number) {
        this.number = number;
    }

    static QueryFile plain(long number, FileChannel ch, long end, boolean owned, StoreCounters counters) {
        return new Plain(number, ch, end, owned, counters);
    }

    static QueryFile gzip(Segment segment, StoreCounters counters) {
        return new Gzip(segment, counters);
    }

    static QueryFile empty(long number) {
        return new Empty(number);
    }

    /** The file's number (a segment's, or the one the live file will take). */
    final long number() {
        return number;
    }

    /** The identity of the file's content, see {@link ScenarioQuery#token}. */
    abstract int token() throws IOException;

    /** Refuses a cursor whose offset is not a line boundary of this very file. */
    abstract void checkCursor(QueryCursor cursor, long offset) throws IOException;

    /** See {@link ScenarioQuery#forward}. */
    abstract long forward(long from, ScenarioQuery.Page page) throws IOException;

    /** See {@link ScenarioQuery#backward}; {@code from} may be {@link #END}. */
    abstract long backward(long from, ScenarioQuery.Page page) throws IOException;

    @Override
    public void close() throws IOException {
    }

    private static final class Plain extends QueryFile {
        private final FileChannel ch;
        private final long end;
        private final boolean owned;
        private final StoreCounters counters;

        Plain(long number, FileChannel ch, long end, boolean owned, StoreCounters counters) {
            super(number);
            this.ch = ch;
            this.end = end;
            this.owned = owned;
            this.counters = counters;
        }

        @Override
        int token() throws IOException {
            return ScenarioQuery.token(ch, end);
        }

        @Override
        void checkCursor(QueryCursor cursor, long offset) throws IOException {
            if (offset > 0 && (offset > end || cursor.token() != token()
                    || ScenarioQuery.byteAt(ch, offset - 1) != '\n')) {
                throw QueryCursor.stale();
            }
        }

        @Override
        long forward(long from, ScenarioQuery.Page page) throws IOException {
            return ScenarioQuery.forward(ch, from, end, page, counters);
        }

        @Override
        long backward(long from, ScenarioQuery.Page page) throws IOException {
            return ScenarioQuery.backward(ch, Math.min(from, end), page, counters);
        }

        @Override
        public void close() throws IOException {
            if (owned) {
                ch.close();
            }
        }
    }

    private static final class Gzip extends QueryFile {
        private final Segment segment;
        private final StoreCounters counters;

        Gzip(Segment segment, StoreCounters counters) {
            super(segment.number());
            this.segment = segment;
            this.counters = counters;
        }

        @Override
        int token() throws IOException {
            byte[] head = new byte[ScenarioQuery.TOKEN_BYTES];
            int n = 0;
            try (InputStream in = new GZIPInputStream(
                    Files.newInputStream(segment.path(), LinkOption.NOFOLLOW_LINKS))) {
                int r;
                while (n < head.length && (r = in.read(head, n, head.length - n)) > 0) {
                    n += r;
                }
            } catch (NoSuchFileException deleted) {
                // Retention deleted it since the query started: it is empty now.
                n = 0;
            }
            return ScenarioQuery.token(head, n);
        }

        @Override
        void checkCursor(QueryCursor cursor, long offset) throws IOException {
            // Whether the offset is a line boundary is checked while streaming to it.
            if (offset > 0 && cursor.token() != token()) {
                throw QueryCursor.stale();
            }
        }

        @Override
        long forward(long from, ScenarioQuery.Page page) throws IOException {
            long[] next = {-1};
            boolean[] aligned = {from == 0};
            read((buf, length, start, end) -> {
                if (end <= from) {
                    aligned[0] |= end == from;
                    return true;
                }
                if (!aligned[0]) {
                    throw QueryCursor.stale();
                }
                if (buf == null) {
                    return true;
                }
                boolean added = page.offer(buf, 0, length);
                if (page.overBudget()) {
                    next[0] = start;
                    return false;
                }
                if (added && page.full()) {
                    next[0] = end;
                    return false;
                }
                return true;
            });
            if (!aligned[0]) {
                throw QueryCursor.stale();
            }
            return next[0];
        }

        @Override
        long backward(long from, ScenarioQuery.Page page) throws IOException {
            // The newest matches before `from`, as many as the page has room for in count and in
            // bytes, so that reading a segment forward never holds more than one page.
            int room = page.room();
            long bytesLeft = page.bytesLeft();
            ArrayDeque<Match> kept = new ArrayDeque<>();
            long[] keptBytes = {0};
            boolean[] dropped = {false};
            boolean[] aligned = {from == 0 || from == END};
            read((buf, length, start, end) -> {
                if (end > from) {
                    return false;
                }
                aligned[0] |= end == from;
                TelemetryEvent e = buf == null ? null : page.matching(buf, 0, length);
                if (e != null) {
                    kept.addLast(new Match(e, length, start, end));
                    keptBytes[0] += length;
                    while (kept.size() > room || (kept.size() > 1 && keptBytes[0] > bytesLeft)) {
                        keptBytes[0] -= kept.removeFirst().length;
                        dropped[0] = true;
                    }
                }
                return true;
            });
            if (!aligned[0]) {
                throw QueryCursor.stale();
            }
            while (!kept.isEmpty()) {
                Match m = kept.removeLast();
                if (!page.add(m.event, m.length)) {
                    return m.end;
                }
                if (kept.isEmpty() && dropped[0]) {
                    if (!page.full()) {
                        page.endOverBudget();
                    }
                    return m.start;
                }
            }
            return -1;
        }

        /** A matching line of a gzip'd segment: its event, length and offsets. */
        private record Match(TelemetryEvent event, int length, long start, long end) {
        }

        private void read(GzipLines.Sink sink) throws IOException {
            try {
                counters.bytesScanned.add(GzipLines.read(segment.path(), StoredLines.MAX_LINE_BYTES, sink));
            } catch (NoSuchFileException deleted) {
                // Retention deleted it since the query started: it has nothing left to give.
                return;
            }
        }
    }

    private static final class Empty extends QueryFile {
        Empty(long number) {
            super(number);
        }

        @Override
        int token() {
            return ScenarioQuery.token(new byte[0], 0);
        }

        @Override
        void checkCursor(QueryCursor cursor, long offset) {
            if (offset > 0) {
                throw QueryCursor.stale();
            }
        }

        @Override
        long forward(long from, ScenarioQuery.Page page) {
            return -1;
        }

        @Override
        long backward(long from, ScenarioQuery.Page page) {
            return -1;
        }
    }
}
