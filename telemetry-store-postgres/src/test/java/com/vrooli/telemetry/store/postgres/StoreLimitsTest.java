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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The per-tenant bounds on the shared store: they hold across nodes. */
class StoreLimitsTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    private static final Instant T0 = Instant.parse("2026-03-10T08:00:00Z");

    @Test
    @DisplayName("two nodes adding new scenarios at once never pass the scenario cap together")
    void scenarioCapAcrossNodes() throws Exception {
        String url = PG.newDatabase();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (PostgresTelemetryStore n1 = PostgresTelemetryStore.builder(url).maxScenarios(5).open();
             PostgresTelemetryStore n2 = PostgresTelemetryStore.builder(url).maxScenarios(5).open()) {
            List<Future<AppendResult>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                PostgresTelemetryStore node = t % 2 == 0 ? n1 : n2;
                int thread = t;
                results.add(pool.submit(() -> node.append(IntStream.range(0, 10)
                        .mapToObj(i -> TelemetryEvent.of(T0, "s" + thread + "-" + i, "app_start"))
                        .collect(Collectors.toList()))));
            }
            int stored = 0;
            for (Future<AppendResult> f : results) {
                AppendResult r = f.get(1, TimeUnit.MINUTES);
                stored += r.stored();
                assertEquals(10, r.stored() + r.rejected().size());
            }
            assertEquals(5, stored);
            assertEquals(5, n2.summaries().size());
            assertEquals(35, n1.stats().scenariosRefused() + n2.stats().scenariosRefused());

            AppendResult later = n2.append(List.of(TelemetryEvent.of(T0, "brand-new", "ready"),
                    TelemetryEvent.of(T0, n1.summaries().get(0).scenario(), "ready")));
            assertEquals(1, later.stored(), "existing scenarios go on");
            assertTrue(later.rejected().get(0).error().contains("limit of 5 scenarios"), later.rejected().toString());
        } finally {
            pool.shutdownNow();
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
