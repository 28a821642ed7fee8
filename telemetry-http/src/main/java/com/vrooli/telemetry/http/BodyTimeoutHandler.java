package com.vrooli.telemetry.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Gives each request's body a deadline, counted from when a worker starts on the request (its
 * headers are in): the body conduit is wrapped in a {@link DeadlineSourceConduit}, and a failure
 * caused by the deadline passing becomes 408 (the connection is closed after the answer, since the
 * rest of the body is never read). A client trickling its body one byte at a time holds a worker
 * for at most the body timeout. Thread-safe.
 */
final class BodyTimeoutHandler implements HttpHandler {

    private final HttpHandler next;
    private final Duration timeout;

    BodyTimeoutHandler(HttpHandler next, Duration timeout) {
        this.next = Objects.requireNonNull(next, "next");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        BodyMeter meter = BodyMeter.attach(exchange);
        long deadline = System.nanoTime() + timeout.toNanos();
        exchange.addRequestWrapper((factory, ex) -> new DeadlineSourceConduit(factory.create(), deadline, meter));
        try {
            next.handleRequest(exchange);
        } catch (Exception e) {
            if (!meter.timedOut()) {
                throw e;
            }
            // Whatever a reader made of the failed read (an IOException, a problem of its own), the cause is the client.
            throw new HttpProblem(StatusCodes.REQUEST_TIME_OUT, "the request body did not arrive within "
                    + seconds(timeout) + "; send it faster or in smaller batches", Map.of());
        }
    }

    private static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
