package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.DocumentExamples;
import com.vrooli.telemetry.testing.Await;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link TelemetryServer#close()} refuses new work, lets in-flight uploads finish, then stops. */
class GracefulShutdownTest {

    @Test
    @DisplayName("close waits for an in-flight upload, answers 503 meanwhile, then stops listening")
    void inFlightUploadFinishes() throws Exception {
        GateStore store = new GateStore();
        TelemetryServer server = TelemetryServer.builder(store).port(0).build().start();
        InetSocketAddress address = server.address();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (RawHttpConnection open = new RawHttpConnection(address)) {
            assertEquals(200, open.get("/health").status());
            CompletableFuture<HttpResponse<String>> upload = client.sendAsync(
                    HttpRequest.newBuilder(server.uri().resolve("/api/v1/telemetry/upload"))
                            .header("Content-Type", "application/x-ndjson")
                            .POST(HttpRequest.BodyPublishers.ofString(DocumentExamples.NDJSON))
                            .build(), HttpResponse.BodyHandlers.ofString());
            store.awaitHeldAppend();

            Thread closer = new Thread(server::close, "closer");
            closer.start();
            RawHttpConnection.Response refused = awaitRefusal(open);

            assertEquals("{\"status\":\"error\",\"error\":\"the server is shutting down or overloaded; retry later\"}",
                    refused.body());
            assertEquals("5", refused.headers().get("retry-after"));
            assertTrue(closer.isAlive(), "close() waits while the upload is in flight");

            store.open();
            HttpResponse<String> answer = upload.get(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS);
            closer.join(Await.DEADLINE.toMillis());

            assertFalse(closer.isAlive(), "close() returned once the upload finished");
            assertEquals(200, answer.statusCode());
            assertEquals(DocumentExamples.ACCEPTED_ANSWER, answer.body());
            assertEquals(2, store.summary("picker-wheel").orElseThrow().totalEvents());
        } finally {
            server.close();
            store.close();
        }
        assertThrows(ConnectException.class, () -> new Socket().connect(address, 10_000));
    }

    @Test
    @DisplayName("close is idempotent and works on a server that never started")
    void closeTwice() {
        GateStore store = new GateStore();
        TelemetryServer unstarted = TelemetryServer.builder(store).port(0).build();
        unstarted.close();
        unstarted.close();
        TelemetryServer started = TelemetryServer.builder(store).port(0).build().start();
        started.close();
        started.close();
        assertThrows(IllegalStateException.class, started::start);
    }

    private static RawHttpConnection.Response awaitRefusal(RawHttpConnection open) {
        RawHttpConnection.Response[] last = new RawHttpConnection.Response[1];
        Await.until("the server to refuse new requests", () -> {
            try {
                last[0] = open.get("/health");
            } catch (IOException e) {
                throw new AssertionError("the open connection broke instead of answering 503", e);
            }
            return last[0].status() == 503;
        });
        return last[0];
    }
}
