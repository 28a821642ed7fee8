package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.EventRules;
import com.vrooli.telemetry.core.IngestResult;
import com.vrooli.telemetry.core.TelemetryStore;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * The server's metrics under their published names (see the module README). Events are counted by
 * scenario; rejected events have no trustworthy scenario of their own, so they are counted under the
 * request's {@code ?scenario=} when it is a valid name and under {@value #UNATTRIBUTED} otherwise
 * (a name no real scenario can have). Thread-safe.
 *
 * <p>Public only so that a launcher can share one instance between the store it opens (its
 * {@link #fsyncListener() fsync listener}) and the server ({@link TelemetryServer.Builder#metrics});
 * everything else is internal to this package.
 */
public final class ServerMetrics {

    /** Scenario label of rejected events that cannot be attributed to a scenario. */
    static final String UNATTRIBUTED = "_unknown";

    private static final double[] SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private static final double[] FSYNC_SECONDS =
            {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1};
    private static final double[] BYTES = {1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216};
    private static final double NANOS_PER_SECOND = 1e9;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter received = registry.counter("telemetry_events_received_total",
            "Events received in upload bodies, by scenario.", "scenario");
    private final Counter stored = registry.counter("telemetry_events_stored_total",
            "Events newly stored, by scenario.", "scenario");
    private final Counter rejected = registry.counter("telemetry_events_rejected_total",
            "Events rejected as invalid, by the request's default scenario.", "scenario");
    private final Counter duplicates = registry.counter("telemetry_events_duplicate_total",
            "Events skipped because their event_id was already stored, by scenario.", "scenario");
    private final Counter requests = registry.counter("telemetry_http_requests_total",
            "HTTP requests answered, by route and status code.", "route", "status");
    private final Counter refused = registry.counter("telemetry_requests_refused_total",
            "Requests refused or failed, by reason (see the module README).", "reason");
    private final Histogram uploadBytes = registry.histogram("telemetry_upload_request_bytes",
            "Size of upload request bodies as received (before decompression).", BYTES);
    private final Histogram uploadSeconds = registry.histogram("telemetry_upload_duration_seconds",
            "Time from receiving an upload request to completing its answer.", SECONDS);
    private final Histogram fsyncSeconds = registry.histogram("telemetry_store_fsync_duration_seconds",
            "Duration of the store's fsync calls.", FSYNC_SECONDS);

    /** Metrics at zero, with the series the module README lists. */
    public ServerMetrics() {
    }

    /** Adds the gauge {@code telemetry_store_writable} (1 or 0), read from the store at each scrape. */
    void watchStore(TelemetryStore store) {
        registry.gauge("telemetry_store_writable", "1 when the store accepts writes, 0 otherwise.",
                () -> store.health().writable() ? 1 : 0);
    }

    /** Adds the gauges of the request guards: upload bytes in flight and clients tracked by the rate limits. */
    void watchLimits(LongSupplier inFlightBytes, IntSupplier trackedClients) {
        registry.gauge("telemetry_in_flight_request_bytes", "Upload bytes reserved by requests in flight.",
                inFlightBytes::getAsLong);
        registry.gauge("telemetry_rate_limited_clients", "Clients whose rate-limit buckets are kept.",
                trackedClients::getAsInt);
    }

    /** Counts one refused or failed request. */
    void recordRefusal(RefusalReason reason) {
        refused.inc(reason.label());
    }

    /** Counts what one upload did. */
    void recordIngest(IngestResult result, String defaultScenario) {
        for (Map.Entry<String, Integer> e : result.storedByScenario().entrySet()) {
            stored.add(e.getValue(), e.getKey());
            received.add(e.getValue(), e.getKey());
        }
        for (Map.Entry<String, Integer> e : result.duplicatesByScenario().entrySet()) {
            duplicates.add(e.getValue(), e.getKey());
            received.add(e.getValue(), e.getKey());
        }
        if (result.rejected() > 0) {
            String scenario = defaultScenario != null && EventRules.isValidScenario(defaultScenario)
                    ? defaultScenario : UNATTRIBUTED;
            rejected.add(result.rejected(), scenario);
            received.add(result.rejected(), scenario);
        }
    }

    void recordUploadBytes(long bytes) {
        uploadBytes.observe(bytes);
    }

    /** Counts one answered request; uploads also feed the latency histogram. */
    void recordRequest(String route, int status, long nanos) {
        requests.inc(route, Integer.toString(status));
        if (Routes.UPLOAD.equals(route)) {
            uploadSeconds.observe(nanos / NANOS_PER_SECOND);
        }
    }

    /** Records one fsync of the store; usable as the store's fsync listener. */
    void recordFsync(long nanos) {
        fsyncSeconds.observe(nanos / NANOS_PER_SECOND);
    }

    /** {@link #recordFsync} as a listener. */
    /** Receives the store's fsync durations in nanoseconds, for {@code telemetry_store_fsync_duration_seconds}. */
    public LongConsumer fsyncListener() {
        return this::recordFsync;
    }

    long requests(String route, int status) {
        return requests.value(route, Integer.toString(status));
    }

    /** The exposition text. */
    String scrape() {
        return registry.scrape();
    }
}
