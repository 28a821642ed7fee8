package com.vrooli.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import com.vrooli.telemetry.http.ApiTokens;
import com.vrooli.telemetry.http.RateLimits;
import com.vrooli.telemetry.http.TelemetryServer;
import com.vrooli.telemetry.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against the real telemetry server with API tokens: the right token uploads; a missing
 * or wrong one (401) and a scenario the token may not write (403) keep the events in the file and
 * are retried with backoff (a token being rotated must not cost events), and a restart with the
 * right token uploads them once; the manifest's token file is used.
 */
@Timeout(60)
class TokenAuthIntegrationTest {

    private static final String SCENARIO = "picker-wheel";
    private static final String PICKER_TOKEN = "upload-picker-0123456789abcdef";
    private static final String OTHER_TOKEN = "upload-other-0123456789abcdef";
    private static final String READ_TOKEN = "read-0123456789abcdef";

    @TempDir
    Path dir;

    private final InMemoryTelemetryStore store = InMemoryTelemetryStore.create();
    private TelemetryServer server;

    @BeforeEach
    void startServer() {
        server = TelemetryServer.builder(store).port(0).rateLimits(RateLimits.off())
                .tokens(ApiTokens.builder().upload(PICKER_TOKEN, "picker-*").upload(OTHER_TOKEN, "other-*")
                        .read(READ_TOKEN).build())
                .build().start();
    }

    @AfterEach
    void stopServer() {
        server.close();
        store.close();
    }

    @Test
    @DisplayName("the right token: every event is stored")
    void rightToken() {
        try (TelemetryClient client = client(PICKER_TOKEN)) {
            record(client, 3);
            assertTrue(client.flush(Duration.ofSeconds(30)));

            assertEquals(3, client.stats().uploaded());
            assertEquals(0, client.stats().rejected());
        }
        assertEquals(3, store.summary(SCENARIO).orElseThrow().totalEvents());
    }

    @Test
    @DisplayName("no token: 401, the events stay in the file and the batch is retried")
    void noToken() throws Exception {
        assertRefused(null, 401);
    }

    @Test
    @DisplayName("a wrong token: 401, kept and retried")
    void wrongToken() throws Exception {
        assertRefused("not-a-valid-token-0123456789", 401);
    }

    @Test
    @DisplayName("a token for other scenarios: 403, kept and retried, nothing stored")
    void forbiddenScenario() throws Exception {
        assertRefused(OTHER_TOKEN, 403);
    }

    @Test
    @DisplayName("the token named by the bundle manifest's token_file is sent")
    void tokenFromManifest() throws Exception {
        Path appData = Files.createDirectories(dir.resolve("app"));
        Files.writeString(appData.resolve("upload.token"), PICKER_TOKEN + "\n");
        Path bundle = dir.resolve("bundle.json");
        Files.writeString(bundle, "{\"app\":{\"name\":\"" + SCENARIO + "\",\"version\":\"1.0.0\"},"
                + "\"telemetry\":{\"file\":\"telemetry/t.jsonl\",\"upload_to\":\"" + uploadUri() + "\","
                + "\"token_file\":\"upload.token\"}}");

        try (TelemetryClient client = fast(TelemetryClient.builderFromBundle(bundle, appData)).build()) {
            record(client, 2);
            assertTrue(client.flush(Duration.ofSeconds(30)));
            assertEquals(2, client.stats().uploaded());
        }
        assertEquals(2, store.summary(SCENARIO).orElseThrow().totalEvents());
    }

    @Test
    @DisplayName("a wrong token, then a restart with the right one: the kept events are uploaded once")
    void wrongTokenThenRestartWithTheRightOne() throws Exception {
        try (TelemetryClient client = client("not-a-valid-token-0123456789")) {
            record(client, 3);
            client.flush(Duration.ofMillis(1));
            Await.until("the 401 was answered", () -> client.stats().failedUploads() >= 1);
        }
        assertTrue(store.summaries().isEmpty(), "nothing stored");
        assertEquals(3, SpoolFiles.events(dir.resolve("spool.jsonl")).size(), "the events are still in the file");

        try (TelemetryClient client = client(PICKER_TOKEN)) {
            assertTrue(client.flush(Duration.ofSeconds(30)));
            assertEquals(3, client.stats().uploaded());
            assertEquals(0, client.stats().duplicates());
        }
        assertEquals(3, store.summary(SCENARIO).orElseThrow().totalEvents());
    }

    private void assertRefused(String token, int status) throws Exception {
        try (TelemetryClient client = client(token)) {
            record(client, 3);
            assertFalse(client.flush(Duration.ofMillis(1)), "a refusal does not judge the events");
            Await.until("the refused batch was retried", () -> client.stats().failedUploads() >= 2);

            ClientStats stats = client.stats();
            assertEquals(0, stats.rejected());
            assertEquals(0, stats.uploaded());
            assertEquals(3, stats.pending(), "the events wait in the file");
        }
        assertTrue(store.summaries().isEmpty(), "nothing stored");
        String metrics = metrics();
        assertTrue(metrics.contains("route=\"upload\",status=\"" + status + "\""), metrics);
        String reason = status == 401 ? "unauthorized" : "forbidden";
        // Every reason is listed from 0, so the count must have moved (retries may add more than one).
        assertTrue(sample(metrics, "telemetry_requests_refused_total{reason=\"" + reason + "\"}") >= 1, metrics);
    }

    private static double sample(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1))).findFirst().orElse(0);
    }

    private TelemetryClient client(String token) {
        TelemetryClientBuilder b = fast(TelemetryClient.builder().scenario(SCENARIO)
                .spoolFile(dir.resolve("spool.jsonl")).uploadTo(uploadUri()));
        if (token != null) {
            b.authToken(token);
        }
        return b.build();
    }

    /** Uploads only on flush (one batch), retries within milliseconds, no shutdown hook. */
    private static TelemetryClientBuilder fast(TelemetryClientBuilder b) {
        return b.uploadInterval(Duration.ofHours(1))
                .backoff(Duration.ofMillis(10), Duration.ofMillis(100))
                .requestTimeout(Duration.ofSeconds(10))
                .connectTimeout(Duration.ofSeconds(2))
                .closeTimeout(Duration.ofSeconds(10))
                .closeOnShutdown(false)
                .fsync(false);
    }

    private static void record(TelemetryClient client, int n) {
        for (int i = 0; i < n; i++) {
            client.record("step_" + i);
        }
    }

    private URI uploadUri() {
        return server.uri().resolve("/api/v1/telemetry/upload");
    }

    private String metrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri().resolve("/metrics"))
                .header("Authorization", "Bearer " + READ_TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
