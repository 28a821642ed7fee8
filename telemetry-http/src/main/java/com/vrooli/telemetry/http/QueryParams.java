package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.Timestamps;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Deque;
import java.util.Map;

/**
 * Reading of the query parameters the read endpoints share (events, timeline): single values,
 * times and the {@code since}/{@code until} window, each bad value a 400 {@link HttpProblem} with
 * plain words. Stateless.
 */
final class QueryParams {

    static final String SINCE = "since";
    static final String UNTIL = "until";

    private QueryParams() {
    }

    /**
     * A parameter given at most once; null when absent or empty.
     *
     * @throws HttpProblem 400 when the parameter is repeated
     */
    static String single(Map<String, Deque<String>> params, String name) {
        Deque<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw HttpProblem.badRequest("parameter '" + name + "' may be given only once");
        }
        String v = values.peekFirst();
        return v.isEmpty() ? null : v;
    }

    /**
     * The {@code since} and {@code until} parameters; either may be null (absent).
     *
     * @throws HttpProblem 400 when a time is invalid or since is not before until
     */
    static Window window(Map<String, Deque<String>> params) {
        Instant since = time(params, SINCE);
        Instant until = time(params, UNTIL);
        if (since != null && until != null && !since.isBefore(until)) {
            throw HttpProblem.badRequest("since must be before until");
        }
        return new Window(since, until);
    }

    /** A value cut to 64 characters for an error message, so a hostile parameter cannot flood it. */
    static String shorten(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }

    private static Instant time(Map<String, Deque<String>> params, String name) {
        String text = single(params, name);
        if (text == null) {
            return null;
        }
        try {
            return Timestamps.parse(text);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw HttpProblem.badRequest(name + " '" + shorten(text)
                    + "' is not an ISO-8601 time with a zone, such as 2025-01-15T12:00:00Z");
        }
    }

    /** A time window from the query; a null bound is open. */
    record Window(Instant since, Instant until) {
    }
}
