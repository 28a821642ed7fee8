package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.TelemetryStore;
import com.vrooli.telemetry.core.WireJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;

/** {@code GET /api/v1/telemetry/{scenario}}: one scenario's summary, 404 when it has no events. */
final class ScenarioSummaryHandler implements HttpHandler {

    private final TelemetryStore store;

    ScenarioSummaryHandler(TelemetryStore store) {
        this.store = store;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        ScenarioSummary summary = requireKnown(store, Router.param(exchange, "scenario"));
        Responses.json(exchange, StatusCodes.OK, WireJson.summary(summary));
    }

    /** The summary of a scenario that has events, or a 404. */
    static ScenarioSummary requireKnown(TelemetryStore store, String scenario) {
        return store.summary(scenario).orElseThrow(() -> unknown(scenario));
    }

    /** The 404 of a scenario without events. */
    static HttpProblem unknown(String scenario) {
        return HttpProblem.notFound("unknown scenario '"
                + (scenario.length() > 128 ? scenario.substring(0, 128) + "..." : scenario) + "'");
    }
}
