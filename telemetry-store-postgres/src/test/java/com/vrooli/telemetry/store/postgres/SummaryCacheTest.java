package com.vrooli.telemetry.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.testing.SteppingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SummaryCacheTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    private static final Instant NOW = Instant.parse("2026-03-10T08:00:00Z");

    @Test
    @DisplayName("unchanged scenarios come back as the same instances; a change through another node is seen")
    void sameInstancesUntilChanged() {
        String url = PG.newDatabase();
        SteppingClock clock = new SteppingClock(NOW);
        try (PostgresTelemetryStore reader = PostgresTelemetryStore.builder(url).clock(clock).retention(Duration.ofDays(2))
                .open();
             PostgresTelemetryStore writer = PostgresTelemetryStore.builder(url).clock(clock).open()) {
            writer.append(List.of(TelemetryEvent.of(NOW, "a", "crash"), TelemetryEvent.of(NOW, "b", "ready"),
                    TelemetryEvent.of(NOW.minus(Duration.ofDays(5)), "old", "ready")));
            List<ScenarioSummary> first = reader.summaries();

            writer.append(List.of(TelemetryEvent.of(NOW.plusSeconds(1), "b", "crash")));
            List<ScenarioSummary> second = reader.summaries();

            assertSame(first.get(0), second.get(0), "a did not change");
            assertNotSame(first.get(1), second.get(1));
            assertEquals(2, second.get(1).totalEvents());
            assertEquals(1L, second.get(1).failureCounts().get("crash"));

            reader.maintainPartitions(); // retention removes "old"
            List<ScenarioSummary> third = reader.summaries();
            assertEquals(List.of("a", "b"), third.stream().map(ScenarioSummary::scenario).toList());
            assertSame(second.get(0), third.get(0));
        }
    }
}
