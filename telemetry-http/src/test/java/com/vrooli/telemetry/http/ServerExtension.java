package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import com.vrooli.telemetry.core.TelemetryStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server on port 0 over a fresh store for each test, with a {@code java.net.http} client.
 * The clock is fixed at {@link #NOW}, so filled-in timestamps are known.
 */
final class ServerExtension implements BeforeEachCallback, AfterEachCallback {

    static final Instant NOW = Instant.parse("2025-01-15T13:00:00Z");

    private final Supplier<TelemetryStore> storeFactory;
    private final Consumer<TelemetryServer.Builder> config;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private TelemetryStore store;
    private TelemetryServer server;

    private ServerExtension(Supplier<TelemetryStore> storeFactory, Consumer<TelemetryServer.Builder> config) {
        this.storeFactory = storeFactory;
        this.config = config;
    }

    static ServerExtension inMemory() {
        return new ServerExtension(InMemoryTelemetryStore::create, b -> {
        });
    }

    static ServerExtension inMemory(Consumer<TelemetryServer.Builder> config) {
        return new ServerExtension(InMemoryTelemetryStore::create, config);
    }

    static ServerExtension over(Supplier<TelemetryStore> store) {
        return new ServerExtension(store, b -> {
        });
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        store = storeFactory.get();
        TelemetryServer.Builder b = TelemetryServer.builder(store).port(0)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
        config.accept(b);
        server = b.build().start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.close();
        store.close();
    }

    TelemetryStore store() {
        return store;
    }

    TelemetryServer server() {
        return server;
    }

    HttpClient client() {
        return client;
    }

    URI uri(String pathAndQuery) {
        return server.uri().resolve(pathAndQuery);
    }

    Answer get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    Answer post(String pathAndQuery, String contentType, String body) {
        return post(pathAndQuery, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    Answer post(String pathAndQuery, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b);
    }

    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A response: status, headers, body text. */
    record Answer(int status, java.net.http.HttpHeaders headers, String body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }
}
