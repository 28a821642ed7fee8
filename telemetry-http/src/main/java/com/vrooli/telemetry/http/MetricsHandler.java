package com.vrooli.telemetry.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

/**
 * {@code GET /metrics}: the server's metrics in the Prometheus text format 0.0.4, or OpenMetrics
 * when the {@code Accept} header asks for it (see {@link MetricsExposition}).
 */
final class MetricsHandler implements HttpHandler {

    private final ServerMetrics metrics;

    MetricsHandler(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        MetricsExposition.Answer answer = metrics.scrape(exchange.getRequestHeaders().getFirst(Headers.ACCEPT));
        exchange.getResponseHeaders().put(Headers.VARY, "Accept");
        Responses.bytes(exchange, StatusCodes.OK, answer.contentType(), answer.body());
    }
}
