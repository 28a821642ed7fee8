package com.vrooli.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.EventLevel;
import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What {@code summary} and {@code logs} rely on from each of their sources (a server, a telemetry
 * directory, one file): filters, paging through cursors, newest first, and following new events.
 * Each source runs it through a subclass that says how to open it and how events get into it.
 */
abstract class LogSourceContract {

    static final String SCENARIO = "picker-wheel";
    private static final Instant T0 = Instant.parse("2025-01-15T12:00:00Z");

    private TelemetryReader reader;

    /** Stores events where the source will read them. */
    abstract void append(List<TelemetryEvent> events);

    /** Opens the source (after the first events were appended). */
    abstract TelemetryReader open();

    @BeforeEach
    void storeAndOpen() {
        append(List.of(
                event(0, "app_start", "deploy-1", Map.of("version", "1.0.0")),
                event(1, "migration_started", "deploy-1", Map.of("version", "42")),
                event(2, "migration_failed", "deploy-1", Map.of("error", "disk full")),
                event(3, "secrets_prompted", "deploy-2", Map.of()),
                event(4, "dependency_unreachable", "deploy-2", Map.of("service", "sqlite")),
                event(5, "ready", "deploy-2", Map.of()),
                TelemetryEvent.of(T0.plusSeconds(6), "shared-auth", "crash")));
        reader = open();
    }

    @AfterEach
    void closeReader() {
        reader.close();
    }

    @Test
    @DisplayName("newest first means last stored first")
    void newestFirst() {
        assertEquals("ready dependency_unreachable", names(reader.query(query().limit(2).build()).events()));
    }

    @Test
    @DisplayName("each filter narrows the events")
    void filters() {
        assertEquals("dependency_unreachable migration_failed",
                names(reader.query(query().minLevel(EventLevel.ERROR).build()).events()));
        assertEquals("ready app_start", names(reader.query(query().eventTypes(Set.of("app_start", "ready")).build())
                .events()));
        assertEquals("ready dependency_unreachable secrets_prompted",
                names(reader.query(query().deploymentId("deploy-2").build()).events()));
        assertEquals("migration_failed migration_started",
                names(reader.query(query().search("MIGRATION").build()).events()));
        assertEquals("migration_failed", names(reader.query(query().search("disk").build()).events()));
        assertEquals("secrets_prompted migration_failed", names(reader.query(query().since(T0.plusSeconds(2))
                .until(T0.plusSeconds(4)).build()).events()));
    }

    @ParameterizedTest
    @EnumSource(EventQuery.Order.class)
    @DisplayName("pages of two chain through cursors to the same events as one big page")
    void paging(EventQuery.Order order) {
        List<TelemetryEvent> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            EventPage page = reader.query(query().order(order).limit(2).cursor(cursor).build());
            paged.addAll(page.events());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        EventPage all = reader.query(query().order(order).build());
        assertEquals(6, all.events().size());
        assertEquals(all.events(), paged);
        // Three full pages; a source may add one empty page when it cannot tell the last event is last.
        assertTrue(pages <= 4, "pages: " + pages);
        assertNull(all.nextCursor());
        assertEquals(order == EventQuery.Order.OLDEST_FIRST ? "app_start" : "ready", all.events().get(0).event());
    }

    @Test
    @DisplayName("following: the newest N first, then exactly what was stored since, filters applied")
    void follow() {
        Follower follower = new Follower(reader, query().minLevel(EventLevel.WARN).build());

        assertEquals("secrets_prompted dependency_unreachable", names(follower.catchUp(2)));
        assertEquals("", names(follower.poll()));

        append(List.of(event(10, "crash", "deploy-3", Map.of()), event(11, "ready", "deploy-3", Map.of()),
                event(12, "health_check_failed", "deploy-3", Map.of())));

        assertEquals("crash health_check_failed", names(follower.poll()));
        assertEquals("", names(follower.poll()));
        assertEquals(0, follower.restarts());
    }

    @Test
    @DisplayName("summaries name every scenario the source holds")
    void summaries() {
        assertEquals(List.of("picker-wheel:6", "shared-auth:1"), reader.summaries().stream()
                .map(s -> s.scenario() + ":" + s.totalEvents()).sorted().collect(Collectors.toList()));
        assertEquals(2, reader.summary(SCENARIO).orElseThrow().failureCounts().size());
    }

    private static EventQuery.Builder query() {
        return EventQuery.builder(SCENARIO);
    }

    private static TelemetryEvent event(int second, String type, String deployment, Map<String, ?> details) {
        return TelemetryEvent.of(T0.plusSeconds(second), SCENARIO, type, details).withDeploymentId(deployment);
    }

    private static String names(List<TelemetryEvent> events) {
        return events.stream().map(TelemetryEvent::event).collect(Collectors.joining(" "));
    }
}
