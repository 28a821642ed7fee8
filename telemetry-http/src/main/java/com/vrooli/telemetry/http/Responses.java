package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.WireJson;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;

/** Writes complete answers. Every body the server sends goes through here. */
final class Responses {

    static final String JSON = "application/json";

    private Responses() {
    }

    /** Sends a JSON body with a status. */
    static void json(HttpServerExchange exchange, int status, byte[] body) {
        send(exchange, status, JSON, body);
    }

    /** Sends the error shape {@code {"status":"error","error":"..."}}. */
    static void error(HttpServerExchange exchange, int status, String message) {
        send(exchange, status, JSON, WireJson.error(message));
    }

    /** Sends a body of the given type. */
    static void bytes(HttpServerExchange exchange, int status, String contentType, byte[] body) {
        send(exchange, status, contentType, body);
    }

    private static void send(HttpServerExchange exchange, int status, String contentType, byte[] body) {
        if (!exchange.isRequestComplete()) {
            // A body left unread (refused, or sent to a route that takes none) is never drained: draining
            // would wait on the client. Closing after the answer costs it one new connection.
            exchange.setPersistent(false);
        }
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }
}
