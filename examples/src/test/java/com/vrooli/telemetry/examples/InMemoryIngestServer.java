package com.vrooli.telemetry.examples;

import com.vrooli.telemetry.core.BodyFormat;
import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import com.vrooli.telemetry.core.IngestResult;
import com.vrooli.telemetry.core.IngestService;
import com.vrooli.telemetry.core.MalformedBodyException;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.core.WireJson;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * A real upload endpoint for the examples' tests: core's ingest service over an in-memory store
 * (which de-duplicates by event id) behind an Undertow handler on a free loopback port. It counts
 * every event that arrives, re-sends included, so a test can tell "stored once" from "sent once".
 */
final class InMemoryIngestServer implements AutoCloseable {

    private final InMemoryTelemetryStore store = InMemoryTelemetryStore.create();
    private final IngestService ingest = IngestService.create(store, Clock.systemUTC());
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final Undertow undertow;
    private final int port;

    private InMemoryIngestServer() {
        undertow = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setIoThreads(1)
                .setWorkerThreads(4)
                .setHandler(new BlockingHandler(this::handle))
                .build();
        undertow.start();
        port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    static InMemoryIngestServer start() {
        return new InMemoryIngestServer();
    }

    URI uploadUri() {
        return URI.create("http://127.0.0.1:" + port + "/api/v1/telemetry/upload");
    }

    private void handle(HttpServerExchange exchange) throws IOException {
        byte[] body = exchange.getInputStream().readAllBytes();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst(Headers.CONTENT_ENCODING))) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        BodyFormat format = BodyFormat.fromContentType(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE))
                .orElse(BodyFormat.JSON);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        try {
            IngestResult result = ingest.ingest(body, format, null);
            received.addAndGet(result.received());
            duplicates.addAndGet(result.duplicates());
            exchange.setStatusCode(result.status() == IngestResult.Status.REJECTED ? 400 : 200);
            exchange.getResponseSender().send(ByteBuffer.wrap(WireJson.ingestResult(result)));
        } catch (MalformedBodyException e) {
            exchange.setStatusCode(400);
            exchange.getResponseSender().send(ByteBuffer.wrap(WireJson.error(e.getMessage())));
        }
    }

    /** Events that arrived, re-sends included. */
    long received() {
        return received.get();
    }

    /** Events that arrived again after being stored. */
    long duplicates() {
        return duplicates.get();
    }

    /** The stored summary of a scenario. */
    ScenarioSummary summary(String scenario) {
        return store.summary(scenario).orElse(ScenarioSummary.empty(scenario));
    }

    /** Every stored event of a scenario, oldest first. */
    List<TelemetryEvent> events(String scenario) {
        List<TelemetryEvent> all = new ArrayList<>();
        EventQuery query = EventQuery.builder(scenario).order(EventQuery.Order.OLDEST_FIRST)
                .limit(EventQuery.MAX_LIMIT).build();
        EventPage page = store.query(query);
        all.addAll(page.events());
        while (page.nextCursor() != null) {
            page = store.query(query.withCursor(page.nextCursor()));
            all.addAll(page.events());
        }
        return all;
    }

    @Override
    public void close() {
        undertow.stop();
    }
}
