package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.TelemetryStore;

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

    private Routes() {
    }

    /**
     * The router of the endpoints. The upload receives its body on the IO thread and ingests on a
     * worker; every other route runs on a worker ({@link OnWorker}).
     */
    static Router create(TelemetryStore store, UploadHandler upload, ServerMetrics metrics) {
        return Router.builder()
                .post(UPLOAD, API + "/upload", upload)
                .get(SUMMARIES, API, new OnWorker(new SummariesHandler(store)))
                .get(SUMMARY, API + "/{scenario}", new OnWorker(new ScenarioSummaryHandler(store)))
                .get(EVENTS, API + "/{scenario}/events", new OnWorker(new EventsHandler(store)))
                .get(HEALTH, "/health", new OnWorker(new HealthHandler(store)))
                .get(METRICS, "/metrics", new OnWorker(new MetricsHandler(metrics)))
                .build();
    }
}
