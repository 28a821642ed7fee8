package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.InvalidQueryException;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Follows a query's new events by paging oldest first. Its position is the last cursor a page gave
 * plus how many matching events after it were already returned, and the last of them: the store
 * contract gives no cursor once a read reaches the end, and stored order only ever grows at the
 * end, so the events after a cursor are a stable prefix of what a later read returns.
 *
 * <p>When that prefix is not there any more, the source changed under the follower, as a followed
 * file does when it is truncated or replaced (log rotation, {@code tail -F}): a cursor it refuses
 * as stale, or a re-read whose last-returned event is gone, starts the follower again from the
 * source's start, and everything there is then is new. When the oldest events were removed
 * instead (retention), the last-returned event is found further back and following goes on after
 * it, without repeating anything. Works the same over a server, a store or a file. Not
 * thread-safe.
 */
final class Follower {

    /** Events per request while catching up or following. */
    static final int PAGE = 1000;

    private final TelemetryReader reader;
    private final EventQuery query;
    private String cursor;
    private int seen;
    /** The last event returned from the page at the cursor (index {@code seen - 1}), or null. */
    private TelemetryEvent last;
    private int restarts;

    /** Follows the events that {@code filters} selects (its order, limit and cursor are ignored). */
    Follower(TelemetryReader reader, EventQuery filters) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.query = new EventQuery(filters.scenario(), filters.minLevel(), filters.eventTypes(), filters.search(),
                filters.since(), filters.until(), filters.deploymentId(), PAGE, null, EventQuery.Order.OLDEST_FIRST);
    }

    /** Reads everything there is and returns the newest {@code lastN} events, oldest first. */
    List<TelemetryEvent> catchUp(int lastN) {
        ArrayDeque<TelemetryEvent> newest = new ArrayDeque<>();
        advance(e -> {
            newest.addLast(e);
            if (newest.size() > lastN) {
                newest.removeFirst();
            }
        });
        return new ArrayList<>(newest);
    }

    /** The events stored since the previous call, oldest first. */
    List<TelemetryEvent> poll() {
        List<TelemetryEvent> fresh = new ArrayList<>();
        advance(fresh::add);
        return fresh;
    }

    /** How many times the source was found truncated or replaced and read again from its start. */
    int restarts() {
        return restarts;
    }

    private void advance(Consumer<TelemetryEvent> sink) {
        while (true) {
            EventPage page;
            try {
                page = reader.query(query.withCursor(cursor));
            } catch (InvalidQueryException stale) {
                if (cursor == null) {
                    throw stale;
                }
                restart();
                continue;
            }
            List<TelemetryEvent> events = page.events();
            int from = resumeAt(events);
            if (from < 0) {
                boolean reread = cursor != null;
                restart();
                if (reread) {
                    continue;
                }
                from = 0;
            }
            for (int i = from; i < events.size(); i++) {
                sink.accept(events.get(i));
            }
            if (page.nextCursor() == null) {
                seen = events.size();
                last = events.isEmpty() ? null : events.get(events.size() - 1);
                return;
            }
            cursor = page.nextCursor();
            seen = 0;
            last = null;
        }
    }

    /** Where the events not returned yet start in a page read from the cursor; -1 when the source changed. */
    private int resumeAt(List<TelemetryEvent> events) {
        if (seen == 0) {
            return 0;
        }
        if (events.size() >= seen && events.get(seen - 1).equals(last)) {
            return seen;
        }
        for (int i = Math.min(seen, events.size()) - 1; i >= 0; i--) {
            if (events.get(i).equals(last)) {
                return i + 1;
            }
        }
        return -1;
    }

    private void restart() {
        cursor = null;
        seen = 0;
        last = null;
        restarts++;
    }
}
