package com.vrooli.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vrooli.telemetry.core.EventLevel;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link Follower} over a store, across page boundaries. */
class FollowerTest {

    private final InMemoryTelemetryStore store = InMemoryTelemetryStore.create();
    private int next;

    @Test
    @DisplayName("catch-up returns the newest N; each poll returns exactly what was added since")
    void followsAcrossPages() {
        append(Follower.PAGE * 2 + 500);
        Follower follower = new Follower(TelemetryReader.of(store), EventQuery.builder("s").build());

        assertEquals(List.of(2497, 2498, 2499), numbers(follower.catchUp(3)));
        assertEquals(List.of(), follower.poll());

        append(1);
        assertEquals(List.of(2500), numbers(follower.poll()));

        append(Follower.PAGE + 10);
        List<Integer> fresh = numbers(follower.poll());
        assertEquals(Follower.PAGE + 10, fresh.size());
        assertEquals(2501, fresh.get(0));
        assertEquals(2501 + Follower.PAGE + 9, fresh.get(fresh.size() - 1));
        assertEquals(List.of(), follower.poll());
    }

    @Test
    @DisplayName("filters apply to followed events")
    void filtered() {
        Follower follower = new Follower(TelemetryReader.of(store), EventQuery.builder("s").minLevel(EventLevel.ERROR)
                .build());
        assertEquals(List.of(), follower.catchUp(10));

        store.append(List.of(TelemetryEvent.of(Instant.EPOCH, "s", "ready"),
                TelemetryEvent.of(Instant.EPOCH, "s", "crash")));

        assertEquals("crash", follower.poll().stream().map(TelemetryEvent::event).collect(Collectors.joining(" ")));
    }

    private void append(int n) {
        List<TelemetryEvent> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(TelemetryEvent.of(Instant.EPOCH, "s", "tick", java.util.Map.of("n", next++)));
        }
        store.append(batch);
    }

    private static List<Integer> numbers(List<TelemetryEvent> events) {
        return events.stream().map(e -> ((Number) e.details().get("n")).intValue()).collect(Collectors.toList());
    }
}
