package com.vrooli.telemetry.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server on port 0 that answers every request with one fixed status, headers and body, and keeps
 * each request's {@code Accept-Encoding}: for what a real telemetry server never sends (a broken
 * gzip body, an unknown coding), and to see what a client asked for.
 */
public final class FixedAnswerServer implements AutoCloseable {

    private final HttpServer server;
    private final List<String> acceptEncodings = new CopyOnWriteArrayList<>();

    public FixedAnswerServer(int status, Map<String, String> headers, byte[] body) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            acceptEncodings.add(String.join(", ", exchange.getRequestHeaders().getOrDefault("Accept-Encoding",
                    List.of())));
            exchange.getRequestBody().readAllBytes();
            headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The {@code Accept-Encoding} of each request so far, in order; "" where a request sent none. */
    public List<String> acceptEncodings() {
        return List.copyOf(acceptEncodings);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
