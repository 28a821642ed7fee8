package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.IngestResult;
import com.vrooli.telemetry.core.TelemetryStore;
import com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore;
import com.vrooli.telemetry.store.jsonl.RetentionStats;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The server's metrics under their published names (see the module README), kept in the official
 * Prometheus client's registry, plus the client's JVM and process metrics. Every series the server
 * publishes is declared here, one line each: to add one, add a field (or a {@code gauge}/
 * {@code counterFrom} call in a {@code watch...} method) next to the others and list it in the README.
 *
 * <p>Label values are bounded: a {@code scenario} label only ever names a scenario the store holds.
 * Stored and duplicate events are counted under their own scenario (which then exists); rejected
 * events have no trustworthy scenario of their own, so they are counted under the request's
 * {@code ?scenario=} only when the store already holds that scenario, and under {@value #UNATTRIBUTED}
 * otherwise (a name no real scenario can have). A stream of rejected uploads with made-up names
 * therefore adds no series. The other labels take values from fixed sets (route names, status codes,
 * {@link RefusalReason}). A labelled family is written once it has a sample. Thread-safe.
 *
 * <p>Public only so that a launcher can share one instance between the store it opens (its
 * {@link #fsyncListener() fsync listener}) and the server ({@link TelemetryServerBuilder#metrics});
 * everything else is internal to this package.
 */
public final class ServerMetrics {

    /** The one scenario label of rejected events that do not name a scenario the store holds. */
    static final String UNATTRIBUTED = "_unknown";

    private static final double[] SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private static final double[] FSYNC_SECONDS =
            {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1};
    private static final double[] BYTES = {1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216};
    private static final double NANOS_PER_SECOND = 1e9;

    /**
     * The JVM's and the process's metrics, registered once per JVM and read by every server in it:
     * the client's JVM instrumentation adds GC listeners it never removes, so registering it per
     * server would keep every server's metrics alive in a JVM that starts many (tests, embedders).
     */
    private static final PrometheusRegistry JVM_METRICS = jvmMetrics();

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter received = counter("telemetry_events_received_total",
            "Events received in upload bodies, by scenario.", "scenario");
    private final Counter stored = counter("telemetry_events_stored_total",
            "Events newly stored, by scenario.", "scenario");
    private final Counter rejected = counter("telemetry_events_rejected_total",
            "Events rejected as invalid, by the request's default scenario when the store holds it.", "scenario");
    private final Counter duplicates = counter("telemetry_events_duplicate_total",
            "Events skipped because their event_id was already stored, by scenario.", "scenario");
    private final Counter requests = counter("telemetry_http_requests_total",
            "HTTP requests answered, by route and status code.", "route", "status");
    private final Counter refused = counter("telemetry_requests_refused_total",
            "Requests refused or failed, by reason (see the module README).", "reason");
    private final Counter slowBodies = counter("telemetry_slow_bodies_total",
            "Request bodies cut off with 408, by cause: below the minimum rate, or past the body timeout.", "cause");
    private final Histogram uploadBytes = histogram("telemetry_upload_request_bytes",
            "Size of upload request bodies as received (before decompression).", BYTES);
    private final Histogram uploadSeconds = histogram("telemetry_upload_duration_seconds",
            "Time from receiving an upload request to completing its answer.", SECONDS);
    private final Histogram fsyncSeconds = histogram("telemetry_store_fsync_duration_seconds",
            "Duration of the store's fsync calls.", FSYNC_SECONDS);
    private final MetricsExposition exposition = new MetricsExposition(registry);
    private Predicate<String> storeHolds = scenario -> false;

    /** Metrics at zero, with the series the module README lists, and the JVM and process metrics. */
    public ServerMetrics() {
        // jvm_* and process_* (open and max file descriptors, memory, GC, threads), so the server's limits can be watched.
        registry.register((MultiCollector) JVM_METRICS::scrape);
        // A labelled family has no lines until its first sample; the reasons are few and known, so each shows from 0.
        for (RefusalReason reason : RefusalReason.values()) {
            refused.labelValues(reason.label());
        }
        slowBodies.labelValues("rate");
        slowBodies.labelValues("timeout");
    }

    /**
     * Adds the store's gauges ({@code telemetry_store_writable}, read at each scrape; the JSONL store's
     * retention counters) and lets rejected events be labelled with scenarios the store holds.
     */
    void watchStore(TelemetryStore store) {
        storeHolds = scenario -> scenario != null && holds(store, scenario);
        gauge("telemetry_store_writable", "1 when the store accepts writes, 0 otherwise.",
                () -> store.health().writable() ? 1 : 0);
        // What the store's bounds did since it opened (see StoreLimits), read at each scrape.
        counterFrom("telemetry_store_scenarios_refused_total", "New scenarios refused at --max-scenarios.",
                () -> store.limitCounters().scenariosRefused());
        gauge("telemetry_store_open_files", "Scenario files open for appending (at most about --max-open-files).",
                () -> store.limitCounters().openFiles());
        counterFrom("telemetry_store_files_closed_idle_total", "Scenario files closed to respect --max-open-files.",
                () -> store.limitCounters().filesClosedIdle());
        counterFrom("telemetry_store_files_reopened_total", "Scenario files reopened after such a close.",
                () -> store.limitCounters().filesReopened());
        counterFrom("telemetry_store_pages_cut_by_bytes_total", "Events pages ended early at --max-page-bytes.",
                () -> store.limitCounters().pagesCutByBytes());
        counterFrom("telemetry_store_deployments_dropped_total",
                "Deployment rows dropped, longest silent first, at --max-deployments.",
                () -> store.limitCounters().deploymentsDropped());
        if (store instanceof JsonlTelemetryStore jsonl) {
            watchRetention(jsonl::retentionStats);
        }
    }

    /** Adds the retention counters, read from {@code stats} at each scrape. */
    void watchRetention(Supplier<RetentionStats> stats) {
        counterFrom("telemetry_retention_rotations_total", "Live files sealed into segments by retention.",
                () -> stats.get().rotations());
        counterFrom("telemetry_retention_segments_compressed_total", "Segments gzip'd by retention.",
                () -> stats.get().segmentsCompressed());
        counterFrom("telemetry_retention_segments_deleted_total", "Segments deleted by the size or age limit.",
                () -> stats.get().segmentsDeleted());
        counterFrom("telemetry_retention_failures_total", "Retention steps that failed with an I/O error.",
                () -> stats.get().failures());
    }

    /**
     * Adds a gauge read at each scrape: how the launcher publishes figures of the store it opened
     * (such as a database pool's) without the HTTP code knowing the store. Call before the server
     * starts; a name may be added once.
     */
    public void storeGauge(String name, String help, DoubleSupplier value) {
        gauge(name, help, value);
    }

    /**
     * Adds a counter whose value the store keeps, read at each scrape (its name ends in
     * {@code _total}); like {@link #storeGauge}, for the launcher.
     */
    public void storeCounter(String name, String help, DoubleSupplier value) {
        counterFrom(name, help, value);
    }

    /** Adds the gauges of the request guards: upload bytes in flight and clients tracked by the rate limits. */
    void watchLimits(LongSupplier inFlightBytes, IntSupplier trackedClients) {
        gauge("telemetry_in_flight_request_bytes", "Upload bytes reserved by requests in flight.",
                inFlightBytes::getAsLong);
        gauge("telemetry_rate_limited_clients", "Clients whose rate-limit buckets are kept.",
                trackedClients::getAsInt);
    }

    /** Counts one body cut off with 408: below the minimum body rate, or past the total body timeout. */
    void recordSlowBody(boolean belowMinimumRate) {
        slowBodies.labelValues(belowMinimumRate ? "rate" : "timeout").inc();
    }

    /** Counts one refused or failed request. */
    void recordRefusal(RefusalReason reason) {
        refused.labelValues(reason.label()).inc();
    }

    /** Counts what one upload did. */
    void recordIngest(IngestResult result, String defaultScenario) {
        for (Map.Entry<String, Integer> e : result.storedByScenario().entrySet()) {
            add(stored, e.getValue(), e.getKey());
            add(received, e.getValue(), e.getKey());
        }
        for (Map.Entry<String, Integer> e : result.duplicatesByScenario().entrySet()) {
            add(duplicates, e.getValue(), e.getKey());
            add(received, e.getValue(), e.getKey());
        }
        if (result.rejected() > 0) {
            String scenario = storeHolds.test(defaultScenario) ? defaultScenario : UNATTRIBUTED;
            add(rejected, result.rejected(), scenario);
            add(received, result.rejected(), scenario);
        }
    }

    void recordUploadBytes(long bytes) {
        uploadBytes.observe(bytes);
    }

    /** Counts one answered request; uploads also feed the latency histogram. */
    void recordRequest(String route, int status, long nanos) {
        requests.labelValues(route, Integer.toString(status)).inc();
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

    /** The exposition in the format the {@code Accept} header asks for (text 0.0.4 by default). */
    MetricsExposition.Answer scrape(String accept) {
        return exposition.write(accept);
    }

    /**
     * Whether {@code store} holds {@code scenario}; false when it cannot say. Asked after the upload's
     * events were stored: a failure here must not turn that upload's answer into an error (a 503
     * that makes the client send again what is already stored).
     */
    private static boolean holds(TelemetryStore store, String scenario) {
        try {
            return store.summary(scenario).isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static PrometheusRegistry jvmMetrics() {
        PrometheusRegistry jvm = new PrometheusRegistry();
        JvmMetrics.builder().register(jvm);
        return jvm;
    }

    private static void add(Counter counter, int n, String label) {
        if (n > 0) {
            counter.labelValues(label).inc(n);
        }
    }

    private Counter counter(String name, String help, String... labelNames) {
        return Counter.builder().name(name).help(help).labelNames(labelNames).register(registry);
    }

    private Histogram histogram(String name, String help, double[] upperBounds) {
        return Histogram.builder().name(name).help(help).classicOnly().classicUpperBounds(upperBounds)
                .register(registry);
    }

    private void gauge(String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble()))
                .register(registry);
    }

    /** A counter whose value another component keeps (read at each scrape). */
    private void counterFrom(String name, String help, DoubleSupplier value) {
        CounterWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble()))
                .register(registry);
    }
}
