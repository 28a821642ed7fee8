package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.TelemetryStore;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

/**
 * {@code GET /api/v1/telemetry}: every scenario's summary from the store's live aggregates, encoded
 * anew only where a scenario changed (see {@link SummariesAnswer}); gzip'd when the client accepts
 * it ({@code Accept-Encoding}), which shrinks the answer several times (1,000 scenarios: megabytes).
 */
final class SummariesHandler implements HttpHandler {

    private final TelemetryStore store;
    private final SummariesAnswer answer = new SummariesAnswer();

    SummariesHandler(TelemetryStore store) {
        this.store = store;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        SummariesAnswer.Answer current = answer.answer(store.summaries());
        exchange.getResponseHeaders().put(Headers.VARY, Headers.ACCEPT_ENCODING_STRING);
        if (AcceptEncoding.acceptsGzip(exchange.getRequestHeaders().get(Headers.ACCEPT_ENCODING))) {
            exchange.getResponseHeaders().put(Headers.CONTENT_ENCODING, "gzip");
            Responses.json(exchange, StatusCodes.OK, current.gzip());
        } else {
            Responses.json(exchange, StatusCodes.OK, current.json());
        }
    }
}
