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

    /**
     * Sends a JSON body with a status from the connection's IO thread: the last act of a handler
     * that runs on a worker. Undertow ends a keep-alive exchange by re-arming the connection's
     * reads; from a worker it does so under a state flag that the IO thread spins on when the
     * client's next request arrives meanwhile (as it does under a closed-loop load: the answer is out,
     * the worker is not done yet), and on two cores that spin took a quarter of the server's CPU
     * (see the JSONL store's README, "Where the CPU goes"). From the IO thread the exchange ends
     * without the flag, and the write costs it no more than the worker's wake-up call did.
     */
    static void jsonFromIoThread(HttpServerExchange exchange, int status, byte[] body) {
        exchange.dispatch(exchange.getIoThread(), ioThread -> json(ioThread, status, body));
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
