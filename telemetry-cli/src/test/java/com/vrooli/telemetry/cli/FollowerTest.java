package com.vrooli.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vrooli.telemetry.core.EventLevel;
import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import com.vrooli.telemetry.core.InvalidQueryException;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    @Test
    @DisplayName("a source that lost its oldest events (retention) goes on after the last one returned, no repeats")
    void oldestRemoved() {
        ListReader source = new ListReader();
        source.add(5);
        Follower follower = new Follower(source, EventQuery.builder("s").build());
        assertEquals(List.of(0, 1, 2, 3, 4), numbers(follower.catchUp(10)));

        source.events.subList(0, 2).clear();
        source.add(2);

        assertEquals(List.of(5, 6), numbers(follower.poll()));
        assertEquals(0, follower.restarts());
    }

    @Test
    @DisplayName("a source truncated or replaced (its last returned event gone, or its cursor stale) is read from its start")
    void replaced() {
        ListReader source = new ListReader();
        source.add(Follower.PAGE + 5);
        Follower follower = new Follower(source, EventQuery.builder("s").build());
        follower.catchUp(1);

        source.generation++;
        source.events.clear();
        source.add(3);
        assertEquals(List.of(Follower.PAGE + 5, Follower.PAGE + 6, Follower.PAGE + 7), numbers(follower.poll()));
        assertEquals(1, follower.restarts());

        source.events.clear();
        source.add(2);
        assertEquals(List.of(Follower.PAGE + 8, Follower.PAGE + 9), numbers(follower.poll()));
        assertEquals(2, follower.restarts());
        assertEquals(List.of(), follower.poll());
    }

    /**
     * A source over a list, paged oldest first by index; its cursors name a generation, and one of
     * another generation is stale, as the file source's cursors of a replaced file are.
     */
    private final class ListReader implements TelemetryReader {
        final List<TelemetryEvent> events = new ArrayList<>();
        int generation;

        void add(int n) {
            for (int i = 0; i < n; i++) {
                events.add(TelemetryEvent.of(Instant.EPOCH, "s", "tick", java.util.Map.of("n", next++)));
            }
        }

        @Override
        public EventPage query(EventQuery q) {
            int from = 0;
            if (q.cursor() != null) {
                String[] parts = q.cursor().split(":");
                from = Integer.parseInt(parts[1]);
                if (Integer.parseInt(parts[0]) != generation || from > events.size()) {
                    throw new InvalidQueryException("stale");
                }
            }
            int to = Math.min(events.size(), from + q.limit());
            List<TelemetryEvent> page = new ArrayList<>(events.subList(from, to));
            return new EventPage(page, to < events.size() ? generation + ":" + to : null);
        }

        @Override
        public List<ScenarioSummary> summaries() {
            return List.of();
        }

        @Override
        public Optional<ScenarioSummary> summary(String scenario) {
            return Optional.empty();
        }

        @Override
        public void close() {
        }
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
