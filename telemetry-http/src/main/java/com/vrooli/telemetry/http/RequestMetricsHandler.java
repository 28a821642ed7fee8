package com.vrooli.telemetry.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Objects;

/**
 * Counts every answered request by route and status, and refused ones by reason, and times uploads,
 * when the exchange completes.
 */
final class RequestMetricsHandler implements HttpHandler {

    private final HttpHandler next;
    private final ServerMetrics metrics;

    RequestMetricsHandler(HttpHandler next, ServerMetrics metrics) {
        this.next = Objects.requireNonNull(next, "next");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long start = System.nanoTime();
        exchange.addExchangeCompleteListener((ex, nextListener) -> {
            try {
                String route = ex.getAttachment(Router.ROUTE);
                metrics.recordRequest(route == null ? Router.UNMATCHED : route, ex.getStatusCode(),
                        System.nanoTime() - start);
                RefusalReason refusal = RefusalReason.of(ex);
                if (refusal != null) {
                    metrics.recordRefusal(refusal);
                }
            } finally {
                nextListener.proceed();
            }
        });
        next.handleRequest(exchange);
    }
}
