package com.vrooli.telemetry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Incremental summaries: the same numbers whatever order events arrive in. */
class SummaryAggregatorTest {

    private static final Instant T0 = Instant.parse("2025-01-15T12:00:00Z");

    private static TelemetryEvent event(int second, String type) {
        return TelemetryEvent.of(T0.plusSeconds(second), "picker-wheel", type);
    }

    private static ScenarioSummary aggregate(List<TelemetryEvent> events) {
        SummaryAggregator a = new SummaryAggregator("picker-wheel");
        events.forEach(a::add);
        return a.snapshot();
    }

    @Test
    void anAggregatorWithoutEventsHasAnEmptySummary() {
        ScenarioSummary s = new SummaryAggregator("picker-wheel").snapshot();

        assertEquals(ScenarioSummary.empty("picker-wheel"), s);
        assertNull(s.lastEvent());
        assertEquals(0, s.totalFailures());
    }

    @Test
    void everyEventIsCountedAndOnlyFailuresByType() {
        ScenarioSummary s = aggregate(List.of(event(0, "app_start"), event(1, "migration_failed"), event(2, "ready"),
                event(3, "dependency_unreachable"), event(4, "dependency_unreachable"), event(5, "secrets_prompted"),
                event(6, "plugin_load_failed")));

        assertEquals(7, s.totalEvents());
        assertEquals(Map.of("migration_failed", 1L, "dependency_unreachable", 2L, "plugin_load_failed", 1L),
                s.failureCounts());
        assertEquals(4, s.totalFailures());
        assertEquals(List.of("dependency_unreachable", "migration_failed", "plugin_load_failed"),
                List.copyOf(s.failureCounts().keySet()));
    }

    @Test
    void lastEventIsTheLatestTimestampNotTheLastAdded() {
        ScenarioSummary s = aggregate(List.of(event(50, "ready"), event(900, "app_start"), event(10, "crash")));

        assertEquals(T0.plusSeconds(900), s.lastEvent());
    }

    @Test
    void recentFailuresAreTheTenNewestNewestFirstWithTheirDetails() {
        List<TelemetryEvent> events = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            events.add(new TelemetryEvent(T0.plusSeconds(i * 7L % 25), "picker-wheel", "d-" + i, "crash", "id-" + i,
                    Details.of(Map.of("n", i))));
            events.add(event(100 + i, "ready"));
        }

        ScenarioSummary s = aggregate(events);

        assertEquals(10, s.recentFailures().size());
        List<Instant> times = s.recentFailures().stream().map(FailureEntry::timestamp).toList();
        List<Instant> expected = new ArrayList<>();
        for (int second = 24; second >= 15; second--) {
            expected.add(T0.plusSeconds(second));
        }
        assertEquals(expected, times);
        FailureEntry newest = s.recentFailures().get(0);
        // i * 7 % 25 == 24 for i == 7.
        assertEquals(new FailureEntry(T0.plusSeconds(24), "crash", "d-7", "id-7", Details.of(Map.of("n", 7))), newest);
    }

    @Test
    void aLateArrivingOldFailureDoesNotDisplaceNewerOnes() {
        List<TelemetryEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(event(100 + i, "crash"));
        }
        events.add(event(1, "migration_failed"));

        ScenarioSummary s = aggregate(events);

        assertEquals(Map.of("crash", 10L, "migration_failed", 1L), s.failureCounts());
        assertEquals(List.of("crash"), s.recentFailures().stream().map(FailureEntry::event).distinct().toList());
    }

    @Test
    void failuresAtTheSameInstantAreOrderedByTheirOtherFields() {
        ScenarioSummary s = aggregate(List.of(event(5, "migration_failed"), event(5, "crash"), event(5, "update_error")));

        assertEquals(List.of("crash", "migration_failed", "update_error"),
                s.recentFailures().stream().map(FailureEntry::event).toList());
    }

    /** Property: many shuffles of one set of events, ties and exact duplicates included, give one summary. */
    @Test
    void theSummaryDoesNotDependOnArrivalOrder() {
        Random random = new Random(2025_01_15);
        List<TelemetryEvent> events = randomEvents(random, 60);
        ScenarioSummary expected = aggregate(events);

        for (int round = 0; round < 300; round++) {
            List<TelemetryEvent> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, random);

            assertEquals(expected, aggregate(shuffled), "round " + round);
        }
        assertEquals(10, expected.recentFailures().size());
    }

    @Test
    void resumingFromASnapshotContinuesExactlyAsIfNeverStopped() {
        Random random = new Random(77);
        for (int round = 0; round < 100; round++) {
            List<TelemetryEvent> events = randomEvents(random, 1 + random.nextInt(50));
            int split = random.nextInt(events.size() + 1);
            SummaryAggregator first = new SummaryAggregator("picker-wheel");
            events.subList(0, split).forEach(first::add);

            SummaryAggregator resumed = SummaryAggregator.resume(first.snapshot());
            events.subList(split, events.size()).forEach(resumed::add);

            assertEquals(aggregate(events), resumed.snapshot(), "round " + round + ", split " + split);
        }
    }

    @Test
    void resumingSortsAndTrimsTheRecentFailuresItIsGiven() {
        List<FailureEntry> unsorted = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            unsorted.add(FailureEntry.of(event(i * 2 % 15, "crash")));
        }
        ScenarioSummary persisted = new ScenarioSummary("picker-wheel", 15, T0.plusSeconds(14), Map.of("crash", 15L),
                unsorted);

        ScenarioSummary resumed = SummaryAggregator.resume(persisted).snapshot();

        assertEquals(10, resumed.recentFailures().size());
        assertEquals(T0.plusSeconds(14), resumed.recentFailures().get(0).timestamp());
        assertEquals(T0.plusSeconds(5), resumed.recentFailures().get(9).timestamp());
        assertEquals(15, resumed.totalEvents());
    }

    @Test
    void aSnapshotIsNotChangedByLaterEvents() {
        SummaryAggregator a = new SummaryAggregator("picker-wheel");
        a.add(event(0, "crash"));
        ScenarioSummary before = a.snapshot();

        a.add(event(1, "crash"));

        assertEquals(1, before.totalEvents());
        assertEquals(Map.of("crash", 1L), before.failureCounts());
        assertEquals(1, before.recentFailures().size());
        assertThrows(UnsupportedOperationException.class, () -> before.failureCounts().put("x", 1L));
        assertThrows(UnsupportedOperationException.class, () -> before.recentFailures().clear());
    }

    private static List<TelemetryEvent> randomEvents(Random random, int n) {
        String[] types = {"app_start", "ready", "crash", "migration_failed", "secrets_prompted", "service_stopped",
            "dependency_unreachable", "plugin_load_failed"};
        List<TelemetryEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Few distinct seconds, so that ties are common; some events are exact duplicates.
            TelemetryEvent e = new TelemetryEvent(T0.plusSeconds(random.nextInt(20)), "picker-wheel",
                    random.nextBoolean() ? null : "d-" + random.nextInt(3), types[random.nextInt(types.length)],
                    random.nextInt(3) == 0 ? "id-" + random.nextInt(5) : null,
                    random.nextBoolean() ? null : Details.of(Map.of("n", random.nextInt(3))));
            events.add(e);
            if (random.nextInt(8) == 0) {
                events.add(e);
            }
        }
        return events;
    }
}
