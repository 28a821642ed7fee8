package com.vrooli.telemetry.bench.load;

import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.http.TelemetryServer;
import com.vrooli.telemetry.store.postgres.PostgresTelemetryStore;
import java.net.InetSocketAddress;

/** The real {@link TelemetryServer} over a {@link PostgresTelemetryStore}: one node of a cluster. */
final class PgServer implements ServerUnderTest {

    private final String name;
    private final PostgresTelemetryStore store;
    private final TelemetryServer server;

    private PgServer(String name, PostgresTelemetryStore store, TelemetryServer server) {
        this.name = name;
        this.store = store;
        this.server = server;
    }

    static PgServer start(String name, String jdbcUrl, int poolSize) {
        PostgresTelemetryStore store = PostgresTelemetryStore.builder(jdbcUrl).maxPoolSize(poolSize).open();
        try {
            return new PgServer(name, store, TelemetryServer.builder(store).port(0).build().start());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public InetSocketAddress address() {
        return server.address();
    }

    /** Events in the whole database (every node's), from the summaries. */
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
