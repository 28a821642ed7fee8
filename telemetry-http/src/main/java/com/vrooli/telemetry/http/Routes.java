package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.TelemetryStore;
import java.time.Clock;
import java.time.Duration;

/**
 * The server's endpoints: paths, methods, route names (used as metric labels) and handlers. Public
 * only for {@link #API}, the path prefix a client of the server (the CLI) asks under.
 */
public final class Routes {

    /** The path prefix of the telemetry API: uploads, summaries and events. */
    public static final String API = "/api/v1/telemetry";

    static final String UPLOAD = "upload";
    static final String SUMMARIES = "summaries";
    static final String SUMMARY = "summary";
    static final String EVENTS = "events";
    static final String HEALTH = "health";
    static final String METRICS = "metrics";
    static final String TIMELINE = "timeline";
    static final String DEPLOYMENTS = "deployments";
    static final String DASHBOARD = "dashboard";

    private Routes() {
    }

    /**
     * The router of the endpoints. The upload receives its body on the IO thread and ingests on a
     * worker; every other route runs on a worker ({@link OnWorker}).
     */
    static Router create(TelemetryStore store, UploadHandler upload, ServerMetrics metrics, Clock clock,
                         Duration silentAfter) {
        OnWorker dashboard = new OnWorker(DashboardFiles.load());
        return Router.builder()
                .post(UPLOAD, API + "/upload", upload)
                .get(SUMMARIES, API, new OnWorker(new SummariesHandler(store)))
                .get(SUMMARY, API + "/{scenario}", new OnWorker(new ScenarioSummaryHandler(store)))
                .get(EVENTS, API + "/{scenario}/events", new OnWorker(new EventsHandler(store)))
                .get(TIMELINE, API + "/{scenario}/timeline", new OnWorker(new TimelineHandler(store)))
                .get(DEPLOYMENTS, API + "/{scenario}/deployments",
                        new OnWorker(new DeploymentsHandler(store, clock, silentAfter)))
                .get(DASHBOARD, "/", dashboard)
                .get(DASHBOARD, "/index.html", dashboard)
                .get(DASHBOARD, "/ui/{file}", dashboard)
                .get(DASHBOARD, "/ui/vendor/{file}", dashboard)
                .get(HEALTH, "/health", new OnWorker(new HealthHandler(store)))
                .get(METRICS, "/metrics", new OnWorker(new MetricsHandler(metrics)))
                .build();
    }
}
