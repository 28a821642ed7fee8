package com.vrooli.telemetry.http;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The API tokens a running server checks, replaceable at once (a reload): each request reads the
 * current set once, when it is authenticated, and keeps the grant it got, so a reload never fails
 * or drops a request in flight. Whether the server has tokens at all is fixed at start: a reload
 * may change the tokens, never turn authentication on or off (a server without tokens answers only
 * on loopback, one with tokens may listen anywhere). Thread-safe.
 */
final class LiveTokens {

    private final AtomicReference<ApiTokens> current;
    private final boolean required;

    LiveTokens(ApiTokens initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
        this.required = !initial.isEmpty();
    }

    /** The tokens in force now. */
    ApiTokens current() {
        return current.get();
    }

    /** Whether the server was started with tokens. */
    boolean required() {
        return required;
    }

    /**
     * Puts {@code next} in force for every request authenticated from now on.
     *
     * @throws IllegalArgumentException when {@code next} is empty and the server has tokens, or has
     *                                  tokens and the server was started without (nothing changes)
     */
    void replace(ApiTokens next) {
        Objects.requireNonNull(next, "next");
        if (next.isEmpty() && !required) {
            return;
        }
        if (next.isEmpty() == required) {
            throw new IllegalArgumentException(required
                    ? "the new configuration has no token; a server started with tokens keeps requiring them"
                    : "the server was started without tokens; restart it to require them");
        }
        current.set(next);
    }
}
