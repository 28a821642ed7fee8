package com.vrooli.telemetry.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * Carries the token of the upload being handled to {@link ScenarioCheckingStore}, which sees only
 * the decoded events. Uploads run start to finish on one worker thread in blocking mode, so the
 * grant is held for that thread while the rest of the chain runs, and removed afterwards.
 * Thread-safe (one value per thread).
 */
final class UploadPermissions {

    private final ThreadLocal<TokenGrant> current = new ThreadLocal<>();

    /** Runs {@code next} with {@code grant} as the current thread's upload permission. */
    void handleAs(TokenGrant grant, HttpHandler next, HttpServerExchange exchange) throws Exception {
        current.set(grant);
        try {
            next.handleRequest(exchange);
        } finally {
            current.remove();
        }
    }

    /** The grant of the upload on this thread; null outside an authenticated upload. */
    TokenGrant current() {
        return current.get();
    }
}
