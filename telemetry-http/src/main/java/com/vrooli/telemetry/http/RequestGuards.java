package com.vrooli.telemetry.http;

import io.undertow.server.HttpHandler;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The request guards of one server, placed between the error mapper and the router (see
 * {@link HandlerChain}), outermost first, all on the IO thread and none reading a body: browser
 * checks ({@link BrowserGuard}), authentication ({@link AuthenticationHandler}, with tokens), rate
 * limits and the in-flight budget ({@link RateLimitHandler}, when on), authorization
 * ({@link AuthorizationHandler}, with tokens). Thread-safe.
 */
final class RequestGuards {

    private final LiveTokens tokens;
    private final BrowserPolicy browsers;
    private final boolean checkHost;
    private final ClientLimiter limiter;
    private final InFlightBudget budget;

    /** @param checkHost whether {@code Host} must be a loopback or allowed name (no tokens, loopback address) */
    RequestGuards(LiveTokens tokens, RateLimits rateLimits, UploadLimits uploadLimits, BrowserPolicy browsers,
                  boolean checkHost, LongSupplier ticker) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.browsers = Objects.requireNonNull(browsers, "browsers");
        this.checkHost = checkHost;
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

    /**
     * The guards around {@code router}. The route's name is attached first, so that requests the
     * guards refuse are counted under the route they asked for.
     */
    HttpHandler around(Router router) {
        HttpHandler h = router;
        if (tokens.required()) {
            h = new AuthorizationHandler(h);
        }
        if (limiter != null || budget != null) {
            h = new RateLimitHandler(h, limiter, budget);
        }
        if (tokens.required()) {
            h = new AuthenticationHandler(h, tokens);
        }
        HttpHandler guarded = new BrowserGuard(h, browsers, checkHost);
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
