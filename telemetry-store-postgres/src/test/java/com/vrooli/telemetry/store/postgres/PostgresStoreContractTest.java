package com.vrooli.telemetry.store.postgres;

import com.vrooli.telemetry.core.StoreLimits;
import com.vrooli.telemetry.core.TelemetryStore;
import com.vrooli.telemetry.core.TelemetryStoreContractTest;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The storage contract on a real PostgreSQL 16, one fresh database per store. */
class PostgresStoreContractTest extends TelemetryStoreContractTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    private final Map<TelemetryStore, String> urls = new IdentityHashMap<>();
    private final Map<TelemetryStore, StoreLimits> limitsOf = new IdentityHashMap<>();

    @Override
    protected TelemetryStore createStore(StoreLimits limits) {
        String url = PG.newDatabase();
        TelemetryStore s = open(url, limits);
        urls.put(s, url);
        return s;
    }

    private TelemetryStore open(String url, StoreLimits limits) {
        TelemetryStore s = PostgresTelemetryStore.builder(url).maxScenarios(limits.maxScenarios())
                .maxPageBytes(limits.maxPageBytes()).maxFailureTypes(limits.maxFailureTypes()).maxDeployments(limits.maxDeployments())
                .open();
        limitsOf.put(s, limits);
        return s;
    }

    @Override
    protected TelemetryStore openOtherNode(TelemetryStore store) {
        return open(urls.get(store), limitsOf.get(store));
    }

    @Override
    protected boolean supportsReopen() {
        return true;
    }

    @Override
    protected TelemetryStore reopen(TelemetryStore store) {
        String url = urls.get(store);
        StoreLimits limits = limitsOf.get(store);
        store.close();
        TelemetryStore again = open(url, limits);
        urls.put(again, url);
        return again;
    }
}
