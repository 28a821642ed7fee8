package com.vrooli.telemetry.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.vrooli.telemetry.testing.Await;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A running server's tokens are replaced at once (issue #12 item 7): an upload in flight across a
 * replacement that removes its token still completes, and authentication cannot be switched on or
 * off while running. Reloading from files and SIGHUP is the launcher's ({@code telemetry-cli}).
 */
class TokenReplaceTest {

    private static final String OLD = "old-upload-token-0123456789";
    private static final String NEW = "new-upload-token-0123456789";
    private static final String EVENT = "{\"scenario\":\"picker-wheel\",\"event\":\"app_start\"}";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private int upload(TelemetryServer server, String token) throws Exception {
        return client.send(request(server, token), HttpResponse.BodyHandlers.ofString(UTF_8)).statusCode();
    }

    private static HttpRequest request(TelemetryServer server, String token) {
        return HttpRequest.newBuilder(server.uri().resolve("/api/v1/telemetry/upload"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(EVENT)).build();
    }

    @Test
    @DisplayName("an upload in flight when its token is removed completes; the next one with that token is 401")
    void inFlight() throws Exception {
        GateStore store = new GateStore();
        try (TelemetryServer server = TelemetryServer.builder(store).port(0)
                .tokens(ApiTokens.builder().upload(OLD).build()).build().start()) {
            CompletableFuture<HttpResponse<String>> held = client.sendAsync(request(server, OLD),
                    HttpResponse.BodyHandlers.ofString(UTF_8));
            store.awaitHeldAppend();

            server.replaceTokens(ApiTokens.builder().upload(NEW).build());
            store.open();

            HttpResponse<String> answer = held.get(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals(401, upload(server, OLD));
            assertEquals(200, upload(server, NEW));
        } finally {
            store.close();
        }
    }

    @Test
    @DisplayName("authentication cannot be turned off or on by a reload")
    void modeIsFixed() {
        GateStore store = new GateStore();
        store.open();
        try (TelemetryServer withTokens = TelemetryServer.builder(store).port(0)
                .tokens(ApiTokens.builder().upload(OLD).build()).build();
             TelemetryServer without = TelemetryServer.builder(store).port(0).build()) {
            assertThrows(IllegalArgumentException.class, () -> withTokens.replaceTokens(ApiTokens.none()));
            assertThrows(IllegalArgumentException.class,
                    () -> without.replaceTokens(ApiTokens.builder().upload(NEW).build()));
            without.replaceTokens(ApiTokens.none());
        } finally {
            store.close();
        }
    }
}
