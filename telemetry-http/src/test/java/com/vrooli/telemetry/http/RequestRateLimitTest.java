package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The per-client request bucket answers 429 with Retry-After; time is a stepped ticker, never a wait. */
class RequestRateLimitTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @RegisterExtension
    final ServerExtension server = ServerExtension.inMemory(b -> b.ticker(nanos::get)
            .rateLimits(RateLimits.builder().requestsPerSecond(0.5).requestBurst(3).build()));

    @Test
    @DisplayName("past its burst a client gets 429 with Retry-After until its bucket refills")
    void burstThenRetryAfter() {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, server.get("/health").status());
        }
        ServerExtension.Answer limited = server.get("/api/v1/telemetry");

        assertEquals(429, limited.status());
        assertEquals("2", limited.header("Retry-After"));
        assertEquals("{\"status\":\"error\",\"error\":\"too many requests from this client; retry after 2 s\"}",
                limited.body());

        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1500));
        assertEquals("1", server.get("/health").header("Retry-After"), "half a second still to wait, rounded up");
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
        assertEquals(200, server.get("/health").status());
        assertEquals(429, server.get("/health").status());
    }

    @Test
    @DisplayName("a refused request is counted as rate_limited and under the route it asked for")
    void counted() {
        for (int i = 0; i < 4; i++) {
            server.get("/api/v1/telemetry");
        }
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));
        String metrics = server.get("/metrics").body();

        assertTrue(metrics.contains("telemetry_requests_refused_total{reason=\"rate_limited\"} 1.0\n"), metrics);
        assertTrue(metrics.contains("telemetry_http_requests_total{route=\"summaries\",status=\"429\"} 1.0\n"), metrics);
        assertTrue(metrics.contains("telemetry_rate_limited_clients 1.0\n"), metrics);
    }
}
