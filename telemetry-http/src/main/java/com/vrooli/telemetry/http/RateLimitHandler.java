package com.vrooli.telemetry.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Applies the rate limits before a body is read: the client's buckets (one request, and the
 * declared body bytes) or 429, then the global budget of upload bytes in flight or 503, each with
 * {@code Retry-After} in seconds. A body's reservation is its declared length (the body limit when
 * chunked) plus, for a gzip body, the decompressed limit; it is released when the exchange
 * completes. A chunked body is charged to the client's byte bucket once its size is known.
 * Either limiter may be null (off). Thread-safe.
 */
final class RateLimitHandler implements HttpHandler {

    /** Seconds a client should wait after a 503 of the in-flight budget. */
    static final long OVERLOADED_RETRY_SECONDS = 1;

    private static final double NANOS_PER_SECOND = 1e9;

    private final HttpHandler next;
    private final ClientLimiter limiter;
    private final InFlightBudget budget;
    private final UploadLimits uploadLimits;

    RateLimitHandler(HttpHandler next, ClientLimiter limiter, InFlightBudget budget, UploadLimits uploadLimits) {
        this.next = Objects.requireNonNull(next, "next");
        this.limiter = limiter;
        this.budget = budget;
        this.uploadLimits = Objects.requireNonNull(uploadLimits, "uploadLimits");
    }

    /** What one request of the largest size reserves of the in-flight budget. */
    static long largestReservation(UploadLimits limits) {
        return limits.maxBodyBytes() + limits.maxDecompressedBytes();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long declared = exchange.getRequestContentLength();
        boolean chunked = declared < 0 && exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
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
        long reserved = reservation(exchange, declared, chunked);
        if (budget != null && reserved > 0) {
            if (!budget.tryReserve(reserved)) {
                RefusalReason.OVERLOADED.attachTo(exchange);
                throw new HttpProblem(StatusCodes.SERVICE_UNAVAILABLE, "the server is receiving too many uploads at"
                        + " once; retry after " + OVERLOADED_RETRY_SECONDS + " s",
                        Map.of(Headers.RETRY_AFTER, Long.toString(OVERLOADED_RETRY_SECONDS)));
            }
        }
        exchange.addExchangeCompleteListener((ex, nextListener) -> {
            try {
                if (budget != null && reserved > 0) {
                    budget.release(reserved);
                }
                BodyMeter meter = BodyMeter.of(ex);
                if (limiter != null && chunked && meter != null) {
                    limiter.charge(client, meter.bytes());
                }
            } finally {
                nextListener.proceed();
            }
        });
        next.handleRequest(exchange);
    }

    private long reservation(HttpServerExchange exchange, long declared, boolean chunked) {
        if (declared <= 0 && !chunked) {
            return 0;
        }
        long wire = declared > 0 ? Math.min(declared, uploadLimits.maxBodyBytes()) : uploadLimits.maxBodyBytes();
        String encoding = exchange.getRequestHeaders().getFirst(Headers.CONTENT_ENCODING);
        boolean compressed = encoding != null && !encoding.isBlank()
                && !encoding.trim().toLowerCase(Locale.ROOT).equals("identity");
        return compressed ? wire + uploadLimits.maxDecompressedBytes() : wire;
    }
}
