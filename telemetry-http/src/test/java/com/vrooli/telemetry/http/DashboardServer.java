package com.vrooli.telemetry.http;

import com.vrooli.telemetry.store.jsonl.FsyncPolicy;
import com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server on port 0 over the JSONL store in a temporary directory, for the dashboard's
 * browser tests: started by {@link #serve}, closed and deleted after each test.
 */
final class DashboardServer implements AfterEachCallback {

    /** The instant the seed data is dated from (whole seconds, as the wire keeps them). */
    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private Path dir;
    private JsonlTelemetryStore store;
    private TelemetryServer server;

    /** Starts the server with these tokens. */
    void serve(ApiTokens tokens) {
        try {
            dir = Files.createTempDirectory("dashboard-store-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store = JsonlTelemetryStore.builder(dir).fsync(FsyncPolicy.NEVER).open();
        server = TelemetryServer.builder(store).port(0).tokens(tokens).build().start();
    }

    /** Stores the three seed scenarios of {@link DashboardSeed#events}. */
    void seed() {
        store.append(DashboardSeed.events(now));
    }

    JsonlTelemetryStore store() {
        return store;
    }

    TelemetryServer server() {
        return server;
    }

    String url(String pathAndQuery) {
        return server.uri().resolve(pathAndQuery).toString();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
