package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The API document's two curl examples, byte for byte, against a real server. */
class DocumentExamplesHttpTest {

    /** The body of the document's first curl example ({@code -d '[...]'}), exactly as written. */
    static final String JSON_ARRAY_EXAMPLE = "[\n"
            + "    {\n"
            + "      \"scenario\": \"picker-wheel\",\n"
            + "      \"deployment_id\": \"deploy-123\",\n"
            + "      \"event\": \"app_start\",\n"
            + "      \"timestamp\": \"2025-01-15T12:00:00Z\",\n"
            + "      \"details\": { \"version\": \"1.0.0\", \"platform\": \"win-x64\" }\n"
            + "    },\n"
            + "    {\n"
            + "      \"scenario\": \"picker-wheel\",\n"
            + "      \"deployment_id\": \"deploy-123\",\n"
            + "      \"event\": \"ready\",\n"
            + "      \"timestamp\": \"2025-01-15T12:00:05Z\",\n"
            + "      \"details\": { \"startup_ms\": 5000 }\n"
            + "    }\n"
            + "  ]";

    /** The body of the document's second curl example, exactly as written. */
    static final String NDJSON_EXAMPLE =
            "{\"scenario\":\"picker-wheel\",\"event\":\"app_start\",\"timestamp\":\"2025-01-15T12:00:00Z\"}\n"
                    + "{\"scenario\":\"picker-wheel\",\"event\":\"ready\",\"timestamp\":\"2025-01-15T12:00:05Z\"}";

    static final String DOCUMENTED_ANSWER = "{\"status\":\"accepted\",\"events_received\":2,\"events_stored\":2}";

    @RegisterExtension
    final ServerExtension server = ServerExtension.inMemory();

    @Test
    @DisplayName("the JSON array example is answered exactly as documented")
    void jsonArrayExample() {
        ServerExtension.Answer a = server.post("/api/v1/telemetry/upload", "application/json", JSON_ARRAY_EXAMPLE);

        assertEquals(200, a.status());
        assertEquals("application/json", a.header("Content-Type"));
        assertEquals(DOCUMENTED_ANSWER, a.body());
    }

    @Test
    @DisplayName("the NDJSON example is answered exactly as documented")
    void ndjsonExample() {
        ServerExtension.Answer a = server.post("/api/v1/telemetry/upload", "application/x-ndjson", NDJSON_EXAMPLE);

        assertEquals(200, a.status());
        assertEquals(DOCUMENTED_ANSWER, a.body());
    }

    @Test
    @DisplayName("after both examples the summary lists picker-wheel with four events")
    void summaryAfterBothExamples() {
        server.post("/api/v1/telemetry/upload", "application/json", JSON_ARRAY_EXAMPLE);
        server.post("/api/v1/telemetry/upload", "application/x-ndjson", NDJSON_EXAMPLE);

        ServerExtension.Answer a = server.get("/api/v1/telemetry");

        assertEquals(200, a.status());
        assertEquals("{\"scenarios\":[{\"scenario\":\"picker-wheel\",\"total_events\":4,"
                + "\"last_event\":\"2025-01-15T12:00:05Z\",\"failure_counts\":{},\"recent_failures\":[]}],"
                + "\"total_scenarios\":1}", a.body());
    }
}
