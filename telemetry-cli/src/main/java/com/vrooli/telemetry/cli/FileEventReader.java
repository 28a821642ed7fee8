package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.core.EventDecoder;
import com.vrooli.telemetry.core.EventFilter;
import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.InvalidQueryException;
import com.vrooli.telemetry.core.MalformedBodyException;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.SummaryAggregator;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads one JSONL file in the stored line format (a server's {@code {scenario}.jsonl} or a
 * bundle's local telemetry file) by streaming it: each line decoded with
 * {@link EventDecoder#decodeLine}, filtered with {@link EventFilter}. Lines that are not events are
 * skipped and counted; a last line without its newline is read only when it is a whole event (a
 * writer may be half-way through it). Cursors are byte offsets, so a followed file is read
 * incrementally. Not thread-safe.
 */
final class FileEventReader implements TelemetryReader {

    private static final int BUFFER = 64 * 1024;
    /** Lines longer than this are skipped unread: no stored event is anywhere near it. */
    private static final int MAX_LINE = 1024 * 1024;

    private final Path file;
    private final EventDecoder decoder = EventDecoder.create();
    private long skippedLines;
    private String firstSkipReason;
    /** Skipped lines are counted once, however many scans pass them. */
    private long lastSkipCounted = -1;

    FileEventReader(Path file) {
        this.file = file;
    }

    /** Distinct lines skipped so far because they were not events. */
    long skippedLines() {
        return skippedLines;
    }

    /** Why the first skipped line was skipped, or null. */
    String firstSkipReason() {
        return firstSkipReason;
    }

    @Override
    public List<ScenarioSummary> summaries() {
        Map<String, SummaryAggregator> byScenario = new TreeMap<>();
        scan(0, Long.MAX_VALUE, (start, end, e) -> {
            byScenario.computeIfAbsent(e.scenario(), SummaryAggregator::new).add(e);
            return true;
        });
        List<ScenarioSummary> out = new ArrayList<>();
        byScenario.values().forEach(a -> out.add(a.snapshot()));
        return out;
    }

    @Override
    public Optional<ScenarioSummary> summary(String scenario) {
        SummaryAggregator a = new SummaryAggregator(scenario);
        scan(0, Long.MAX_VALUE, (start, end, e) -> {
            if (e.scenario().equals(scenario)) {
                a.add(e);
            }
            return true;
        });
        return a.totalEvents() == 0 ? Optional.empty() : Optional.of(a.snapshot());
    }

    @Override
    public EventPage query(EventQuery query) {
        EventFilter filter = EventFilter.of(query);
        return query.order() == EventQuery.Order.OLDEST_FIRST ? oldestFirst(query, filter) : newestFirst(query, filter);
    }

    private EventPage oldestFirst(EventQuery query, EventFilter filter) {
        long from = offset(query.cursor(), 'f');
        List<TelemetryEvent> page = new ArrayList<>();
        long[] stop = {-1};
        scan(from, Long.MAX_VALUE, (start, end, e) -> {
            if (matches(query, filter, e)) {
                page.add(e);
                if (page.size() == query.limit()) {
                    stop[0] = end;
                    return false;
                }
            }
            return true;
        });
        boolean more = stop[0] >= 0 && stop[0] < size();
        return new EventPage(page, more ? "f" + stop[0] : null);
    }

    private EventPage newestFirst(EventQuery query, EventFilter filter) {
        long before = query.cursor() == null ? Long.MAX_VALUE : offset(query.cursor(), 'b');
        ArrayDeque<TelemetryEvent> newest = new ArrayDeque<>();
        ArrayDeque<Long> starts = new ArrayDeque<>();
        long[] matched = {0};
        scan(0, before, (start, end, e) -> {
            if (matches(query, filter, e)) {
                matched[0]++;
                newest.addLast(e);
                starts.addLast(start);
                if (newest.size() > query.limit()) {
                    newest.removeFirst();
                    starts.removeFirst();
                }
            }
            return true;
        });
        List<TelemetryEvent> page = new ArrayList<>(newest);
        Collections.reverse(page);
        return new EventPage(page, matched[0] > query.limit() ? "b" + starts.peekFirst() : null);
    }

    private static boolean matches(EventQuery query, EventFilter filter, TelemetryEvent e) {
        return e.scenario().equals(query.scenario()) && filter.matches(e);
    }

    private static long offset(String cursor, char kind) {
        if (cursor == null) {
            return 0;
        }
        try {
            if (cursor.length() > 1 && cursor.charAt(0) == kind) {
                long at = Long.parseLong(cursor.substring(1));
                if (at >= 0) {
                    return at;
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidQueryException("cursor was not issued for this query");
    }

    private long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Receives each event with the byte offsets of its line; returns false to stop. */
    @FunctionalInterface
    private interface LineSink {
        boolean accept(long start, long end, TelemetryEvent event);
    }

    /** Streams the lines that start in {@code [from, to)}. */
    private void scan(long from, long to, LineSink sink) {
        try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ)) {
            ch.position(from);
            ByteBuffer buf = ByteBuffer.allocate(BUFFER);
            byte[] line = new byte[1024];
            int len = 0;
            boolean overlong = false;
            long lineStart = from;
            long pos = from;
            while (lineStart < to && ch.read(buf.clear()) > 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    byte b = buf.get();
                    pos++;
                    if (b == '\n') {
                        if (!deliver(line, len, overlong, lineStart, pos, true, sink)) {
                            return;
                        }
                        len = 0;
                        overlong = false;
                        lineStart = pos;
                        if (lineStart >= to) {
                            return;
                        }
                    } else if (len < MAX_LINE) {
                        if (len == line.length) {
                            line = Arrays.copyOf(line, Math.min(line.length * 2, MAX_LINE));
                        }
                        line[len++] = b;
                    } else {
                        overlong = true;
                    }
                }
            }
            if (len > 0 && lineStart < to) {
                deliver(line, len, overlong, lineStart, pos, false, sink);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean deliver(byte[] line, int len, boolean overlong, long start, long end, boolean terminated,
                            LineSink sink) {
        if (overlong) {
            skip(start, "line at byte " + start + " is longer than " + MAX_LINE + " bytes");
            return true;
        }
        if (isBlank(line, len)) {
            return true;
        }
        TelemetryEvent e;
        try {
            e = decoder.decodeLine(line, 0, len);
        } catch (MalformedBodyException ex) {
            if (terminated) {
                skip(start, "line at byte " + start + ": " + ex.getMessage());
            }
            return true;
        }
        return sink.accept(start, end, e);
    }

    private void skip(long start, String reason) {
        if (start <= lastSkipCounted) {
            return;
        }
        lastSkipCounted = start;
        if (skippedLines++ == 0) {
            firstSkipReason = reason;
        }
    }

    private static boolean isBlank(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        // Each scan opens and closes the file itself.
    }
}
