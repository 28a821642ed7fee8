package com.vrooli.telemetry.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides whether the caller's token may make this request: {@code /health} and the dashboard's
 * static files ({@link DashboardFiles#isDashboardPath}) are open to all; the
 * upload path needs an upload token; every other path (the query endpoints, {@code /metrics}, and
 * unknown paths, so strangers learn nothing of the routes) needs a read token. No valid token is
 * 401 with {@code WWW-Authenticate: Bearer}; a valid token without the right is 403. An upload's
 * events are then checked against its token's scenario patterns by {@link UploadHandler}, which
 * passes them to the ingest call as its scope. Thread-safe.
 */
final class AuthorizationHandler implements HttpHandler {

    private static final List<String> HEALTH = Router.segments("/health");
    private static final List<String> UPLOAD = Router.segments(Routes.API + "/upload");
    private static final String CHALLENGE = "Bearer realm=\"telemetry\"";

    private final HttpHandler next;

    AuthorizationHandler(HttpHandler next) {
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        // The same segments the router matches on, so "/api//v1/telemetry/upload/" is the upload path here too.
        List<String> path = Router.segments(exchange.getRequestPath());
        if (path.equals(HEALTH) || DashboardFiles.isDashboardPath(path)) {
            next.handleRequest(exchange);
            return;
        }
        TokenGrant grant = exchange.getAttachment(AuthenticationHandler.GRANT);
        if (grant == null) {
            boolean presented = exchange.getRequestHeaders().contains(Headers.AUTHORIZATION);
            throw new HttpProblem(StatusCodes.UNAUTHORIZED, presented
                    ? "the API token is not valid" : "an API token is required: send Authorization: Bearer <token>",
                    Map.of(Headers.WWW_AUTHENTICATE, presented ? CHALLENGE + ", error=\"invalid_token\"" : CHALLENGE));
        }
        if (path.equals(UPLOAD)) {
            if (!grant.upload()) {
                throw forbidden("this token may not upload telemetry");
            }
        } else if (!grant.read()) {
            throw forbidden("this token may not read telemetry");
        }
        next.handleRequest(exchange);
    }

    private static HttpProblem forbidden(String message) {
        return new HttpProblem(StatusCodes.FORBIDDEN, message, Map.<HttpString, String>of());
    }
}
