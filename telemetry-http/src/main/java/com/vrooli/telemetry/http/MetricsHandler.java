package com.vrooli.telemetry.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;

/** {@code GET /metrics}: the server's metrics in the Prometheus text format 0.0.4. */
final class MetricsHandler implements HttpHandler {

    private final ServerMetrics metrics;

    MetricsHandler(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Responses.text(exchange, StatusCodes.OK, Responses.PROMETHEUS_TEXT, metrics.scrape());
    }
}
