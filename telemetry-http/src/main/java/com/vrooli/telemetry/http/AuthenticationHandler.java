package com.vrooli.telemetry.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import java.util.Objects;

/**
 * Identifies the caller from {@code Authorization: Bearer <token>} and attaches what the token may
 * do; refuses nothing itself, so that the rate limits see who is asking (a valid token, or only an
 * address) before {@link AuthorizationHandler} decides. The tokens are read once per request, so a
 * reload ({@link LiveTokens}) takes effect for the next request and never for one in flight. Thread-safe.
 */
final class AuthenticationHandler implements HttpHandler {

    /** The presented token's grant; absent when no valid token was presented. */
    static final AttachmentKey<TokenGrant> GRANT = AttachmentKey.create(TokenGrant.class);

    private final HttpHandler next;
    private final LiveTokens tokens;

    AuthenticationHandler(HttpHandler next, LiveTokens tokens) {
        this.next = Objects.requireNonNull(next, "next");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (authorization != null) {
            tokens.current().authenticate(authorization).ifPresent(grant -> exchange.putAttachment(GRANT, grant));
        }
        next.handleRequest(exchange);
    }
}
