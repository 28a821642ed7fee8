package com.vrooli.telemetry.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.testing.Await;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The global budget of upload bytes in flight: past it, 503 with Retry-After; released when uploads finish. */
class InFlightBudgetTest {

    private static final String UPLOAD = "/api/v1/telemetry/upload";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    @DisplayName("an upload that would pass the in-flight budget gets 503 with Retry-After; the budget frees up after")
    void budget() throws Exception {
        GateStore gate = new GateStore();
        // The budget holds exactly one largest upload: a 4 KiB body, or a gzip body and its 4 KiB decompressed.
        try (TelemetryServer server = TelemetryServer.builder(gate).port(0).maxBodyBytes(4096)
                .rateLimits(RateLimits.builder().maxInFlightBytes(8192).build()).build().start()) {
            byte[] gzipped = ServerExtension.gzip(ByteRateLimitTest.padded(2000));
            CompletableFuture<HttpResponse<String>> held = client.sendAsync(upload(server, gzipped, true),
                    HttpResponse.BodyHandlers.ofString(UTF_8));
            gate.awaitHeldAppend();
            try {
                HttpResponse<String> refused = send(upload(server, ByteRateLimitTest.padded(4090), false));
                HttpResponse<String> health = send(HttpRequest.newBuilder(server.uri().resolve("/health")).build());
                String metrics = send(HttpRequest.newBuilder(server.uri().resolve("/metrics")).build()).body();

                assertEquals(503, refused.statusCode());
                assertEquals("1", refused.headers().firstValue("Retry-After").orElseThrow());
                assertEquals("{\"status\":\"error\",\"error\":\"the server is receiving too many uploads at once;"
                        + " retry after 1 s\"}", refused.body());
                assertEquals(200, health.statusCode(), "requests without a body need no budget");
                assertTrue(metrics.contains("telemetry_in_flight_request_bytes " + (gzipped.length + 4096) + ".0\n"),
                        metrics);
                assertTrue(metrics.contains("telemetry_requests_refused_total{reason=\"overloaded\"} 1.0\n"), metrics);
            } finally {
                gate.open();
            }
            assertEquals(200, held.get(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS).statusCode());
            assertEquals(200, send(upload(server, ByteRateLimitTest.padded(4090), false)).statusCode(),
                    "the budget is released when an upload completes");
        } finally {
            gate.close();
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
    }

    private static HttpRequest upload(TelemetryServer s, byte[] body, boolean gzip) {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.uri().resolve(UPLOAD))
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (gzip) {
            b.header("Content-Encoding", "gzip");
        }
        return b.build();
    }
}
