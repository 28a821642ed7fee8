package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import com.vrooli.telemetry.core.IngestService;
import com.vrooli.telemetry.testing.Await;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An upload is ingested on a worker and answered from the connection's IO thread, so that
 * Undertow ends the exchange there: ended on the worker, it re-arms the connection's reads under
 * a flag the IO thread spins on while the client's next request waits (see
 * {@link Responses#jsonFromIoThread}).
 */
class UploadAnswerThreadTest {

    private final InMemoryTelemetryStore store = InMemoryTelemetryStore.create();
    /** For each finished exchange: whether Undertow ended it on the connection's IO thread. */
    private final List<Boolean> endedOnIoThread = new CopyOnWriteArrayList<>();
    private Undertow undertow;

    @BeforeEach
    void start() {
        ServerMetrics metrics = new ServerMetrics();
        UploadLimits limits = new UploadLimits(1 << 20, 1 << 20, 64 * 1024);
        UploadHandler upload = new UploadHandler(new BodyReceiver(limits, BodyTimeouts.defaults(), metrics),
                IngestService.create(store, Clock.systemUTC()), metrics, limits, false);
        undertow = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(exchange -> {
                    exchange.addExchangeCompleteListener((ex, next) -> {
                        endedOnIoThread.add(ex.isInIoThread());
                        next.proceed();
                    });
                    upload.handleRequest(exchange);
                })
                .build();
        undertow.start();
    }

    @AfterEach
    void stop() {
        undertow.stop();
    }

    @Test
    @DisplayName("uploads on one keep-alive connection are each answered in full and ended on the IO thread")
    void answeredFromTheIoThread() throws Exception {
        InetSocketAddress address = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
        try (RawHttpConnection connection = new RawHttpConnection(address)) {
            for (int i = 0; i < 3; i++) {
                byte[] body = ("[{\"scenario\":\"alpha\",\"event\":\"app_start\",\"timestamp\":\"2025-01-15T12:00:0" + i
                        + "Z\",\"event_id\":\"id-" + i + "\"}]").getBytes(StandardCharsets.UTF_8);
                RawHttpConnection.Response answer = connection.post("/api/v1/telemetry/upload", "application/json",
                        body);
                assertEquals(200, answer.status(), answer.body());
                assertEquals("{\"status\":\"accepted\",\"events_received\":1,\"events_stored\":1}", answer.body());
                assertEquals("application/json", answer.headers().get("content-type"));
            }
        }
        assertEquals(3, store.summary("alpha").orElseThrow().totalEvents());
        Await.until("three exchanges ended", () -> endedOnIoThread.size() == 3, () -> endedOnIoThread);
        assertEquals(List.of(true, true, true), endedOnIoThread);
    }

    @Test
    @DisplayName("an upload whose events are all invalid is still answered with 400 from the IO thread")
    void rejectedFromTheIoThread() throws Exception {
        InetSocketAddress address = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
        try (RawHttpConnection connection = new RawHttpConnection(address)) {
            RawHttpConnection.Response answer = connection.post("/api/v1/telemetry/upload", "application/json",
                    "[{\"scenario\":\"../etc\",\"event\":\"app_start\"}]".getBytes(StandardCharsets.UTF_8));
            assertEquals(400, answer.status(), answer.body());
            assertTrue(answer.body().startsWith("{\"status\":\"rejected\""), answer.body());
            RawHttpConnection.Response next = connection.post("/api/v1/telemetry/upload", "application/json",
                    "[{\"scenario\":\"alpha\",\"event\":\"app_start\"}]".getBytes(StandardCharsets.UTF_8));
            assertEquals(200, next.status(), next.body());
        }
        Await.until("two exchanges ended", () -> endedOnIoThread.size() == 2, () -> endedOnIoThread);
        assertEquals(List.of(true, true), endedOnIoThread);
    }
}
