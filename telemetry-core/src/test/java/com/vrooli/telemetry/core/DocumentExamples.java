package com.vrooli.telemetry.core;

/**
 * The upload bodies of the API document's two curl examples, exactly as written, and the answer it
 * documents for each; shared through core's test-jar by the tests of every module.
 */
public final class DocumentExamples {

    /** The body of the document's first curl example ({@code -d '[...]'}), exactly as written. */
    public static final String JSON_ARRAY = "[\n"
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
    public static final String NDJSON =
            "{\"scenario\":\"picker-wheel\",\"event\":\"app_start\",\"timestamp\":\"2025-01-15T12:00:00Z\"}\n"
                    + "{\"scenario\":\"picker-wheel\",\"event\":\"ready\",\"timestamp\":\"2025-01-15T12:00:05Z\"}";

    /** The documented answer to either example on a fresh store: both events stored. */
    public static final String ACCEPTED_ANSWER =
            "{\"status\":\"accepted\",\"events_received\":2,\"events_stored\":2}";

    private DocumentExamples() {
    }
}
