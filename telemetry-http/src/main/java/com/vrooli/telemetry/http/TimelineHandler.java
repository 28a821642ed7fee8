package com.vrooli.telemetry.http;

import static com.vrooli.telemetry.http.QueryParams.shorten;
import static com.vrooli.telemetry.http.QueryParams.single;

import com.vrooli.telemetry.core.EventRules;
import com.vrooli.telemetry.core.TelemetryStore;
import com.vrooli.telemetry.core.Timeline;
import com.vrooli.telemetry.core.TimelineQuery;
import com.vrooli.telemetry.core.TimelineResolution;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
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
        QueryParams.Window window = QueryParams.window(params);
        String event = single(params, "event");
        if (event != null && EventRules.eventProblem(event) != null) {
            throw HttpProblem.badRequest("event '" + shorten(event) + "' is not a valid event name");
        }
        Timeline timeline = store.timeline(new TimelineQuery(scenario, resolution, window.since(), window.until(),
                        event))
                .orElseThrow(() -> ScenarioSummaryHandler.unknown(scenario));
        Responses.json(exchange, StatusCodes.OK, ActivityJson.timeline(timeline));
    }
}
