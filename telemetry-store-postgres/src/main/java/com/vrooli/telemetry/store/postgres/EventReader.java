package com.vrooli.telemetry.store.postgres;

import com.vrooli.telemetry.core.Details;
import com.vrooli.telemetry.core.EventFilter;
import com.vrooli.telemetry.core.EventLineCodec;
import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Answers event queries with keyset paging on {@code seq}. SQL narrows the rows with the indexed
 * filters (a superset of the matches: times widened to the microsecond, search as a
 * case-insensitive LIKE that can only match more); the query's own {@link EventFilter} then
 * decides, so every filter means exactly what it means on the other stores. Rows are read in
 * chunks until the page plus one more match is found. A page also ends, with a cursor, before
 * the event that would take its stored-line bytes past the budget; it always holds one event.
 */
final class EventReader {

    private static final String COLUMNS = "seq, ts, ts_nanos, deployment_id, event, event_id, details_text";

    private final PgDatabase db;
    private final long maxPageBytes;
    private final LongAdder pagesCut = new LongAdder();

    /** @param maxPageBytes the stored-line bytes a page may hold (it always holds at least one event) */
    EventReader(PgDatabase db, long maxPageBytes) {
        this.db = db;
        this.maxPageBytes = maxPageBytes;
    }

    /** Pages that ended early at the byte budget since the store opened. */
    long pagesCut() {
        return pagesCut.sum();
    }

    EventPage query(EventQuery q) {
        db.requireOpen();
        long after = q.cursor() == null ? -1 : PgCursor.decode(q);
        return db.read("query events", c -> page(c, q, after));
    }

    private EventPage page(Connection c, EventQuery q, long after) throws SQLException {
        EventFilter filter = EventFilter.of(q);
        List<TelemetryEvent> events = new ArrayList<>();
        long bytes = 0;
        long lastSeq = after;
        long position = after;
        int chunk = Math.min(EventQuery.MAX_LIMIT, q.limit() + 1);
        while (true) {
            int read = 0;
            try (PreparedStatement ps = SqlFilter.prepare(c, q, COLUMNS, position, chunk)) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        read++;
                        long seq = rs.getLong(1);
                        position = seq;
                        TelemetryEvent e = event(rs, q.scenario());
                        if (!filter.matches(e)) {
                            continue;
                        }
                        if (events.size() == q.limit()) {
                            return new EventPage(events, PgCursor.encode(q, lastSeq));
                        }
                        long line = EventLineCodec.encodedLength(e);
                        if (!events.isEmpty() && bytes + line > maxPageBytes) {
                            pagesCut.increment();
                            return new EventPage(events, PgCursor.encode(q, lastSeq));
                        }
                        bytes += line;
                        events.add(e);
                        lastSeq = seq;
                    }
                }
            }
            if (read < chunk) {
                return new EventPage(events, null);
            }
            // Everything SQL offered was filtered out: read on, in larger steps.
            chunk = Math.min(EventQuery.MAX_LIMIT, chunk * 2);
        }
    }

    private static TelemetryEvent event(ResultSet rs, String scenario) throws SQLException {
        String details = rs.getString(7);
        return new TelemetryEvent(PgTimes.read(rs, "ts", "ts_nanos"), scenario, rs.getString(4), rs.getString(5),
                rs.getString(6), details == null ? null : Details.parse(details));
    }
}
