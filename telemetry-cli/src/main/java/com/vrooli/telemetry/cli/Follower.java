package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Follows a query's new events by paging oldest first. Its position is the last cursor a page gave
 * plus how many matching events after it were already returned: the store contract gives no cursor
 * once a read reaches the end, and stored order only ever grows at the end, so the events after a
 * cursor are a stable prefix of what a later read returns. Works the same over a server, a store
 * or a file. Not thread-safe.
 */
final class Follower {

    /** Events per request while catching up or following. */
    static final int PAGE = 1000;

    private final TelemetryReader reader;
    private final EventQuery query;
    private String cursor;
    private int seen;

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

    private void advance(Consumer<TelemetryEvent> sink) {
        while (true) {
            EventPage page = reader.query(query.withCursor(cursor));
            List<TelemetryEvent> events = page.events();
            for (int i = seen; i < events.size(); i++) {
                sink.accept(events.get(i));
            }
            if (page.nextCursor() == null) {
                seen = Math.max(seen, events.size());
                return;
            }
            cursor = page.nextCursor();
            seen = 0;
        }
    }
}
