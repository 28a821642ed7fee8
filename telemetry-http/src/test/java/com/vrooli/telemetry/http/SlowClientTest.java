package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.testing.Await;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Slow clients on raw sockets are cut off by the header, body and idle timeouts, and other clients
 * are served while they trickle. The timeouts are short here; a trickle would otherwise last
 * minutes, so being cut at all shows the timeout, and no assertion depends on how fast this machine is
 * beyond "not before the timeout".
 */
class SlowClientTest {

    private static final Duration HEADER_TIMEOUT = Duration.ofMillis(600);
    private static final Duration BODY_TIMEOUT = Duration.ofMillis(800);
    private static final Duration IDLE_TIMEOUT = Duration.ofMillis(700);
    private static final long PERIOD_MILLIS = 50;
    /** Bytes still to trickle when a test stops waiting: far more than the timeouts allow. */
    private static final String LONG_TRICKLE = "x".repeat(2000);

    @RegisterExtension
    final ServerExtension server = ServerExtension.inMemory(b -> b.headerTimeout(HEADER_TIMEOUT)
            .bodyTimeout(BODY_TIMEOUT).idleTimeout(IDLE_TIMEOUT));

    @Test
    @DisplayName("headers trickled byte by byte: the connection is closed after the header timeout, with no answer")
    void slowHeaders() throws Exception {
        try (SlowClient slow = new SlowClient(address(), "POST /api/v1/telemetry/upload HTTP/1.1\r\nHost: localhost\r\n",
                "X-Slow: " + LONG_TRICKLE, PERIOD_MILLIS)) {
            assertEquals(200, server.get("/health").status(), "served while the slow client trickles");

            String answer = slow.readUntilClosed();

            assertEquals("", answer);
            assertTrue(slow.elapsedMillis() >= HEADER_TIMEOUT.toMillis(), "cut after " + slow.elapsedMillis() + " ms");
        }
    }

    @Test
    @DisplayName("a body trickled byte by byte: 408 after the body timeout, then the connection is closed")
    void slowBody() throws Exception {
        String head = "POST /api/v1/telemetry/upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-ndjson\r\n"
                + "Content-Length: 100000\r\n\r\n{\"scenario\":\"picker-wheel\",\"event\":\"app_start\",\"details\":{\"pad\":\"";
        try (SlowClient slow = new SlowClient(address(), head, LONG_TRICKLE, PERIOD_MILLIS)) {
            assertEquals(200, server.post("/api/v1/telemetry/upload", "application/x-ndjson",
                    "{\"scenario\":\"picker-wheel\",\"event\":\"ready\"}").status(), "served meanwhile");

            String answer = slow.readUntilClosed();

            assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
            assertTrue(answer.endsWith("{\"status\":\"error\",\"error\":\"the request body did not arrive within 800 ms;"
                    + " send it faster or in smaller batches\"}"), answer);
            assertTrue(slow.elapsedMillis() >= BODY_TIMEOUT.toMillis(), "cut after " + slow.elapsedMillis() + " ms");
        }
        assertEquals(1, server.store().summary("picker-wheel").orElseThrow().totalEvents(), "the slow body stored nothing");
        // Counted once the 408 is sent, which closes its connection: /metrics may answer first.
        Await.until("the timeout refusal to be counted", () -> server.get("/metrics").body()
                .contains("telemetry_requests_refused_total{reason=\"timeout\"} 1.0\n"));
    }

    @Test
    @DisplayName("more trickling bodies than one would like cannot keep other clients out for longer than the body timeout")
    void manySlowClients() throws Exception {
        List<SlowClient> slow = new ArrayList<>();
        String head = "POST /api/v1/telemetry/upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-ndjson\r\n"
                + "Content-Length: 100000\r\n\r\n";
        try {
            for (int i = 0; i < 6; i++) {
                slow.add(new SlowClient(address(), head, LONG_TRICKLE, PERIOD_MILLIS));
                slow.add(new SlowClient(address(), "GET /health HTTP/1.1\r\n", LONG_TRICKLE, PERIOD_MILLIS));
            }
            for (int i = 0; i < 5; i++) {
                assertEquals(200, server.post("/api/v1/telemetry/upload", "application/x-ndjson",
                        "{\"scenario\":\"picker-wheel\",\"event\":\"ready\"}").status());
            }
            for (SlowClient c : slow) {
                c.readUntilClosed();
            }
        } finally {
            for (SlowClient c : slow) {
                c.close();
            }
        }
        assertEquals(5, server.store().summary("picker-wheel").orElseThrow().totalEvents());
    }

    @Test
    @DisplayName("a connection that never sends a request is closed after the idle timeout")
    void idleConnection() throws Exception {
        try (SlowClient idle = new SlowClient(address(), "", "", 60_000)) {
            assertEquals("", idle.readUntilClosed());
            // The server's clock starts when it accepts, a moment before ours: allow that moment.
            assertTrue(idle.elapsedMillis() >= IDLE_TIMEOUT.toMillis() - 50, "cut after " + idle.elapsedMillis() + " ms");
        }
    }

    private InetSocketAddress address() {
        return server.server().address();
    }
}
