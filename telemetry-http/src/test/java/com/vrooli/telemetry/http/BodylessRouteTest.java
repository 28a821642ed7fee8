package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A request that declares a body to a route that takes none is answered without reading it,
 * reserving budget for it or charging its bytes to the client (issue #12 item 1).
 */
class BodylessRouteTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @RegisterExtension
    final ServerExtension server = ServerExtension.inMemory(b -> b.ticker(nanos::get).maxBodyBytes(4096)
            .rateLimits(RateLimits.builder().requestsPerSecond(0).bytesPerSecond(1).byteBurst(4096)
                    .maxInFlightBytes(8192).build()));

    @Test
    @DisplayName("GET /health declaring 4 KiB it never sends: answered at once, connection closed, nothing charged")
    void healthWithDeclaredBody() throws Exception {
        for (int i = 0; i < 3; i++) {
            try (Socket s = new Socket()) {
                s.connect(server.server().address(), 10_000);
                s.setSoTimeout(RawExchange.READ_TIMEOUT_MS);
                // The output side stays open: the server cannot be waiting for an end it will never see.
                s.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4096\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                in.transferTo(answer);
                String text = answer.toString(StandardCharsets.UTF_8);

                assertTrue(text.startsWith("HTTP/1.1 200 "), text);
                assertTrue(text.endsWith("{\"status\":\"ok\",\"store_writable\":true}"), text);
            }
        }
        String metrics = server.get("/metrics").body();
        assertTrue(metrics.contains("telemetry_in_flight_request_bytes 0.0\n"), metrics);
        assertEquals(200, server.post("/api/v1/telemetry/upload", "application/x-ndjson", ByteRateLimitTest.padded(4000))
                .status(), "the 3 x 4096 declared bytes were not charged to the client's 4096-byte bucket");
    }
}
