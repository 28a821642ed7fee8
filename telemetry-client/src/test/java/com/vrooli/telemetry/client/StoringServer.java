package com.vrooli.telemetry.client;

import com.vrooli.telemetry.core.BodyFormat;
import com.vrooli.telemetry.core.DecodeLimits;
import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import com.vrooli.telemetry.core.IngestResult;
import com.vrooli.telemetry.core.IngestService;
import com.vrooli.telemetry.core.MalformedBodyException;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.core.WireJson;
import com.vrooli.telemetry.testing.StoredEvents;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server that stores what it gets: core's ingest service over an in-memory store (which
 * de-duplicates by event id, like the real one), behind an Undertow handler. It also counts what
 * arrived, so tests can tell a re-send from a first send, and can hold its answers after storing
 * (a client killed while waiting for an answer). Reached through {@link TestServers#storing()}.
 */
final class StoringServer implements HttpHandler, AutoCloseable {

    private final InMemoryTelemetryStore store = InMemoryTelemetryStore.create();
    private final IngestService ingest;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong eventsReceived = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicInteger heldAnswers = new AtomicInteger();
    private final List<String> authorizations = new ArrayList<>();
    private volatile CountDownLatch answerGate;
    private FakeServer server;

    StoringServer(DecodeLimits limits) {
        this.ingest = IngestService.create(store, Clock.systemUTC(), limits);
    }

    StoringServer listen(int port) {
        server = FakeServer.start(port, this, this::releaseAnswers);
        return this;
    }

    URI uploadUri() {
        return server.uploadUri();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        handle(exchange, FakeServer.body(exchange));
    }

    /** Stores a body a fake in front has already read. */
    void handle(HttpServerExchange exchange, byte[] body) throws InterruptedException {
        requests.incrementAndGet();
        synchronized (authorizations) {
            authorizations.add(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION));
        }
        String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        IngestResult result;
        try {
            // The client sends application/json or application/x-ndjson; the server's full mapping is the HTTP adapter's.
            result = ingest.ingest(body, type != null && type.contains("ndjson") ? BodyFormat.NDJSON : BodyFormat.JSON,
                    null);
        } catch (MalformedBodyException e) {
            FakeServer.answer(exchange, 400, new String(WireJson.error(e.getMessage()), StandardCharsets.UTF_8));
            return;
        }
        eventsReceived.addAndGet(result.received());
        duplicates.addAndGet(result.duplicates());
        CountDownLatch gate = answerGate;
        if (gate != null) {
            heldAnswers.incrementAndGet();
            gate.await();
        }
        int status = result.status() == IngestResult.Status.REJECTED ? 400 : 200;
        FakeServer.answer(exchange, status, new String(WireJson.ingestResult(result), StandardCharsets.UTF_8));
    }

    /** From now on, answers wait (after storing) until {@link #releaseAnswers()}. */
    void holdAnswers() {
        answerGate = new CountDownLatch(1);
    }

    void releaseAnswers() {
        CountDownLatch gate = answerGate;
        answerGate = null;
        if (gate != null) {
            gate.countDown();
        }
    }

    /** Answers currently or previously held back. */
    int heldAnswers() {
        return heldAnswers.get();
    }

    int requests() {
        return requests.get();
    }

    /** Events that arrived, re-sends included. */
    long eventsReceived() {
        return eventsReceived.get();
    }

    /** Events that arrived again after being stored. */
    long duplicates() {
        return duplicates.get();
    }

    List<String> authorizations() {
        synchronized (authorizations) {
            return List.copyOf(authorizations);
        }
    }

    /** Every stored event of a scenario, in stored order. */
    List<TelemetryEvent> events(String scenario) {
        return StoredEvents.oldestFirst(store, scenario);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
