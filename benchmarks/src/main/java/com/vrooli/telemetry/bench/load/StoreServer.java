package com.vrooli.telemetry.bench.load;

import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.TelemetryStore;
import com.vrooli.telemetry.http.TelemetryServer;
import com.vrooli.telemetry.store.jsonl.FsyncPolicy;
import com.vrooli.telemetry.store.jsonl.JsonlStoreBuilder;
import com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore;
import com.vrooli.telemetry.store.postgres.PostgresTelemetryStore;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The real {@link TelemetryServer} on a free port over one of our stores, default server settings:
 * the JSONL store in a directory ({@code ours}) or a node over a PostgreSQL database.
 */
final class StoreServer implements ServerUnderTest {

    private final String name;
    private final TelemetryStore store;
    private final TelemetryServer server;

    private StoreServer(String name, TelemetryStore store) {
        this.name = name;
        this.store = store;
        try {
            this.server = TelemetryServer.builder(store).port(0).build().start();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Opens the JSONL store in {@code dir} (rebuilding from any files there) behind a server named
     * {@code ours}; {@code dedupWindow} null keeps the store's default.
     */
    static StoreServer jsonl(Path dir, FsyncPolicy fsync, Integer dedupWindow) {
        JsonlStoreBuilder builder = JsonlTelemetryStore.builder(dir).fsync(fsync);
        if (dedupWindow != null) {
            builder.dedupWindow(dedupWindow);
        }
        return new StoreServer("ours", builder.open());
    }

    /** Opens the PostgreSQL store at {@code jdbcUrl} with a pool of {@code poolSize}: one node of a cluster. */
    static StoreServer postgres(String name, String jdbcUrl, int poolSize) {
        return new StoreServer(name, PostgresTelemetryStore.builder(jdbcUrl).maxPoolSize(poolSize).open());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public InetSocketAddress address() {
        return server.address();
    }

    /** Events in the whole store (for PostgreSQL every node's), from the summaries. */
    @Override
    public long storedEvents() {
        return store.summaries().stream().mapToLong(ScenarioSummary::totalEvents).sum();
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
