package com.vrooli.telemetry.testing;

import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.core.TelemetryStore;
import java.util.ArrayList;
import java.util.List;

/** Reading back what a store holds, page after page through its cursors. Stateless. */
public final class StoredEvents {

    private StoredEvents() {
    }

    /** Every stored event of {@code scenario}, oldest first, in pages of the largest size. */
    public static List<TelemetryEvent> oldestFirst(TelemetryStore store, String scenario) {
        return all(store, EventQuery.builder(scenario).order(EventQuery.Order.OLDEST_FIRST)
                .limit(EventQuery.MAX_LIMIT).build());
    }

    /** The events of {@code first} and of every page after it, following the cursors to the end. */
    public static List<TelemetryEvent> all(TelemetryStore store, EventQuery first) {
        List<TelemetryEvent> all = new ArrayList<>();
        EventQuery query = first;
        while (true) {
            EventPage page = store.query(query);
            all.addAll(page.events());
            if (page.nextCursor() == null) {
                return all;
            }
            query = query.withCursor(page.nextCursor());
        }
    }
}
