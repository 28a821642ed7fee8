package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.TelemetryStore;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;

/**
 * {@code GET /api/v1/telemetry}: every scenario's summary from the store's live aggregates, encoded
 * anew only where a scenario changed (see {@link SummariesAnswer}).
 */
final class SummariesHandler implements HttpHandler {

    private final TelemetryStore store;
    private final SummariesAnswer answer = new SummariesAnswer();

    SummariesHandler(TelemetryStore store) {
        this.store = store;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Responses.json(exchange, StatusCodes.OK, answer.encode(store.summaries()));
    }
}
