package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What {@code /metrics} answers: JVM and process series, and the formats a scraper may ask for. */
class MetricsExpositionTest {

    private static final String TEXT_0_0_4 = "text/plain; version=0.0.4; charset=utf-8";

    @RegisterExtension
    final ServerExtension server = ServerExtension.inMemory();

    @Test
    @DisplayName("JVM and process metrics are published: descriptors, memory, GC, threads")
    void jvmAndProcess() {
        String text = server.get("/metrics").body();

        for (String family : new String[] {"process_open_fds gauge", "process_max_fds gauge",
                "process_resident_memory_bytes gauge", "process_cpu_seconds_total counter",
                "jvm_memory_used_bytes gauge", "jvm_gc_collection_seconds summary", "jvm_threads_current gauge"}) {
            assertTrue(text.contains("# TYPE " + family + "\n"), () -> family + " in\n" + text);
        }
        assertTrue(text.contains("jvm_memory_used_bytes{area=\"heap\"} "), text);
    }

    @Test
    @DisplayName("curl and Prometheus' text format get text 0.0.4")
    void textFormat() {
        for (String accept : new String[] {null, "*/*", "text/plain;version=0.0.4;q=1,*/*;q=0.1",
                "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited"}) {
            ServerExtension.Answer a = get(accept);

            assertEquals(200, a.status());
            assertEquals(TEXT_0_0_4, a.header("Content-Type"), accept);
            assertTrue(a.body().contains("# TYPE telemetry_requests_refused_total counter\n"), a.body());
        }
    }

    @Test
    @DisplayName("a scraper that asks for OpenMetrics gets OpenMetrics")
    void openMetrics() {
        ServerExtension.Answer a = get("application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");

        assertEquals(200, a.status());
        assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8", a.header("Content-Type"));
        assertTrue(a.body().contains("# TYPE telemetry_requests_refused counter\n"), a.body());
        assertTrue(a.body().endsWith("# EOF\n"), a.body());
    }

    private ServerExtension.Answer get(String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/metrics"));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return server.send(b);
    }
}
