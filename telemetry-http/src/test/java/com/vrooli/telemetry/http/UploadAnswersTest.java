package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.DocumentExamples;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The upload endpoint's answers for every accepted body shape and for invalid events. */
class UploadAnswersTest {

    private static final String UPLOAD = "/api/v1/telemetry/upload";

    @RegisterExtension
    final ServerExtension server = ServerExtension.inMemory();

    @Test
    @DisplayName("the bundle envelope's scenario_name is the scenario of its events")
    void envelope() {
        String body = "{\"scenario_name\":\"picker-wheel\",\"deployment_mode\":\"desktop\",\"source\":\"runtime\","
                + "\"events\":[{\"event\":\"app_start\",\"ts\":\"2025-01-15T12:00:00.123456789+01:00\"},"
                + "{\"event\":\"ready\",\"ts\":\"2025-01-15T12:00:05Z\",\"service_id\":\"api\"}]}";

        ServerExtension.Answer a = server.post(UPLOAD, "application/json", body);

        assertEquals(200, a.status());
        assertEquals("{\"status\":\"accepted\",\"events_received\":2,\"events_stored\":2}", a.body());
        List<TelemetryEvent> stored = oldestFirst("picker-wheel");
        assertEquals("2025-01-15T11:00:00.123456789Z", stored.get(0).timestamp().toString());
        assertEquals("{\"service_id\":\"api\"}", stored.get(1).details().json());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/jsonl", "application/x-ndjson", "application/x-jsonlines",
        "application/x-ndjson; charset=utf-8"})
    @DisplayName("a runtime's JSONL file posted as is takes its scenario from ?scenario=")
    void scenarioFromQuery(String contentType) {
        String body = "{\"ts\":\"2025-01-15T12:00:00Z\",\"event\":\"app_start\"}\n"
                + "{\"ts\":\"2025-01-15T12:00:01Z\",\"event\":\"ready\",\"scenario\":\"other\"}\n";

        ServerExtension.Answer a = server.post(UPLOAD + "?scenario=picker-wheel", contentType, body);

        assertEquals(200, a.status());
        assertEquals("{\"status\":\"accepted\",\"events_received\":2,\"events_stored\":2}", a.body());
        assertEquals(1, server.store().summary("picker-wheel").orElseThrow().totalEvents());
        assertEquals(1, server.store().summary("other").orElseThrow().totalEvents());
    }

    @Test
    @DisplayName("a single event object is accepted, its missing timestamp filled with server time")
    void singleObjectWithoutTimestamp() {
        ServerExtension.Answer a = server.post(UPLOAD, "application/json",
                "{\"scenario\":\"picker-wheel\",\"event\":\"app_start\"}");

        assertEquals(200, a.status());
        assertEquals("{\"status\":\"accepted\",\"events_received\":1,\"events_stored\":1}", a.body());
        assertEquals(ServerExtension.NOW, oldestFirst("picker-wheel").get(0).timestamp());
    }

    @Test
    @DisplayName("a body without Content-Type is 415, never read as JSON (a cross-site form or beacon has none)")
    void noContentType() {
        ServerExtension.Answer a = server.post(UPLOAD, null,
                "[{\"scenario\":\"picker-wheel\",\"event\":\"app_start\"}]".getBytes(StandardCharsets.UTF_8));

        assertEquals(415, a.status());
        assertTrue(server.store().summaries().isEmpty());
    }

    @Test
    @DisplayName("valid events are stored when others are invalid: 200 partial with the errors")
    void partial() {
        String body = "[{\"scenario\":\"picker-wheel\",\"event\":\"app_start\",\"timestamp\":\"2025-01-15T12:00:00Z\"},"
                + "{\"scenario\":\"picker-wheel\",\"timestamp\":\"2025-01-15T12:00:01Z\"},"
                + "{\"scenario\":\"picker-wheel\",\"event\":\"ready\",\"timestamp\":\"yesterday\"}]";

        ServerExtension.Answer a = server.post(UPLOAD, "application/json", body);

        assertEquals(200, a.status());
        assertEquals("{\"status\":\"partial\",\"events_received\":3,\"events_stored\":1,\"events_rejected\":2,"
                + "\"errors\":[{\"index\":1,\"error\":\"event is required\"},"
                + "{\"index\":2,\"error\":\"timestamp 'yesterday' is not an ISO-8601 time with a zone,"
                + " such as 2025-01-15T12:00:00Z\"}]}", a.body());
        assertEquals(1, server.store().summary("picker-wheel").orElseThrow().totalEvents());
    }

    @Test
    @DisplayName("when no event is valid the answer is 400 rejected, with the errors")
    void rejected() {
        ServerExtension.Answer a = server.post(UPLOAD, "application/json", "[{\"event\":\"app_start\"}]");

        assertEquals(400, a.status());
        assertEquals("{\"status\":\"rejected\",\"events_received\":1,\"events_stored\":0,\"events_rejected\":1,"
                + "\"errors\":[{\"index\":0,\"error\":\"scenario is required (in the event, the envelope's"
                + " scenario_name, or ?scenario=)\"}]}", a.body());
        assertEquals(List.of(), server.store().summaries());
    }

    @Test
    @DisplayName("a retried batch is a success that stores nothing and counts duplicates")
    void retryIsDuplicates() {
        String body = "{\"scenario\":\"picker-wheel\",\"event\":\"app_start\",\"event_id\":\"01J-a\"}\n"
                + "{\"scenario\":\"picker-wheel\",\"event\":\"ready\",\"event_id\":\"01J-b\"}";
        server.post(UPLOAD, "application/x-ndjson", body);

        ServerExtension.Answer retry = server.post(UPLOAD, "application/x-ndjson", body);

        assertEquals(200, retry.status());
        assertEquals("{\"status\":\"accepted\",\"events_received\":2,\"events_stored\":0,\"duplicates\":2}",
                retry.body());
        assertEquals(2, server.store().summary("picker-wheel").orElseThrow().totalEvents());
    }

    @Test
    @DisplayName("a gzip body is decompressed")
    void gzip() {
        byte[] body = ServerExtension.gzip(DocumentExamples.JSON_ARRAY.getBytes(StandardCharsets.UTF_8));

        ServerExtension.Answer a = server.post(UPLOAD, "application/json", body, "Content-Encoding", "gzip");

        assertEquals(200, a.status());
        assertEquals(DocumentExamples.ACCEPTED_ANSWER, a.body());
    }

    private List<TelemetryEvent> oldestFirst(String scenario) {
        return server.store().query(EventQuery.builder(scenario).order(EventQuery.Order.OLDEST_FIRST).build())
                .events();
    }
}
