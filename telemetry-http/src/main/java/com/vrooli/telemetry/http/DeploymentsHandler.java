package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.DeploymentState;
import com.vrooli.telemetry.core.TelemetryStore;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /api/v1/telemetry/{scenario}/deployments}: the fleet view, one row per deployment with
 * its status as of the server's clock ({@code silent} when nothing arrived for {@code silentAfter});
 * 404 for a scenario without events.
 */
final class DeploymentsHandler implements HttpHandler {

    private final TelemetryStore store;
    private final Clock clock;
    private final Duration silentAfter;

    DeploymentsHandler(TelemetryStore store, Clock clock, Duration silentAfter) {
        this.store = store;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.silentAfter = Objects.requireNonNull(silentAfter, "silentAfter");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String scenario = Router.param(exchange, "scenario");
        List<DeploymentState> rows = store.deployments(scenario)
                .orElseThrow(() -> ScenarioSummaryHandler.unknown(scenario));
        Responses.json(exchange, StatusCodes.OK, ActivityJson.deployments(scenario, rows, clock.instant(),
                silentAfter));
    }
}
