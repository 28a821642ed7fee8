package com.vrooli.telemetry.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;

/**
 * How the server's handlers are composed, outermost first:
 * <ol>
 *   <li>{@link RequestMetricsHandler}: counts every answer, including the refusals below;</li>
 *   <li>{@link JsonErrorPages}: gives body-less error statuses the JSON error shape;</li>
 *   <li>{@link GracefulShutdownHandler}: tracks in-flight requests and refuses new ones (503) while
 *       the server closes;</li>
 *   <li>{@link BlockingHandler}: moves the exchange off the IO thread onto a worker, in blocking mode;</li>
 *   <li>{@link ErrorMapper}: turns every exception below into its status and JSON body;</li>
 *   <li>the {@link RequestGuards}: body deadline, authentication, rate limits, authorization, which
 *       refuse by throwing {@link HttpProblem}s;</li>
 *   <li>the {@link Router} and its endpoint handlers.</li>
 * </ol>
 */
final class HandlerChain {

    private final GracefulShutdownHandler graceful;
    private final HttpHandler root;

    HandlerChain(Router router, RequestGuards guards, ServerMetrics metrics) {
        this.graceful = new GracefulShutdownHandler(new BlockingHandler(new ErrorMapper(guards.around(router))));
        this.root = new RequestMetricsHandler(new JsonErrorPages(graceful), metrics);
    }

    HttpHandler root() {
        return root;
    }

    GracefulShutdownHandler graceful() {
        return graceful;
    }
}
