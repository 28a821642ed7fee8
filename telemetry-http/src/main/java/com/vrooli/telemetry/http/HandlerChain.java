package com.vrooli.telemetry.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;

/**
 * How the server's handlers are composed, outermost first:
 * <ol>
 *   <li>{@link RequestMetricsHandler}: counts every answer, including the refusals below;</li>
 *   <li>{@link JsonErrorPages}: gives body-less error statuses the JSON error shape;</li>
 *   <li>{@link GracefulShutdownHandler}: tracks in-flight requests and refuses new ones (503) while
 *       the server closes;</li>
 *   <li>{@link ErrorMapper}: turns every exception below into its status and JSON body;</li>
 *   <li>the {@link RequestGuards}: browser checks, authentication, rate limits, authorization, which
 *       refuse by throwing {@link HttpProblem}s;</li>
 *   <li>the {@link Router} and its endpoint handlers.</li>
 * </ol>
 * Everything above runs on the IO thread and reads no body, so no client holds a worker while it
 * sends: the upload receives its body on the IO thread too ({@link BodyReceiver}) and dispatches to
 * a worker only when it is complete; the other routes dispatch at once ({@link OnWorker}).
 */
final class HandlerChain {

    private final GracefulShutdownHandler graceful;
    private final HttpHandler root;

    HandlerChain(Router router, RequestGuards guards, ServerMetrics metrics, UploadLimits limits,
                 BodyTimeouts bodyTimeouts) {
        this.graceful = new GracefulShutdownHandler(new ErrorMapper(guards.around(router), limits, bodyTimeouts));
        this.root = new RequestMetricsHandler(new JsonErrorPages(graceful), metrics);
    }

    HttpHandler root() {
        return root;
    }

    GracefulShutdownHandler graceful() {
        return graceful;
    }
}
