package com.vrooli.telemetry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The API document's own examples, end to end through the ingest service and the wire codec. */
class DocumentExamplesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-15T13:00:00Z"), ZoneOffset.UTC);

    private final InMemoryTelemetryStore store = InMemoryTelemetryStore.create();
    private final IngestService ingest = IngestService.create(store, CLOCK);

    @Test
    void jsonArrayExampleIsAcceptedAndStoredInTheDocumentedLineShape() {
        IngestResult result = ingest.ingest(bytes(DocumentExamples.JSON_ARRAY), BodyFormat.JSON, null);

        assertEquals(DocumentExamples.ACCEPTED_ANSWER, text(WireJson.ingestResult(result)));
        EventPage page = store.query(EventQuery.builder("picker-wheel").order(EventQuery.Order.OLDEST_FIRST).build());
        assertEquals("{\"ts\":\"2025-01-15T12:00:00Z\",\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-123\","
                        + "\"event\":\"app_start\",\"details\":{\"version\":\"1.0.0\",\"platform\":\"win-x64\"}}\n",
                text(EventLineCodec.encode(page.events().get(0))));
        assertEquals("{\"ts\":\"2025-01-15T12:00:05Z\",\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-123\","
                        + "\"event\":\"ready\",\"details\":{\"startup_ms\":5000}}\n",
                text(EventLineCodec.encode(page.events().get(1))));
    }

    @Test
    void ndjsonExampleIsAccepted() {
        IngestResult result = ingest.ingest(bytes(DocumentExamples.NDJSON), BodyFormat.NDJSON, null);

        assertEquals(DocumentExamples.ACCEPTED_ANSWER, text(WireJson.ingestResult(result)));
        ScenarioSummary summary = store.summary("picker-wheel").orElseThrow();
        assertEquals(2, summary.totalEvents());
        assertEquals(Instant.parse("2025-01-15T12:00:05Z"), summary.lastEvent());
    }

    @Test
    void storedLineDecodesBackToTheSameEvent() {
        EventDecoder decoder = EventDecoder.create();
        byte[] line = bytes("{\"ts\":\"2025-01-15T12:00:00Z\",\"scenario\":\"picker-wheel\",\"event\":\"app_start\","
                + "\"details\":{\"version\":\"1.0.0\"}}");

        TelemetryEvent e = decoder.decodeLine(line, 0, line.length);

        assertEquals(text(line) + "\n", text(EventLineCodec.encode(e)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
