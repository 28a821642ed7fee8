package com.vrooli.telemetry.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.zip.GZIPOutputStream;

/**
 * Posts one batch of stored lines as gzip'd NDJSON to the upload address, asynchronously, with a
 * per-request timeout; sends the bearer token when one is configured. Thread-safe.
 */
final class Uploader {

    static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final HttpClient http;
    private final URI uri;
    private final String authorization;

    Uploader(HttpClient http, URI uri, String token) {
        this.http = http;
        this.uri = uri;
        this.authorization = token == null ? null : "Bearer " + token;
    }

    URI uri() {
        return uri;
    }

    /** Sends {@code ndjson}; the future fails on connection errors and timeouts. */
    CompletableFuture<HttpResponse<byte[]>> send(byte[] ndjson, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/x-ndjson")
                .header("Content-Encoding", "gzip")
                .header("User-Agent", "vrooli-telemetry-client")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(ndjson)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.sendAsync(request.build(), info -> new LimitedBodySubscriber(MAX_ANSWER_BYTES));
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The address without user info, query or fragment: safe to log. */
    static String describe(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                + (uri.getPath() == null ? "" : uri.getPath());
    }

    /** The HTTP client every upload of one telemetry client uses. */
    static HttpClient httpClient(Duration connectTimeout, Executor executor) {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }
}
