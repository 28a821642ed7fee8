package com.vrooli.telemetry.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The per-client byte bucket, with the request limit off; time is a stepped ticker. */
class ByteRateLimitTest {

    private static final String EVENT = "{\"scenario\":\"picker-wheel\",\"event\":\"app_start\"}";
    private static final String UPLOAD = "/api/v1/telemetry/upload";

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @RegisterExtension
    final ServerExtension server = ServerExtension.inMemory(b -> b.ticker(nanos::get).maxBodyBytes(4096)
            .rateLimits(RateLimits.builder().requestsPerSecond(0).bytesPerSecond(1000).byteBurst(5000).build()));

    @Test
    @DisplayName("declared body bytes drain the client's byte bucket; bodiless requests cost nothing")
    void byteBucket() {
        byte[] body = padded(3000);
        assertEquals(200, upload(body).status());
        ServerExtension.Answer limited = upload(body);

        assertEquals(429, limited.status());
        assertEquals("1", limited.header("Retry-After"));
        for (int i = 0; i < 20; i++) {
            assertEquals(200, server.get("/health").status(), "bodiless requests cost no bytes");
        }
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertEquals(200, upload(body).status());
    }

    @Test
    @DisplayName("a chunked body is charged once read, so the next request waits for it")
    void chunkedBodyIsChargedAfterwards() {
        ServerExtension.Answer chunked = server.send(HttpRequest.newBuilder(server.uri(UPLOAD))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(padded(4000)))));
        assertEquals(200, chunked.status(), chunked.body());

        assertEquals(429, upload(padded(2000)).status(), "4000 of 5000 bytes were spent by the chunked body");
    }

    @Test
    @DisplayName("a byte burst smaller than the body limit is refused when the server is built")
    void burstMustHoldOneBody() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TelemetryServer.builder(server.store()).maxBodyBytes(8192)
                        .rateLimits(RateLimits.builder().byteBurst(4096).build()).build());
        assertEquals("the byte burst (4096 bytes) must hold the largest body (8192 bytes)", e.getMessage());
    }

    private ServerExtension.Answer upload(byte[] body) {
        return server.post(UPLOAD, "application/x-ndjson", body);
    }

    /** One valid event padded with spaces to {@code size} bytes of NDJSON. */
    static byte[] padded(int size) {
        StringBuilder b = new StringBuilder(EVENT);
        while (b.length() < size) {
            b.append(' ');
        }
        return b.toString().getBytes(UTF_8);
    }
}
