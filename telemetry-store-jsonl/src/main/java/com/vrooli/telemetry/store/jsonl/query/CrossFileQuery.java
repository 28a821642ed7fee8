package com.vrooli.telemetry.store.jsonl.query;

import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.StoreUnavailableException;
import com.vrooli.telemetry.store.jsonl.IoReasons;
import com.vrooli.telemetry.store.jsonl.ScenarioFile;
import com.vrooli.telemetry.store.jsonl.StoreCounters;
import com.vrooli.telemetry.store.jsonl.directory.ScenarioDirectory;
import com.vrooli.telemetry.store.jsonl.retention.SealedSegments;
import com.vrooli.telemetry.store.jsonl.retention.Segment;
import com.vrooli.telemetry.store.jsonl.retention.SegmentName;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Answers one query page across a scenario's files: its sealed segments, oldest first, then its
 * live file. Newest-first walks them from the live file's end backward; oldest-first from the
 * oldest segment forward. A page that ends inside a file gets a cursor naming that file's number
 * and the offset; one that ends exactly at a file's edge names the next file to read at offset 0.
 *
 * <p>Files come and go while pages are read: a rotation turns the live file into a segment with
 * the same number and content, so a cursor stays valid; a cursor into a segment that retention has
 * since deleted continues with the oldest retained file (oldest-first) or ends the results
 * (newest-first, nothing older is left). A segment deleted while a page is read counts as empty.
 * Stateless.
 */
public final class CrossFileQuery {

    private CrossFileQuery() {
    }

    /**
     * One page of {@code file}'s events, or of a scenario the store does not hold ({@code file}
     * null): an empty page, and a cursor is then stale (when it is one at all).
     *
     * @throws com.vrooli.telemetry.core.InvalidQueryException when the cursor does not fit the files
     * @throws StoreUnavailableException when the files cannot be read
     */
    public static EventPage page(ScenarioFile file, EventQuery query, StoreCounters counters, long maxPageBytes) {
        if (file == null) {
            if (query.cursor() != null) {
                QueryCursor.decode(query.cursor(), query.order());
                throw QueryCursor.stale();
            }
            return EventPage.empty();
        }
        try (ScenarioView view = file.openView()) {
            return run(query, file.scenario, view, counters, maxPageBytes);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot read scenario '" + file.scenario + "': "
                    + IoReasons.describe(e), e);
        }
    }

    /**
     * One page of the scenario's events.
     *
     * @throws com.vrooli.telemetry.core.InvalidQueryException when the cursor does not fit the files
     */
    static EventPage run(EventQuery query, String scenario, ScenarioView view, StoreCounters counters,
                         long maxPageBytes) throws IOException {
        QueryCursor cursor = query.cursor() == null ? null : QueryCursor.decode(query.cursor(), query.order());
        boolean newestFirst = query.order() == EventQuery.Order.NEWEST_FIRST;
        List<Segment> segments = view.segments().segments();
        int liveIndex = segments.size();
        int at = newestFirst ? liveIndex : 0;
        long start = newestFirst ? QueryFile.END : 0;
        boolean checkCursor = false;
        if (cursor != null) {
            long number = cursor.file() == QueryCursor.LIVE ? view.segments().liveNumber() : cursor.file();
            at = indexOf(view.segments(), number);
            if (at < 0) {
                if (number >= view.segments().liveNumber()
                        || (!segments.isEmpty() && number > segments.get(0).number())) {
                    throw QueryCursor.stale();
                }
                // Retention deleted the cursor's file: nothing older is left, or go on with the oldest.
                if (newestFirst) {
                    return EventPage.empty();
                }
                at = 0;
            } else {
                start = cursor.offset();
                checkCursor = true;
            }
        }
        ScenarioQuery.Page page = new ScenarioQuery.Page(query, scenario, maxPageBytes);
        int step = newestFirst ? -1 : 1;
        for (int i = at; i >= 0 && i <= liveIndex; i += step) {
            try (QueryFile source = open(view, i, counters)) {
                long from = i == at ? start : newestFirst ? QueryFile.END : 0;
                if (i == at && checkCursor) {
                    source.checkCursor(cursor, from);
                }
                long next = newestFirst ? source.backward(from, page) : source.forward(from, page);
                if (page.overBudget()) {
                    counters.pagesCutByBytes.increment();
                }
                if (page.overBudget() && next >= 0) {
                    // Ended by the byte budget inside this file: resume exactly there, even at its start.
                    return new EventPage(page.events,
                            new QueryCursor(query.order(), source.number(), next, source.token()).encode());
                }
                if (page.full()) {
                    return new EventPage(page.events, cursorAfter(query.order(), source, next, view, i));
                }
            }
        }
        return new EventPage(page.events, null);
    }

    /** The cursor of a full page that stopped at {@code next} in the file at {@code index}. */
    private static String cursorAfter(EventQuery.Order order, QueryFile source, long next, ScenarioView view,
                                      int index) throws IOException {
        List<Segment> segments = view.segments().segments();
        if (next > 0) {
            return new QueryCursor(order, source.number(), next, source.token()).encode();
        }
        boolean newestFirst = order == EventQuery.Order.NEWEST_FIRST;
        if (newestFirst && index > 0) {
            return new QueryCursor(order, source.number(), 0, 0).encode();
        }
        if (!newestFirst && index < segments.size()) {
            long nextNumber = index + 1 < segments.size() ? segments.get(index + 1).number()
                    : view.segments().liveNumber();
            return new QueryCursor(order, nextNumber, 0, 0).encode();
        }
        return null;
    }

    private static int indexOf(SealedSegments set, long number) {
        if (number == set.liveNumber()) {
            return set.segments().size();
        }
        List<Segment> segments = set.segments();
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).number() == number) {
                return i;
            }
        }
        return -1;
    }

    private static QueryFile open(ScenarioView view, int index, StoreCounters counters) throws IOException {
        SealedSegments set = view.segments();
        if (index == set.segments().size()) {
            return view.live() == null ? QueryFile.empty(set.liveNumber())
                    : QueryFile.plain(set.liveNumber(), view.live(), view.liveEnd(), false, counters);
        }
        Segment segment = set.segments().get(index);
        if (segment.gzip()) {
            return QueryFile.gzip(segment, counters);
        }
        try {
            FileChannel ch = FileChannel.open(segment.path(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            return QueryFile.plain(segment.number(), ch, ch.size(), true, counters);
        } catch (NoSuchFileException compressedOrDeleted) {
            SegmentName gz = new SegmentName(segment.name().scenario(), segment.number(), true);
            return QueryFile.gzip(new Segment(gz, ScenarioDirectory.inside(segment.path().getParent(),
                    gz.fileName()), 0, segment.sealedAt()), counters);
        }
    }
}
