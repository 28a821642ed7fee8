package com.vrooli.telemetry.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.util.Map;
import java.util.Objects;

/**
 * Applies the rate limits before a body is read: the client's buckets (one request, and for an
 * upload its declared body bytes) or 429 with {@code Retry-After} in seconds. An upload gets a
 * {@link BudgetShare} of the global budget of upload bytes in flight, which {@link BodyReceiver}
 * fills as bytes arrive (503 with {@code Retry-After} when full) and which is released when the
 * exchange completes; a request to a route that takes no body reserves nothing and is charged
 * nothing for a body it declares, since that body is never read. A chunked upload is charged to
 * the client's byte bucket once its size is known. Either limiter may be null (off). Thread-safe.
 */
final class RateLimitHandler implements HttpHandler {

    /** Seconds a client should wait after a 503 of the in-flight budget. */
    static final long OVERLOADED_RETRY_SECONDS = 1;

    private static final double NANOS_PER_SECOND = 1e9;

    private final HttpHandler next;
    private final ClientLimiter limiter;
    private final InFlightBudget budget;

    RateLimitHandler(HttpHandler next, ClientLimiter limiter, InFlightBudget budget) {
        this.next = Objects.requireNonNull(next, "next");
        this.limiter = limiter;
        this.budget = budget;
    }

    /** What one request of the largest size reserves of the in-flight budget. */
    static long largestReservation(UploadLimits limits) {
        return limits.maxBodyBytes() + limits.maxDecompressedBytes();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        boolean upload = Routes.UPLOAD.equals(exchange.getAttachment(Router.ROUTE));
        long declared = upload ? exchange.getRequestContentLength() : -1;
        boolean chunked = upload && declared < 0 && exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
        String client = ClientKeys.of(exchange.getSourceAddress(), exchange.getAttachment(AuthenticationHandler.GRANT));
        if (limiter != null) {
            long wait = limiter.admit(client, Math.max(declared, 0));
            if (wait > 0) {
                long seconds = Math.max(1, (long) Math.ceil(wait / NANOS_PER_SECOND));
                RefusalReason.RATE_LIMITED.attachTo(exchange);
                throw new HttpProblem(429, "too many requests from this client; retry after " + seconds + " s",
                        Map.of(Headers.RETRY_AFTER, Long.toString(seconds)));
            }
        }
        BudgetShare share = budget != null && upload ? BudgetShare.attach(exchange, budget) : null;
        if (share != null || chunked) {
            exchange.addExchangeCompleteListener((ex, nextListener) -> {
                try {
                    if (share != null) {
                        share.release();
                    }
                    BodyMeter meter = BodyMeter.of(ex);
                    if (limiter != null && chunked && meter != null) {
                        limiter.charge(client, meter.bytes());
                    }
                } finally {
                    nextListener.proceed();
                }
            });
        }
        next.handleRequest(exchange);
    }

    /** The 503 of a full in-flight budget, marked as such for the refusal metric. */
    static HttpProblem overloaded(HttpServerExchange exchange) {
        RefusalReason.OVERLOADED.attachTo(exchange);
        return new HttpProblem(StatusCodes.SERVICE_UNAVAILABLE, "the server is receiving too many uploads at once;"
                + " retry after " + OVERLOADED_RETRY_SECONDS + " s",
                Map.of(Headers.RETRY_AFTER, Long.toString(OVERLOADED_RETRY_SECONDS)));
    }
}
