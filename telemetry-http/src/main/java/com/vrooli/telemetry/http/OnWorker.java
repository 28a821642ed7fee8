package com.vrooli.telemetry.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Objects;

/**
 * Runs a route that takes no body on a worker thread (its store work may block), with its own
 * {@link ErrorMapper}, since exceptions on the worker no longer pass the chain's. A body the
 * client declared anyway is never read nor reserved: the answer closes the connection instead
 * (see {@link Responses}), so a {@code GET /health} with a {@code Content-Length} it never sends
 * holds nothing. Thread-safe.
 */
final class OnWorker implements HttpHandler {

    private final HttpHandler next;

    OnWorker(HttpHandler next) {
        this.next = new ErrorMapper(Objects.requireNonNull(next, "next"));
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.dispatch(next);
        } else {
            next.handleRequest(exchange);
        }
    }
}
