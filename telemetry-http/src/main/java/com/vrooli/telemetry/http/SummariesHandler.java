package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.TelemetryStore;
import com.vrooli.telemetry.core.WireJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;

/** {@code GET /api/v1/telemetry}: every scenario's summary from the store's live aggregates. */
final class SummariesHandler implements HttpHandler {

    private final TelemetryStore store;

    SummariesHandler(TelemetryStore store) {
        this.store = store;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Responses.json(exchange, StatusCodes.OK, WireJson.summaries(store.summaries()));
    }
}
