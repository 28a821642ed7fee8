package com.vrooli.telemetry.client;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/** A real Undertow server on a loopback port, running one blocking handler: the base of the fakes. */
final class FakeServer implements AutoCloseable {

    static final String UPLOAD_PATH = "/api/v1/telemetry/upload";

    private final Undertow undertow;
    private final int port;
    private final Runnable beforeStop;

    private FakeServer(Undertow undertow, int port, Runnable beforeStop) {
        this.undertow = undertow;
        this.port = port;
        this.beforeStop = beforeStop;
    }

    static FakeServer start(int port, HttpHandler handler, Runnable beforeStop) {
        Undertow u = Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setIoThreads(1)
                .setWorkerThreads(8)
                .setHandler(new BlockingHandler(handler))
                .build();
        u.start();
        int actual = ((InetSocketAddress) u.getListenerInfo().get(0).getAddress()).getPort();
        return new FakeServer(u, actual, beforeStop);
    }

    int port() {
        return port;
    }

    URI uploadUri() {
        return uploadUri(port);
    }

    static URI uploadUri(int port) {
        return URI.create("http://127.0.0.1:" + port + UPLOAD_PATH);
    }

    /** The request body, un-gzipped when it says it is gzip'd. */
    static byte[] body(HttpServerExchange exchange) throws IOException {
        byte[] raw = exchange.getInputStream().readAllBytes();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst(Headers.CONTENT_ENCODING))) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                return in.readAllBytes();
            }
        }
        return raw;
    }

    static void answer(HttpServerExchange exchange, int status, String json) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(json, StandardCharsets.UTF_8);
    }

    static int countLines(byte[] body) {
        int n = 0;
        for (byte b : body) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() {
        beforeStop.run();
        undertow.stop();
    }
}
