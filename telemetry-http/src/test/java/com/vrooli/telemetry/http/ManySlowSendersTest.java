package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import com.vrooli.telemetry.testing.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue #12's hostile load on raw sockets: 2,000 connections at once, half of them uploads that
 * stall or trickle their bodies, half {@code GET /health} declaring a body they never send. A good
 * upload and {@code /health} are each answered within 1 s meanwhile, and every hostile connection
 * is released within the body timeouts: stalls by the minimum body rate, trickles by the total
 * body timeout, the health requests at once. The hostile connections are driven by one NIO thread
 * ({@link HostileSenders}), and each good request is timed on its own fresh connection from the
 * test thread, so the figure is the server's.
 */
class ManySlowSendersTest {

    private static final int CONNECTIONS = 2000;
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(8);
    private static final Duration RATE_GRACE = Duration.ofSeconds(4);
    private static final long MIN_RATE = 64;
    private static final long TICK_MILLIS = 250;
    /** 50 bytes a tick: 200 bytes/s, above the minimum rate, so only the total timeout ends a trickle. */
    private static final byte[] TRICKLE = "x".repeat(50).getBytes(StandardCharsets.US_ASCII);
    private static final long BOUND_MILLIS = 1000;
    private static final String GOOD_EVENT = "{\"scenario\":\"good\",\"event\":\"ready\"}";

    @Test
    @DisplayName("2,000 stalling and trickling connections delay neither an upload nor /health by 1 s, and all are released")
    void manyHostileConnections() throws Exception {
        long descriptors = ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getMaxFileDescriptorCount();
        assertTrue(descriptors >= 2 * CONNECTIONS + 1000, "this test holds " + 2 * CONNECTIONS + " sockets in one"
                + " process; raise the open-file limit (ulimit -n " + (2 * CONNECTIONS + 1000) + ") to run it");
        InMemoryTelemetryStore store = InMemoryTelemetryStore.create();
        try (TelemetryServer server = TelemetryServer.builder(store).port(0).bodyTimeout(BODY_TIMEOUT)
                .minBodyRate(MIN_RATE, RATE_GRACE).build().start()) {
            InetSocketAddress address = server.address();
            for (int i = 0; i < 20; i++) {
                // Warm up: the bound is about hostile clients, not the JIT's first compilation.
                timed(address, upload(GOOD_EVENT));
                timed(address, health());
            }
            List<HostileSenders.Conn> conns = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                conns.add(switch (i % 4) {
                    case 0 -> new HostileSenders.Conn(uploadHead(100_000), new byte[0]);
                    case 1 -> new HostileSenders.Conn(uploadHead(100_000), TRICKLE);
                    default -> new HostileSenders.Conn("GET /health HTTP/1.1\r\nHost: localhost\r\n"
                            + "Content-Length: 100000\r\n\r\n", new byte[0]);
                });
            }
            long startNanos = System.nanoTime();
            List<Long> uploads = new ArrayList<>();
            List<Long> healths = new ArrayList<>();
            long openWhileMeasured;
            try (HostileSenders hostile = new HostileSenders(address, conns, TICK_MILLIS)) {
                hostile.start();
                long connected = System.nanoTime();
                // Measure in the steady state the issue describes (2,000 connections held), not while the
                // server is still taking in the burst of 2,000 request heads: once every health request
                // declaring a body has been answered, the heads that came before them have been read.
                Await.until("the health requests declaring a body answered", () -> conns.stream()
                        .filter(c -> c.head.startsWith("GET")).allMatch(HostileSenders.Conn::closed),
                        () -> hostile.closedCount() + " closed");
                for (int i = 0; i < 10; i++) {
                    uploads.add(timed(address, upload(GOOD_EVENT)));
                    healths.add(timed(address, health()));
                }
                openWhileMeasured = CONNECTIONS / 2 - conns.stream().filter(c -> c.head.startsWith("POST"))
                        .filter(HostileSenders.Conn::closed).count();
                long measuredFor = System.nanoTime() - connected;

                Await.until("every hostile connection closed by the server", () -> hostile.closedCount() == CONNECTIONS,
                        () -> hostile.closedCount() + " of " + CONNECTIONS + " closed; driver: " + hostile.failure());
                long releasedAfter = conns.stream().mapToLong(c -> c.closedAtNanos).max().orElseThrow() - startNanos;

                assertTrue(measuredFor < RATE_GRACE.toNanos(), "the good requests were measured while the hostile"
                        + " uploads were held (took " + TimeUnit.NANOSECONDS.toMillis(measuredFor) + " ms)");
                assertTrue(openWhileMeasured >= CONNECTIONS / 4, "hostile uploads open while measured: "
                        + openWhileMeasured);
                assertTrue(uploads.stream().allMatch(ms -> ms < BOUND_MILLIS), "good uploads took (ms) " + uploads);
                assertTrue(healths.stream().allMatch(ms -> ms < BOUND_MILLIS), "/health took (ms) " + healths);
                assertTrue(releasedAfter < BODY_TIMEOUT.toNanos() + TimeUnit.SECONDS.toNanos(10),
                        "released after " + TimeUnit.NANOSECONDS.toMillis(releasedAfter) + " ms");
                for (int i = 0; i < CONNECTIONS; i++) {
                    String answer = conns.get(i).answer();
                    switch (i % 4) {
                        case 0 -> assertTrue(answer.startsWith("HTTP/1.1 408 ") && answer.contains("slower than the"
                                + " minimum of 64 bytes/s"), "a stalled upload: " + answer);
                        case 1 -> assertTrue(answer.startsWith("HTTP/1.1 408 ") && answer.contains("did not arrive"
                                + " within 8 s"), "a trickled upload: " + answer);
                        default -> assertTrue(answer.startsWith("HTTP/1.1 200 "), "a health request: " + answer);
                    }
                }
            }
            String metrics = timedAnswer(address, "GET /metrics HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertTrue(metrics.contains("telemetry_slow_bodies_total{cause=\"rate\"} 500.0\n"), metrics);
            assertTrue(metrics.contains("telemetry_slow_bodies_total{cause=\"timeout\"} 500.0\n"), metrics);
            assertTrue(metrics.contains("telemetry_in_flight_request_bytes 0.0\n"), metrics);
            assertEquals(30, store.summary("good").orElseThrow().totalEvents(), "every good upload was stored");
            System.out.printf("ManySlowSendersTest: good uploads %s ms, /health %s ms, %d hostile uploads open while"
                    + " measured%n", uploads, healths, openWhileMeasured);
        }
    }

    private static String uploadHead(int declared) {
        return "POST /api/v1/telemetry/upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-ndjson\r\n"
                + "Content-Length: " + declared + "\r\n\r\n";
    }

    private static String upload(String body) {
        return "POST /api/v1/telemetry/upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-ndjson\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
    }

    private static String health() {
        return "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    }

    /** Milliseconds from connecting to the whole answer, on a fresh connection; the answer must be a 200. */
    private static long timed(InetSocketAddress address, String request) throws IOException {
        long start = System.nanoTime();
        String answer = timedAnswer(address, request);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
        return millis;
    }

    private static String timedAnswer(InetSocketAddress address, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(address, 10_000);
            s.setSoTimeout(30_000);
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}
