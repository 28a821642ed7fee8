package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.IngestResult;
import com.vrooli.telemetry.core.IngestService;
import com.vrooli.telemetry.core.WireJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.util.Deque;

/**
 * {@code POST /api/v1/telemetry/upload}: reads the body within its limits, ingests it (the store
 * answers only after its write) and answers with the document's upload result: 200 when anything
 * was accepted or was already stored, 400 {@code rejected} when every event was invalid.
 */
final class UploadHandler implements HttpHandler {

    private final BodyReader reader;
    private final IngestService ingest;
    private final ServerMetrics metrics;

    UploadHandler(BodyReader reader, IngestService ingest, ServerMetrics metrics) {
        this.reader = reader;
        this.ingest = ingest;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        BodyReader.Body body = reader.read(exchange);
        metrics.recordUploadBytes(body.wireBytes());
        String defaultScenario = firstQueryValue(exchange, "scenario");
        IngestResult result = ingest.ingest(body.bytes(), 0, body.length(), body.format(), defaultScenario);
        metrics.recordIngest(result, defaultScenario);
        int status = result.status() == IngestResult.Status.REJECTED ? StatusCodes.BAD_REQUEST : StatusCodes.OK;
        Responses.json(exchange, status, WireJson.ingestResult(result));
    }

    private static String firstQueryValue(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        if (values == null || values.isEmpty() || values.peekFirst().isEmpty()) {
            return null;
        }
        return values.peekFirst();
    }
}
