package com.vrooli.telemetry.bench.load;

import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.http.TelemetryServer;
import com.vrooli.telemetry.store.jsonl.FsyncPolicy;
import com.vrooli.telemetry.store.jsonl.JsonlStoreBuilder;
import com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/** The real {@link TelemetryServer} over a {@link JsonlTelemetryStore} in a directory, default settings. */
final class OurServer implements ServerUnderTest {

    private final JsonlTelemetryStore store;
    private final TelemetryServer server;

    private OurServer(JsonlTelemetryStore store, TelemetryServer server) {
        this.store = store;
        this.server = server;
    }

    /**
     * Opens the store in {@code dir} (rebuilding from any files there) and starts a server on a free
     * port; {@code dedupWindow} null keeps the store's default.
     */
    static OurServer start(Path dir, FsyncPolicy fsync, Integer dedupWindow) {
        JsonlStoreBuilder builder = JsonlTelemetryStore.builder(dir).fsync(fsync);
        if (dedupWindow != null) {
            builder.dedupWindow(dedupWindow);
        }
        JsonlTelemetryStore store = builder.open();
        try {
            return new OurServer(store, TelemetryServer.builder(store).port(0).build().start());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "ours";
    }

    @Override
    public InetSocketAddress address() {
        return server.address();
    }

    @Override
    public long storedEvents() {
        long total = 0;
        for (ScenarioSummary s : store.summaries()) {
            total += s.totalEvents();
        }
        return total;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            store.close();
        }
    }
}
