package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vrooli.telemetry.core.DocumentExamples;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The API document's two curl examples, byte for byte, against a real server over each store. */
public class DocumentExamplesHttpTest {

    /** The examples against one server; each nested class says which store is behind it. */
    abstract static class Examples {

        abstract ServerExtension server();

        @Test
        @DisplayName("the JSON array example is answered exactly as documented")
        void jsonArrayExample() {
            ServerExtension.Answer a = server().post("/api/v1/telemetry/upload", "application/json",
                    DocumentExamples.JSON_ARRAY);

            assertEquals(200, a.status());
            assertEquals("application/json", a.header("Content-Type"));
            assertEquals(DocumentExamples.ACCEPTED_ANSWER, a.body());
        }

        @Test
        @DisplayName("the NDJSON example is answered exactly as documented")
        void ndjsonExample() {
            ServerExtension.Answer a = server().post("/api/v1/telemetry/upload", "application/x-ndjson",
                    DocumentExamples.NDJSON);

            assertEquals(200, a.status());
            assertEquals(DocumentExamples.ACCEPTED_ANSWER, a.body());
        }

        @Test
        @DisplayName("after both examples the summary lists picker-wheel with four events")
        void summaryAfterBothExamples() {
            uploadBoth(server());

            ServerExtension.Answer a = server().get("/api/v1/telemetry");

            assertEquals(200, a.status());
            assertEquals(SUMMARIES_AFTER_BOTH, a.body());
        }
    }

    static final String SUMMARIES_AFTER_BOTH = "{\"scenarios\":[{\"scenario\":\"picker-wheel\",\"total_events\":4,"
            + "\"last_event\":\"2025-01-15T12:00:05Z\",\"failure_counts\":{},\"recent_failures\":[]}],"
            + "\"total_scenarios\":1}";

    static void uploadBoth(ServerExtension server) {
        assertEquals(DocumentExamples.ACCEPTED_ANSWER, server.post("/api/v1/telemetry/upload", "application/json",
                DocumentExamples.JSON_ARRAY).body());
        assertEquals(DocumentExamples.ACCEPTED_ANSWER, server.post("/api/v1/telemetry/upload", "application/x-ndjson",
                DocumentExamples.NDJSON).body());
    }

    @Nested
    @DisplayName("over the in-memory store")
    class InMemory extends Examples {

        @RegisterExtension
        final ServerExtension server = ServerExtension.inMemory();

        @Override
        ServerExtension server() {
            return server;
        }
    }

    @Nested
    @DisplayName("over the JSONL store in a temporary directory")
    class Jsonl extends Examples {

        @RegisterExtension
        final ServerExtension server = ServerExtension.jsonl();

        @Override
        ServerExtension server() {
            return server;
        }

        @Test
        @DisplayName("both examples end up in {telemetry_dir}/picker-wheel.jsonl in the stored line format")
        void storedLines() {
            uploadBoth(server);

            assertEquals(List.of(
                    "{\"ts\":\"2025-01-15T12:00:00Z\",\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-123\","
                            + "\"event\":\"app_start\",\"details\":{\"version\":\"1.0.0\",\"platform\":\"win-x64\"}}",
                    "{\"ts\":\"2025-01-15T12:00:05Z\",\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-123\","
                            + "\"event\":\"ready\",\"details\":{\"startup_ms\":5000}}",
                    "{\"ts\":\"2025-01-15T12:00:00Z\",\"scenario\":\"picker-wheel\",\"event\":\"app_start\"}",
                    "{\"ts\":\"2025-01-15T12:00:05Z\",\"scenario\":\"picker-wheel\",\"event\":\"ready\"}"),
                    server.storedLines("picker-wheel"));
        }
    }
}
