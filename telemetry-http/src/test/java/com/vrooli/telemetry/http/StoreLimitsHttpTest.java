package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vrooli.telemetry.core.StoreLimits;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The per-tenant bounds as a hostile client meets them through the real server: every refusal is a
 * per-event error in a 200/400 answer, never a 500, and each bound shows where the README says.
 */
class StoreLimitsHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final ServerExtension server = ServerExtension.jsonl(StoreLimits.defaults().withMaxScenarios(2)
            .withMaxFailureTypes(2).withMaxPageBytes(2048).withMaxDeployments(2));

    private JsonNode upload(String body) throws Exception {
        ServerExtension.Answer a = server.post("/api/v1/telemetry/upload", "application/json", body);
        assertTrue(a.status() == 200 || a.status() == 400, a.status() + " " + a.body());
        return JSON.readTree(a.body());
    }

    private JsonNode get(String path) throws Exception {
        ServerExtension.Answer a = server.get(path);
        assertEquals(200, a.status(), a.body());
        return JSON.readTree(a.body());
    }

    @Test
    @DisplayName("a far-future timestamp is refused for its event; last_event is not pinned")
    void farFutureTimestamp() throws Exception {
        JsonNode r = upload("[{\"scenario\":\"a\",\"event\":\"crash\",\"timestamp\":\"9999-01-01T00:00:00Z\"},"
                + "{\"scenario\":\"a\",\"event\":\"crash\",\"timestamp\":\"2025-01-15T12:00:00Z\"}]");

        assertEquals("partial", r.path("status").asText());
        assertEquals(1, r.path("events_stored").asInt());
        assertEquals(0, r.path("errors").get(0).path("index").asInt());
        assertTrue(r.path("errors").get(0).path("error").asText().contains("more than 1 day ahead of the server's clock"));
        assertEquals("2025-01-15T12:00:00Z", get("/api/v1/telemetry/a").path("last_event").asText());
    }

    @Test
    @DisplayName("past the scenario cap, a new scenario's events are refused one by one; /metrics counts it")
    void scenarioCap() throws Exception {
        upload("[{\"scenario\":\"a\",\"event\":\"app_start\"},{\"scenario\":\"b\",\"event\":\"app_start\"}]");

        JsonNode r = upload("[{\"scenario\":\"c\",\"event\":\"app_start\"},{\"scenario\":\"a\",\"event\":\"ready\"}]");

        assertEquals("partial", r.path("status").asText());
        assertEquals(1, r.path("events_stored").asInt());
        assertTrue(r.path("errors").get(0).path("error").asText().contains("limit of 2 scenarios"), r.toString());
        JsonNode alone = upload("[{\"scenario\":\"d\",\"event\":\"app_start\"}]");
        assertEquals("rejected", alone.path("status").asText());
        assertEquals(2, get("/api/v1/telemetry").path("total_scenarios").asInt());
        assertTrue(server.get("/metrics").body().contains("telemetry_store_scenarios_refused_total 2"),
                server.get("/metrics").body());
    }

    @Test
    @DisplayName("past the failure-type cap, failures land in other_failures and failure_counts keeps its keys")
    void failureTypeCap() throws Exception {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 50; i++) {
            body.append(i == 0 ? "" : ",").append("{\"scenario\":\"a\",\"event\":\"type").append(i).append("_failed\"}");
        }
        upload(body.append("]").toString());

        JsonNode summary = get("/api/v1/telemetry/a");

        assertEquals(50, summary.path("total_events").asInt());
        assertEquals(2, summary.path("failure_counts").size());
        assertEquals(48, summary.path("other_failures").asInt());
        assertFalse(summary.path("failure_counts").has("type2_failed"), "no key past the cap");
    }

    @Test
    @DisplayName("an events page ends at the byte budget with next_cursor, whatever limit asks")
    void pageBytes() throws Exception {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 20; i++) {
            body.append(i == 0 ? "" : ",").append("{\"scenario\":\"a\",\"event\":\"ready\",\"event_id\":\"e").append(i)
                    .append("\",\"details\":{\"pad\":\"").append("x".repeat(400)).append("\"}}");
        }
        upload(body.append("]").toString());

        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = get("/api/v1/telemetry/a/events?limit=1000"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            assertTrue(page.path("events").size() <= 4, page.path("events").size() + " events in one page");
            page.path("events").forEach(e -> ids.add(e.path("event_id").asText()));
            JsonNode next = page.path("next_cursor");
            cursor = next.isTextual() ? next.asText() : null;
            pages++;
            if (pages == 1) {
                assertNotNull(cursor, "a page cut by bytes has a next_cursor");
            }
        } while (cursor != null && pages < 50);

        assertEquals(20, ids.size());
        assertEquals(20, ids.stream().distinct().count());
        assertTrue(server.get("/metrics").body().contains("telemetry_store_pages_cut_by_bytes_total "));
    }

    @Test
    @DisplayName("past the store-wide deployment cap, the longest-silent row leaves the fleet view; /metrics counts it")
    void deploymentCap() throws Exception {
        upload("[{\"scenario\":\"a\",\"deployment_id\":\"d-old\",\"event\":\"app_start\","
                + "\"timestamp\":\"2025-01-15T12:00:00Z\"},"
                + "{\"scenario\":\"b\",\"deployment_id\":\"d-mid\",\"event\":\"app_start\","
                + "\"timestamp\":\"2025-01-15T12:00:01Z\"}]");
        JsonNode r = upload("[{\"scenario\":\"b\",\"deployment_id\":\"d-new\",\"event\":\"crash\","
                + "\"timestamp\":\"2025-01-15T12:00:02Z\"}]");

        assertEquals(1, r.path("events_stored").asInt(), "the event is stored, only a row goes");
        assertEquals(0, get("/api/v1/telemetry/a/deployments").path("total_deployments").asInt());
        assertEquals(2, get("/api/v1/telemetry/b/deployments").path("total_deployments").asInt());
        assertEquals(1, get("/api/v1/telemetry/a").path("total_events").asInt());
        assertTrue(server.get("/metrics").body().contains("telemetry_store_deployments_dropped_total 1.0"),
                server.get("/metrics").body());
    }
}
