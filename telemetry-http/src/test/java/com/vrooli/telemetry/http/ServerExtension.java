package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import com.vrooli.telemetry.core.StoreLimits;
import com.vrooli.telemetry.core.TelemetryStore;
import com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server on port 0 over a fresh store for each test, with a {@code java.net.http} client.
 * The store is in memory, or the real {@link JsonlTelemetryStore} in a new temporary directory
 * ({@link #jsonl()}), which {@link #restart()} reopens with a new server. The clock is fixed at
 * {@link #NOW}, so filled-in timestamps are known.
 */
public final class ServerExtension implements BeforeEachCallback, AfterEachCallback {

    public static final Instant NOW = Instant.parse("2025-01-15T13:00:00Z");

    /** Opens the store; its argument is the test's directory, null for a store that keeps nothing on disk. */
    private final Function<Path, TelemetryStore> storeFactory;
    private final boolean onDisk;
    private Consumer<TelemetryServerBuilder> config;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private String seedEvents;
    private Path dir;
    private TelemetryStore store;
    private TelemetryServer server;

    private ServerExtension(Function<Path, TelemetryStore> storeFactory, boolean onDisk,
                            Consumer<TelemetryServerBuilder> config) {
        this.storeFactory = storeFactory;
        this.onDisk = onDisk;
        this.config = config;
    }

    public static ServerExtension inMemory() {
        return inMemory(b -> {
        });
    }

    public static ServerExtension inMemory(Consumer<TelemetryServerBuilder> config) {
        return new ServerExtension(dir -> InMemoryTelemetryStore.create(), false, config);
    }

    public static ServerExtension over(Supplier<TelemetryStore> store) {
        return new ServerExtension(dir -> store.get(), false, b -> {
        });
    }

    /** The real JSONL store (fsync per batch, the default) in a temporary directory of its own. */
    public static ServerExtension jsonl() {
        return jsonl(b -> {
        });
    }

    /** The real JSONL store with {@code limits}, in a temporary directory of its own. */
    public static ServerExtension jsonl(StoreLimits limits) {
        return new ServerExtension(dir -> JsonlTelemetryStore.builder(dir).limits(limits).open(), true, b -> {
        });
    }

    /** The real JSONL store, behind a server configured by {@code config}. */
    static ServerExtension jsonl(Consumer<TelemetryServerBuilder> config) {
        return new ServerExtension(dir -> JsonlTelemetryStore.builder(dir).open(), true, config);
    }

    /**
     * Uploads {@code ndjson} once the server has started for each test (not again on a restart);
     * the test fails before it runs unless the server answers 200.
     */
    public ServerExtension withEvents(String ndjson) {
        this.seedEvents = ndjson;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (onDisk) {
            dir = Files.createTempDirectory("telemetry-http-test-");
        }
        start();
        if (seedEvents != null) {
            Answer seeded = post("/api/v1/telemetry/upload", "application/x-ndjson", seedEvents);
            if (seeded.status() != 200) {
                throw new IllegalStateException("seeding the server failed: " + seeded.status() + " " + seeded.body());
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            stop();
        } finally {
            if (dir != null) {
                deleteRecursively(dir);
            }
        }
    }

    /**
     * Stops the server gracefully and closes the store, then reopens the store on the same
     * directory behind a new server on a new port: what a restarted {@code telemetry serve} does.
     */
    public void restart() {
        stop();
        start();
    }

    /** {@link #restart()} with another server configuration. */
    void restartWith(Consumer<TelemetryServerBuilder> newConfig) {
        this.config = newConfig;
        restart();
    }

    private void start() {
        store = storeFactory.apply(dir);
        TelemetryServerBuilder b = TelemetryServer.builder(store).port(0)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
        config.accept(b);
        server = b.build().start();
    }

    private void stop() {
        try {
            server.close();
        } finally {
            store.close();
        }
    }

    public TelemetryStore store() {
        return store;
    }

    /**
     * The store's directory.
     *
     * @throws IllegalStateException for a store that keeps nothing on disk
     */
    public Path dir() {
        if (dir == null) {
            throw new IllegalStateException("this server's store has no directory");
        }
        return dir;
    }

    /** The lines of {@code {dir}/{scenario}.jsonl}, as stored. */
    public List<String> storedLines(String scenario) {
        try {
            return Files.readAllLines(dir().resolve(scenario + ".jsonl"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TelemetryServer server() {
        return server;
    }

    public HttpClient client() {
        return client;
    }

    public URI uri(String pathAndQuery) {
        return server.uri().resolve(pathAndQuery);
    }

    public Answer get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    public Answer post(String pathAndQuery, String contentType, String body) {
        return post(pathAndQuery, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public Answer post(String pathAndQuery, String contentType, byte[] body, String... headers) {
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

    public Answer send(HttpRequest.Builder request) {
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

    private static void deleteRecursively(Path root) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A response: status, headers, body text. */
    public record Answer(int status, java.net.http.HttpHeaders headers, String body) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }
}
