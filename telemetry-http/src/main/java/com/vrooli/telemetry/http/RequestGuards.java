package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.TelemetryStore;
import io.undertow.server.HttpHandler;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The request guards of one server, placed between the error mapper and the router (see
 * {@link HandlerChain}), outermost first: the body deadline ({@link BodyTimeoutHandler}),
 * authentication ({@link AuthenticationHandler}, with tokens), rate limits and the in-flight budget
 * ({@link RateLimitHandler}, when on), authorization ({@link AuthorizationHandler}, with tokens).
 * With tokens, uploads write through a {@link ScenarioCheckingStore}. Thread-safe.
 */
final class RequestGuards {

    private final ApiTokens tokens;
    private final UploadLimits uploadLimits;
    private final Duration bodyTimeout;
    private final UploadPermissions permissions = new UploadPermissions();
    private final ClientLimiter limiter;
    private final InFlightBudget budget;

    RequestGuards(ApiTokens tokens, RateLimits rateLimits, UploadLimits uploadLimits, Duration bodyTimeout,
                  LongSupplier ticker) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.uploadLimits = Objects.requireNonNull(uploadLimits, "uploadLimits");
        this.bodyTimeout = Objects.requireNonNull(bodyTimeout, "bodyTimeout");
        Objects.requireNonNull(rateLimits, "rateLimits");
        if (rateLimits.bytesPerSecond() > 0 && rateLimits.byteBurst() < uploadLimits.maxBodyBytes()) {
            throw new IllegalArgumentException("the byte burst (" + rateLimits.byteBurst() + " bytes) must hold the"
                    + " largest body (" + uploadLimits.maxBodyBytes() + " bytes)");
        }
        long largest = RateLimitHandler.largestReservation(uploadLimits);
        if (rateLimits.maxInFlightBytes() > 0 && rateLimits.maxInFlightBytes() < largest) {
            throw new IllegalArgumentException("the in-flight budget (" + rateLimits.maxInFlightBytes() + " bytes)"
                    + " must hold one largest upload (" + largest + " bytes: the body limit plus the decompressed"
                    + " limit)");
        }
        this.limiter = rateLimits.perClient() ? new ClientLimiter(rateLimits, ticker) : null;
        this.budget = rateLimits.maxInFlightBytes() > 0 ? new InFlightBudget(rateLimits.maxInFlightBytes()) : null;
    }

    /** The store uploads write through: checked against the token's scenarios when tokens are on. */
    TelemetryStore uploadStore(TelemetryStore store) {
        return tokens.isEmpty() ? store : new ScenarioCheckingStore(store, permissions);
    }

    /**
     * The guards around {@code router}. The route's name is attached first, so that requests the
     * guards refuse are counted under the route they asked for.
     */
    HttpHandler around(Router router) {
        HttpHandler h = router;
        if (!tokens.isEmpty()) {
            h = new AuthorizationHandler(h, permissions);
        }
        if (limiter != null || budget != null) {
            h = new RateLimitHandler(h, limiter, budget, uploadLimits);
        }
        if (!tokens.isEmpty()) {
            h = new AuthenticationHandler(h, tokens);
        }
        HttpHandler guarded = new BodyTimeoutHandler(h, bodyTimeout);
        return exchange -> {
            exchange.putAttachment(Router.ROUTE, router.routeName(exchange));
            guarded.handleRequest(exchange);
        };
    }

    /** Publishes the in-flight bytes and the tracked clients as gauges. */
    void watch(ServerMetrics metrics) {
        metrics.watchLimits(() -> budget == null ? 0 : budget.inFlight(), () -> limiter == null ? 0 : limiter.size());
    }
}
