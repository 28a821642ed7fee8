package com.vrooli.telemetry.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.AppendResult;
import com.vrooli.telemetry.core.EventLineCodec;
import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The per-tenant bounds on the shared store: they hold across nodes. */
class StoreLimitsTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    private static final Instant T0 = Instant.parse("2026-03-10T08:00:00Z");

    @Test
    @DisplayName("each node counts the new scenarios it refused; the cap itself is the contract test's")
    void scenariosRefusedPerNode() {
        String url = PG.newDatabase();
        try (PostgresTelemetryStore n1 = PostgresTelemetryStore.builder(url).maxScenarios(2).open();
             PostgresTelemetryStore n2 = PostgresTelemetryStore.builder(url).maxScenarios(2).open()) {
            n1.append(List.of(TelemetryEvent.of(T0, "a", "ready"), TelemetryEvent.of(T0, "b", "ready")));

            AppendResult refused = n2.append(List.of(TelemetryEvent.of(T0, "c", "ready"),
                    TelemetryEvent.of(T0, "d", "ready"), TelemetryEvent.of(T0, "a", "crash")));
            n1.append(List.of(TelemetryEvent.of(T0, "e", "ready")));

            assertEquals(1, refused.stored(), "the existing scenario goes on");
            assertEquals(2, n2.stats().scenariosRefused());
            assertEquals(1, n1.stats().scenariosRefused());
        }
    }

    @Test
    @DisplayName("a page ends within the byte budget with a cursor, and paging visits every event once")
    void pageByteBudget() {
        String url = PG.newDatabase();
        try (PostgresTelemetryStore s = PostgresTelemetryStore.builder(url).maxPageBytes(2048).open()) {
            List<TelemetryEvent> stored = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                stored.add(TelemetryEvent.of(T0.plusSeconds(i), "app", "ready",
                        Map.of("pad", "x".repeat(100 + 50 * (i % 5)))));
            }
            stored.add(TelemetryEvent.of(T0.plusSeconds(30), "app", "crash", Map.of("pad", "y".repeat(5000))));
            s.append(stored);

            List<TelemetryEvent> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                EventPage page = s.query(EventQuery.builder("app").order(EventQuery.Order.OLDEST_FIRST)
                        .limit(EventQuery.MAX_LIMIT).cursor(cursor).build());
                long bytes = page.events().stream().mapToLong(EventLineCodec::encodedLength).sum();
                assertTrue(page.events().size() == 1 || bytes <= 2048, "page of " + bytes + " bytes");
                assertFalse(page.events().isEmpty());
                seen.addAll(page.events());
                cursor = page.nextCursor();
                pages++;
            } while (cursor != null && pages < 100);

            assertEquals(stored, seen);
            assertTrue(pages >= 3, "pages: " + pages);
            assertEquals(pages - 1, s.stats().pagesCutByBytes());
        }
    }
}
