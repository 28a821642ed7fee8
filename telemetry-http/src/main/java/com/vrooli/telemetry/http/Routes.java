package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.IngestService;
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

    static Router create(TelemetryStore store, IngestService ingest, UploadLimits limits, ServerMetrics metrics,
                         Clock clock, Duration silentAfter) {
        DashboardFiles dashboard = DashboardFiles.load();
        return Router.builder()
                .post(UPLOAD, API + "/upload", new UploadHandler(new BodyReader(limits), ingest, metrics))
                .get(SUMMARIES, API, new SummariesHandler(store))
                .get(SUMMARY, API + "/{scenario}", new ScenarioSummaryHandler(store))
                .get(EVENTS, API + "/{scenario}/events", new EventsHandler(store))
                .get(TIMELINE, API + "/{scenario}/timeline", new TimelineHandler(store))
                .get(DEPLOYMENTS, API + "/{scenario}/deployments", new DeploymentsHandler(store, clock, silentAfter))
                .get(DASHBOARD, "/", dashboard)
                .get(DASHBOARD, "/index.html", dashboard)
                .get(DASHBOARD, "/ui/{file}", dashboard)
                .get(DASHBOARD, "/ui/vendor/{file}", dashboard)
                .get(HEALTH, "/health", new HealthHandler(store))
                .get(METRICS, "/metrics", new MetricsHandler(metrics))
                .build();
    }
}
