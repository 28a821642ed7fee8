package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.DocumentExamples;
import com.vrooli.telemetry.core.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A restarted server over the same JSONL directory answers exactly as before: the summaries are
 * rebuilt from the files, the events and their cursors are the same.
 */
class RestartTest {

    /** Every read route whose answer must survive a restart. */
    static final List<String> READS = List.of(
            "/api/v1/telemetry",
            "/api/v1/telemetry/picker-wheel",
            "/api/v1/telemetry/shared-auth",
            "/api/v1/telemetry/picker-wheel/events",
            "/api/v1/telemetry/picker-wheel/events?order=oldest",
            "/api/v1/telemetry/picker-wheel/events?level=error",
            "/api/v1/telemetry/picker-wheel/events?search=migration",
            "/api/v1/telemetry/picker-wheel/events?deployment_id=deploy-123",
            "/api/v1/telemetry/picker-wheel/events?since=2025-01-15T12:00:02Z&until=2025-01-15T12:00:05Z",
            "/api/v1/telemetry/picker-wheel/events?limit=2",
            "/api/v1/telemetry/shared-auth/events");

    @RegisterExtension
    final ServerExtension server = ServerExtension.jsonl();

    @Test
    @DisplayName("after stop, store close and reopen with a new server, every read answers the same")
    void restartKeepsEverything() {
        uploadAll();
        Map<String, String> before = answers();
        String cursor = WireJson.readEventPage(before.get("/api/v1/telemetry/picker-wheel/events?limit=2")
                .getBytes(StandardCharsets.UTF_8)).nextCursor();
        String secondPage = server.get("/api/v1/telemetry/picker-wheel/events?limit=2&cursor=" + cursor).body();
        int portBefore = server.server().port();

        server.restart();

        assertNotEquals(portBefore, server.server().port(), "a new server, on a port of its own");
        assertEquals(before, answers());
        assertEquals(secondPage, server.get("/api/v1/telemetry/picker-wheel/events?limit=2&cursor=" + cursor).body(),
                "a cursor issued before the restart still reads the next page");
    }

    @Test
    @DisplayName("the reopened store keeps counting from where it was, and still knows the stored event ids")
    void appendsAfterRestartAddUp() {
        String withId = "{\"scenario\":\"picker-wheel\",\"event\":\"crash\",\"event_id\":\"e-1\","
                + "\"timestamp\":\"2025-01-15T12:00:09Z\",\"details\":{\"error\":\"boom\"}}";
        uploadAll();
        assertEquals(200, server.post("/api/v1/telemetry/upload", "application/json", withId).status());

        server.restart();
        ServerExtension.Answer retry = server.post("/api/v1/telemetry/upload", "application/json", withId);
        ServerExtension.Answer more = server.post("/api/v1/telemetry/upload", "application/x-ndjson",
                DocumentExamples.NDJSON);

        assertEquals("{\"status\":\"accepted\",\"events_received\":1,\"events_stored\":0,\"duplicates\":1}",
                retry.body());
        assertEquals(DocumentExamples.ACCEPTED_ANSWER, more.body());
        String summary = server.get("/api/v1/telemetry/picker-wheel").body();
        assertTrue(summary.startsWith("{\"scenario\":\"picker-wheel\",\"total_events\":13,"
                + "\"last_event\":\"2025-01-15T12:00:09Z\",\"failure_counts\":{"), summary);
        assertEquals(13, server.storedLines("picker-wheel").size());
    }

    private void uploadAll() {
        assertEquals(200, server.post("/api/v1/telemetry/upload", "application/json",
                DocumentExamples.JSON_ARRAY).status());
        assertEquals(200, server.post("/api/v1/telemetry/upload", "application/x-ndjson",
                DocumentExamples.NDJSON).status());
        assertEquals(200, server.post("/api/v1/telemetry/upload", "application/x-ndjson",
                QueryEndpointsTest.EVENTS).status());
    }

    private Map<String, String> answers() {
        Map<String, String> bodies = new LinkedHashMap<>();
        for (String path : READS) {
            ServerExtension.Answer a = server.get(path);
            assertEquals(200, a.status(), path + " answered " + a.body());
            bodies.put(path, a.body());
        }
        return bodies;
    }
}
