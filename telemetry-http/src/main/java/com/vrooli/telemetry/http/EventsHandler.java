package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.TelemetryStore;
import com.vrooli.telemetry.core.WireJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;

/**
 * {@code GET /api/v1/telemetry/{scenario}/events}: one page of a scenario's events, newest first by
 * default, as {@code {"events":[...],"next_cursor":...}}; 404 for a scenario without events.
 */
final class EventsHandler implements HttpHandler {

    private final TelemetryStore store;

    EventsHandler(TelemetryStore store) {
        this.store = store;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String scenario = Router.param(exchange, "scenario");
        ScenarioSummaryHandler.requireKnown(store, scenario);
        EventQuery query = EventQueryParams.parse(scenario, exchange.getQueryParameters());
        Responses.json(exchange, StatusCodes.OK, WireJson.eventPage(store.query(query)));
    }
}
