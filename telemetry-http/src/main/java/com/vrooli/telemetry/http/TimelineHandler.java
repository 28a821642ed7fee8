package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.EventRules;
import com.vrooli.telemetry.core.TelemetryStore;
import com.vrooli.telemetry.core.Timeline;
import com.vrooli.telemetry.core.TimelineQuery;
import com.vrooli.telemetry.core.TimelineResolution;
import com.vrooli.telemetry.core.Timestamps;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Deque;
import java.util.Map;

/**
 * {@code GET /api/v1/telemetry/{scenario}/timeline?bucket=1m|1h|1d&since=&until=&event=}: event and
 * failure counts per bucket from the store's live aggregate (default bucket {@code 1h}); 400 with
 * plain words for a bad bucket, time or event name, 404 for a scenario without events.
 */
final class TimelineHandler implements HttpHandler {

    private final TelemetryStore store;

    TimelineHandler(TelemetryStore store) {
        this.store = store;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String scenario = Router.param(exchange, "scenario");
        Map<String, Deque<String>> params = exchange.getQueryParameters();
        String bucket = single(params, "bucket");
        TimelineResolution resolution = bucket == null ? TimelineResolution.HOUR
                : TimelineResolution.fromWireName(bucket).orElseThrow(() -> HttpProblem.badRequest(
                        "bucket must be one of 1m, 1h, 1d; got '" + shorten(bucket) + "'"));
        Instant since = time(params, "since");
        Instant until = time(params, "until");
        if (since != null && until != null && !since.isBefore(until)) {
            throw HttpProblem.badRequest("since must be before until");
        }
        String event = single(params, "event");
        if (event != null && EventRules.eventProblem(event) != null) {
            throw HttpProblem.badRequest("event '" + shorten(event) + "' is not a valid event name");
        }
        Timeline timeline = store.timeline(new TimelineQuery(scenario, resolution, since, until, event))
                .orElseThrow(() -> ScenarioSummaryHandler.unknown(scenario));
        Responses.json(exchange, StatusCodes.OK, ActivityJson.timeline(timeline));
    }

    /** A parameter given at most once; null when absent or empty. */
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

    private static String shorten(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
