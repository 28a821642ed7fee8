package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The exposition text, line for line. */
class PrometheusRegistryTest {

    @Test
    @DisplayName("counters, histograms and gauges are written in the text format 0.0.4")
    void exposition() {
        PrometheusRegistry r = new PrometheusRegistry();
        Counter c = r.counter("jobs_total", "Jobs done.", "queue", "result");
        Histogram h = r.histogram("latency_seconds", "Latency.", new double[] {0.005, 0.1, 1});
        r.gauge("up", "1 when up.", () -> 1);
        Counter plain = r.counter("restarts_total", "Restarts.");
        c.inc("b", "ok");
        c.add(3, "a", "fail");
        c.inc("a", "fail");
        h.observe(0.001);
        h.observe(0.1);
        h.observe(7);

        assertEquals("# HELP jobs_total Jobs done.\n"
                + "# TYPE jobs_total counter\n"
                + "jobs_total{queue=\"a\",result=\"fail\"} 4\n"
                + "jobs_total{queue=\"b\",result=\"ok\"} 1\n"
                + "# HELP latency_seconds Latency.\n"
                + "# TYPE latency_seconds histogram\n"
                + "latency_seconds_bucket{le=\"0.005\"} 1\n"
                + "latency_seconds_bucket{le=\"0.1\"} 2\n"
                + "latency_seconds_bucket{le=\"1\"} 2\n"
                + "latency_seconds_bucket{le=\"+Inf\"} 3\n"
                + "latency_seconds_sum 7.101\n"
                + "latency_seconds_count 3\n"
                + "# HELP up 1 when up.\n"
                + "# TYPE up gauge\n"
                + "up 1\n"
                + "# HELP restarts_total Restarts.\n"
                + "# TYPE restarts_total counter\n"
                + "restarts_total 0\n", r.scrape());
        assertEquals(0, plain.value());
    }

    @Test
    @DisplayName("label values are escaped")
    void escaping() {
        PrometheusRegistry r = new PrometheusRegistry();
        r.counter("x_total", "X.", "v").inc("a\"b\\c\nd");

        assertEquals("# HELP x_total X.\n# TYPE x_total counter\nx_total{v=\"a\\\"b\\\\c\\nd\"} 1\n", r.scrape());
    }

    @Test
    @DisplayName("names are checked and registered once")
    void names() {
        PrometheusRegistry r = new PrometheusRegistry();
        r.counter("a_total", "A.");

        assertThrows(IllegalArgumentException.class, () -> r.counter("a_total", "again"));
        assertThrows(IllegalArgumentException.class, () -> r.counter("bad-name", "B."));
        assertThrows(IllegalArgumentException.class, () -> r.counter("c_total", "C.", "l").inc());
    }
}
