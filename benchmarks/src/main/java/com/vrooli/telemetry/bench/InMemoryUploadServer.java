package com.vrooli.telemetry.bench;

import com.vrooli.telemetry.core.BodyFormat;
import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import com.vrooli.telemetry.core.IngestResult;
import com.vrooli.telemetry.core.IngestService;
import com.vrooli.telemetry.core.MalformedBodyException;
import com.vrooli.telemetry.core.ScenarioSummary;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * An upload endpoint in this process for the client benchmarks: core's ingest service over the
 * in-memory store (which de-duplicates by event id) behind one blocking Undertow handler on a
 * free loopback port. It un-gzips, decodes, validates and stores like the server does, without
 * the disk. Counts requests and events, re-sends included.
 */
final class InMemoryUploadServer implements AutoCloseable {

    private final InMemoryTelemetryStore store = InMemoryTelemetryStore.create();
    private final IngestService ingest = IngestService.create(store, Clock.systemUTC());
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final Undertow undertow;
    private final int port;

    private InMemoryUploadServer() {
        undertow = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setIoThreads(1)
                .setWorkerThreads(4)
                .setHandler(new BlockingHandler(this::handle))
                .build();
        undertow.start();
        port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    static InMemoryUploadServer start() {
        return new InMemoryUploadServer();
    }

    URI uploadUri() {
        return URI.create("http://127.0.0.1:" + port + ClientBenchSupport.UPLOAD_PATH);
    }

    private void handle(HttpServerExchange exchange) throws IOException {
        requests.incrementAndGet();
        byte[] body = exchange.getInputStream().readAllBytes();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst(Headers.CONTENT_ENCODING))) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        BodyFormat format = type != null && type.contains("ndjson") ? BodyFormat.NDJSON : BodyFormat.JSON;
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

    long requests() {
        return requests.get();
    }

    /** Events that arrived, re-sends included. */
    long received() {
        return received.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    /** Events stored for a scenario. */
    long stored(String scenario) {
        return store.summary(scenario).map(ScenarioSummary::totalEvents).orElse(0L);
    }

    @Override
    public void close() {
        undertow.stop();
    }
}
