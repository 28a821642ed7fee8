package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.core.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Summaries and the events query, each filter and paging, against a real server. */
public class QueryEndpointsTest {

    /** Seven events, stored in this order. */
    public static final String EVENTS = String.join("\n",
            "{\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-1\",\"event\":\"app_start\","
                    + "\"timestamp\":\"2025-01-15T12:00:00Z\",\"details\":{\"version\":\"1.0.0\"}}",
            "{\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-1\",\"event\":\"migration_started\","
                    + "\"timestamp\":\"2025-01-15T12:00:01Z\",\"details\":{\"version\":\"42\"}}",
            "{\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-1\",\"event\":\"migration_failed\","
                    + "\"timestamp\":\"2025-01-15T12:00:02Z\",\"details\":{\"version\":\"42\",\"error\":\"disk full\"}}",
            "{\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-2\",\"event\":\"secrets_prompted\","
                    + "\"timestamp\":\"2025-01-15T12:00:03Z\"}",
            "{\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-2\",\"event\":\"dependency_unreachable\","
                    + "\"timestamp\":\"2025-01-15T12:00:04Z\","
                    + "\"details\":{\"service\":\"sqlite\",\"reason\":\"connection timeout\"}}",
            "{\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-2\",\"event\":\"ready\","
                    + "\"timestamp\":\"2025-01-15T12:00:05Z\"}",
            "{\"scenario\":\"shared-auth\",\"event\":\"app_start\",\"timestamp\":\"2025-01-15T11:00:00Z\"}");

    @RegisterExtension
    final ServerExtension server = ServerExtension.inMemory().withEvents(EVENTS);

    @Test
    @DisplayName("the summaries list every scenario with the document's fields")
    void summaries() {
        ServerExtension.Answer a = server.get("/api/v1/telemetry");

        assertEquals(200, a.status());
        assertEquals("{\"scenarios\":[" + PICKER_WHEEL_SUMMARY + ",{\"scenario\":\"shared-auth\",\"total_events\":1,"
                + "\"last_event\":\"2025-01-15T11:00:00Z\",\"failure_counts\":{},\"recent_failures\":[]}],"
                + "\"total_scenarios\":2}", a.body());
    }

    public static final String PICKER_WHEEL_SUMMARY = "{\"scenario\":\"picker-wheel\",\"total_events\":6,"
            + "\"last_event\":\"2025-01-15T12:00:05Z\","
            + "\"failure_counts\":{\"dependency_unreachable\":1,\"migration_failed\":1},"
            + "\"recent_failures\":["
            + "{\"timestamp\":\"2025-01-15T12:00:04Z\",\"event\":\"dependency_unreachable\",\"deployment_id\":\"deploy-2\","
            + "\"details\":{\"service\":\"sqlite\",\"reason\":\"connection timeout\"}},"
            + "{\"timestamp\":\"2025-01-15T12:00:02Z\",\"event\":\"migration_failed\",\"deployment_id\":\"deploy-1\","
            + "\"details\":{\"version\":\"42\",\"error\":\"disk full\"}}]}";

    @Test
    @DisplayName("one scenario's summary is the same object")
    void oneSummary() {
        ServerExtension.Answer a = server.get("/api/v1/telemetry/picker-wheel");

        assertEquals(200, a.status());
        assertEquals(PICKER_WHEEL_SUMMARY, a.body());
    }

    @Test
    @DisplayName("events come newest first by default, with their level, and no next cursor at the end")
    void newestFirst() {
        ServerExtension.Answer a = server.get("/api/v1/telemetry/picker-wheel/events?level=error");

        assertEquals(200, a.status());
        assertEquals("{\"events\":["
                + "{\"timestamp\":\"2025-01-15T12:00:04Z\",\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-2\","
                + "\"event\":\"dependency_unreachable\",\"level\":\"error\","
                + "\"details\":{\"service\":\"sqlite\",\"reason\":\"connection timeout\"}},"
                + "{\"timestamp\":\"2025-01-15T12:00:02Z\",\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-1\","
                + "\"event\":\"migration_failed\",\"level\":\"error\","
                + "\"details\":{\"version\":\"42\",\"error\":\"disk full\"}}],"
                + "\"next_cursor\":null}", a.body());
    }

    @ParameterizedTest(name = "?{0}")
    @CsvSource(delimiter = '|', value = {
        "|ready dependency_unreachable secrets_prompted migration_failed migration_started app_start",
        "level=warn|dependency_unreachable secrets_prompted migration_failed",
        "level=info|ready dependency_unreachable secrets_prompted migration_failed migration_started app_start",
        "event=app_start,ready|ready app_start",
        "event=app_start&event=ready|ready app_start",
        "search=migration|migration_failed migration_started",
        "search=SQLITE|dependency_unreachable",
        "search=disk%20full|migration_failed",
        "since=2025-01-15T12:00:02Z&until=2025-01-15T12:00:05Z|dependency_unreachable secrets_prompted migration_failed",
        "since=2025-01-15T13:00:02%2B01:00|ready dependency_unreachable secrets_prompted migration_failed",
        "deployment_id=deploy-1|migration_failed migration_started app_start",
        "order=oldest&deployment_id=deploy-2|secrets_prompted dependency_unreachable ready",
        "event=ready&search=migration|",
    })
    @DisplayName("each filter selects the matching events")
    void filters(String query, String expected) {
        ServerExtension.Answer a = server.get("/api/v1/telemetry/picker-wheel/events?" + (query == null ? "" : query));

        assertEquals(200, a.status());
        EventPage page = WireJson.readEventPage(a.body().getBytes(StandardCharsets.UTF_8));
        assertEquals(expected == null ? "" : expected, names(page.events()));
        assertNull(page.nextCursor());
    }

    @ParameterizedTest(name = "order={0}")
    @CsvSource({"newest, ready dependency_unreachable secrets_prompted migration_failed migration_started app_start",
        "oldest, app_start migration_started migration_failed secrets_prompted dependency_unreachable ready"})
    @DisplayName("pages of two follow each other through next_cursor until it is null")
    void paging(String order, String expected) {
        List<TelemetryEvent> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ServerExtension.Answer a = server.get("/api/v1/telemetry/picker-wheel/events?limit=2&order=" + order
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertEquals(200, a.status());
            EventPage page = WireJson.readEventPage(a.body().getBytes(StandardCharsets.UTF_8));
            all.addAll(page.events());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 10);

        assertEquals(expected, names(all));
        assertEquals(3, pages);
    }

    private static String names(List<TelemetryEvent> events) {
        return events.stream().map(TelemetryEvent::event).collect(Collectors.joining(" "));
    }

    @Test
    @org.junit.jupiter.api.DisplayName("GET /api/v1/telemetry is gzip'd when accepted, byte for byte the plain answer, and says it varies")
    void summariesGzipWhenAccepted() throws Exception {
        java.net.http.HttpResponse<byte[]> plain = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(server.uri("/api/v1/telemetry")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        java.net.http.HttpResponse<byte[]> gzip = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(server.uri("/api/v1/telemetry"))
                        .header("Accept-Encoding", "br;q=1, gzip;q=0.8").build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        java.net.http.HttpResponse<byte[]> refused = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(server.uri("/api/v1/telemetry"))
                        .header("Accept-Encoding", "gzip;q=0").build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, gzip.statusCode());
        assertEquals("gzip", gzip.headers().firstValue("Content-Encoding").orElse(null));
        assertEquals("Accept-Encoding", gzip.headers().firstValue("Vary").orElse(null));
        assertEquals("Accept-Encoding", plain.headers().firstValue("Vary").orElse(null));
        assertEquals(java.util.Optional.empty(), plain.headers().firstValue("Content-Encoding"));
        assertEquals(java.util.Optional.empty(), refused.headers().firstValue("Content-Encoding"));
        assertEquals(String.valueOf(gzip.body().length), gzip.headers().firstValue("Content-Length").orElse(null));
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(gzip.body()))) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(plain.body(), in.readAllBytes());
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(plain.body(), refused.body());
        org.junit.jupiter.api.Assertions.assertTrue(new String(plain.body(), java.nio.charset.StandardCharsets.UTF_8)
                .contains("\"total_scenarios\":2"));
    }
}
