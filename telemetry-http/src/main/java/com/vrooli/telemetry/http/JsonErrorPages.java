package com.vrooli.telemetry.http;

import io.undertow.server.DefaultResponseListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.util.Objects;

/**
 * Gives error statuses that are set without a body (for example the 503 of Undertow's graceful
 * shutdown handler) the same JSON error shape as every other error answer.
 */
final class JsonErrorPages implements HttpHandler {

    private static final DefaultResponseListener LISTENER = JsonErrorPages::writeDefault;

    private final HttpHandler next;

    JsonErrorPages(HttpHandler next) {
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        exchange.addDefaultResponseListener(LISTENER);
        next.handleRequest(exchange);
    }

    private static boolean writeDefault(HttpServerExchange exchange) {
        int status = exchange.getStatusCode();
        if (status < 400 || !exchange.isResponseChannelAvailable()) {
            return false;
        }
        if (status == StatusCodes.SERVICE_UNAVAILABLE) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, ErrorMapper.RETRY_AFTER_SECONDS);
        }
        Responses.error(exchange, status, messageFor(status));
        return true;
    }

    static String messageFor(int status) {
        switch (status) {
            case StatusCodes.SERVICE_UNAVAILABLE:
                return "the server is shutting down or overloaded; retry later";
            case StatusCodes.INTERNAL_SERVER_ERROR:
                return "internal server error";
            default:
                return StatusCodes.getReason(status).toLowerCase(java.util.Locale.ROOT);
        }
    }
}
