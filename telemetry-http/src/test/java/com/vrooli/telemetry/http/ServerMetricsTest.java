package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Our series as the server publishes them before any request: names, types and buckets. Labelled
 * families other than the refusal reasons appear with their first sample (see HealthAndMetricsTest).
 */
class ServerMetricsTest {

    @Test
    @DisplayName("every telemetry_ family is published from the start, with its type and buckets")
    void families() {
        ServerMetrics metrics = new ServerMetrics();
        metrics.watchStore(InMemoryTelemetryStore.create());
        metrics.watchLimits(() -> 42, () -> 3);
        metrics.recordFsync(2_000_000);

        String text = new String(metrics.scrape(null).body(), StandardCharsets.UTF_8);
        String ours = Arrays.stream(text.split("\n")).filter(l -> l.contains(" telemetry_") || l.startsWith("telemetry_"))
                .filter(l -> !l.startsWith("# HELP")).collect(Collectors.joining("\n", "", "\n"));

        assertEquals("# TYPE telemetry_in_flight_request_bytes gauge\n"
                + "telemetry_in_flight_request_bytes 42.0\n"
                + "# TYPE telemetry_rate_limited_clients gauge\n"
                + "telemetry_rate_limited_clients 3.0\n"
                + "# TYPE telemetry_requests_refused_total counter\n"
                + "telemetry_requests_refused_total{reason=\"forbidden\"} 0.0\n"
                + "telemetry_requests_refused_total{reason=\"internal_error\"} 0.0\n"
                + "telemetry_requests_refused_total{reason=\"malformed\"} 0.0\n"
                + "telemetry_requests_refused_total{reason=\"method_not_allowed\"} 0.0\n"
                + "telemetry_requests_refused_total{reason=\"not_found\"} 0.0\n"
                + "telemetry_requests_refused_total{reason=\"other\"} 0.0\n"
                + "telemetry_requests_refused_total{reason=\"overloaded\"} 0.0\n"
                + "telemetry_requests_refused_total{reason=\"rate_limited\"} 0.0\n"
                + "telemetry_requests_refused_total{reason=\"timeout\"} 0.0\n"
                + "telemetry_requests_refused_total{reason=\"too_large\"} 0.0\n"
                + "telemetry_requests_refused_total{reason=\"unauthorized\"} 0.0\n"
                + "telemetry_requests_refused_total{reason=\"unavailable\"} 0.0\n"
                + "telemetry_requests_refused_total{reason=\"unsupported_media_type\"} 0.0\n"
                + "# TYPE telemetry_slow_bodies_total counter\n"
                + "telemetry_slow_bodies_total{cause=\"rate\"} 0.0\n"
                + "telemetry_slow_bodies_total{cause=\"timeout\"} 0.0\n"
                + "# TYPE telemetry_store_deployments_dropped_total counter\n"
                + "telemetry_store_deployments_dropped_total 0.0\n"
                + "# TYPE telemetry_store_files_closed_idle_total counter\n"
                + "telemetry_store_files_closed_idle_total 0.0\n"
                + "# TYPE telemetry_store_files_reopened_total counter\n"
                + "telemetry_store_files_reopened_total 0.0\n"
                + "# TYPE telemetry_store_fsync_duration_seconds histogram\n"
                + "telemetry_store_fsync_duration_seconds_bucket{le=\"1.0E-4\"} 0\n"
                + "telemetry_store_fsync_duration_seconds_bucket{le=\"2.5E-4\"} 0\n"
                + "telemetry_store_fsync_duration_seconds_bucket{le=\"5.0E-4\"} 0\n"
                + "telemetry_store_fsync_duration_seconds_bucket{le=\"0.001\"} 0\n"
                + "telemetry_store_fsync_duration_seconds_bucket{le=\"0.0025\"} 1\n"
                + "telemetry_store_fsync_duration_seconds_bucket{le=\"0.005\"} 1\n"
                + "telemetry_store_fsync_duration_seconds_bucket{le=\"0.01\"} 1\n"
                + "telemetry_store_fsync_duration_seconds_bucket{le=\"0.025\"} 1\n"
                + "telemetry_store_fsync_duration_seconds_bucket{le=\"0.05\"} 1\n"
                + "telemetry_store_fsync_duration_seconds_bucket{le=\"0.1\"} 1\n"
                + "telemetry_store_fsync_duration_seconds_bucket{le=\"0.25\"} 1\n"
                + "telemetry_store_fsync_duration_seconds_bucket{le=\"0.5\"} 1\n"
                + "telemetry_store_fsync_duration_seconds_bucket{le=\"1.0\"} 1\n"
                + "telemetry_store_fsync_duration_seconds_bucket{le=\"+Inf\"} 1\n"
                + "telemetry_store_fsync_duration_seconds_count 1\n"
                + "telemetry_store_fsync_duration_seconds_sum 0.002\n"
                + "# TYPE telemetry_store_open_files gauge\n"
                + "telemetry_store_open_files 0.0\n"
                + "# TYPE telemetry_store_pages_cut_by_bytes_total counter\n"
                + "telemetry_store_pages_cut_by_bytes_total 0.0\n"
                + "# TYPE telemetry_store_scenarios_refused_total counter\n"
                + "telemetry_store_scenarios_refused_total 0.0\n"
                + "# TYPE telemetry_store_writable gauge\n"
                + "telemetry_store_writable 1.0\n"
                + "# TYPE telemetry_upload_duration_seconds histogram\n"
                + "telemetry_upload_duration_seconds_bucket{le=\"0.001\"} 0\n"
                + "telemetry_upload_duration_seconds_bucket{le=\"0.0025\"} 0\n"
                + "telemetry_upload_duration_seconds_bucket{le=\"0.005\"} 0\n"
                + "telemetry_upload_duration_seconds_bucket{le=\"0.01\"} 0\n"
                + "telemetry_upload_duration_seconds_bucket{le=\"0.025\"} 0\n"
                + "telemetry_upload_duration_seconds_bucket{le=\"0.05\"} 0\n"
                + "telemetry_upload_duration_seconds_bucket{le=\"0.1\"} 0\n"
                + "telemetry_upload_duration_seconds_bucket{le=\"0.25\"} 0\n"
                + "telemetry_upload_duration_seconds_bucket{le=\"0.5\"} 0\n"
                + "telemetry_upload_duration_seconds_bucket{le=\"1.0\"} 0\n"
                + "telemetry_upload_duration_seconds_bucket{le=\"2.5\"} 0\n"
                + "telemetry_upload_duration_seconds_bucket{le=\"5.0\"} 0\n"
                + "telemetry_upload_duration_seconds_bucket{le=\"10.0\"} 0\n"
                + "telemetry_upload_duration_seconds_bucket{le=\"+Inf\"} 0\n"
                + "telemetry_upload_duration_seconds_count 0\n"
                + "telemetry_upload_duration_seconds_sum 0.0\n"
                + "# TYPE telemetry_upload_request_bytes histogram\n"
                + "telemetry_upload_request_bytes_bucket{le=\"1024.0\"} 0\n"
                + "telemetry_upload_request_bytes_bucket{le=\"4096.0\"} 0\n"
                + "telemetry_upload_request_bytes_bucket{le=\"16384.0\"} 0\n"
                + "telemetry_upload_request_bytes_bucket{le=\"65536.0\"} 0\n"
                + "telemetry_upload_request_bytes_bucket{le=\"262144.0\"} 0\n"
                + "telemetry_upload_request_bytes_bucket{le=\"1048576.0\"} 0\n"
                + "telemetry_upload_request_bytes_bucket{le=\"4194304.0\"} 0\n"
                + "telemetry_upload_request_bytes_bucket{le=\"1.6777216E7\"} 0\n"
                + "telemetry_upload_request_bytes_bucket{le=\"+Inf\"} 0\n"
                + "telemetry_upload_request_bytes_count 0\n"
                + "telemetry_upload_request_bytes_sum 0.0\n", ours);
    }
}
