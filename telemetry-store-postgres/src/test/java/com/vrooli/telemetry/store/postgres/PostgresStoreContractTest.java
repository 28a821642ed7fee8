package com.vrooli.telemetry.store.postgres;

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

    @Override
    protected TelemetryStore createStore() {
        String url = PG.newDatabase();
        TelemetryStore s = PostgresTelemetryStore.builder(url).open();
        urls.put(s, url);
        return s;
    }

    @Override
    protected boolean supportsReopen() {
        return true;
    }

    @Override
    protected TelemetryStore reopen(TelemetryStore store) {
        String url = urls.get(store);
        store.close();
        TelemetryStore again = PostgresTelemetryStore.builder(url).open();
        urls.put(again, url);
        return again;
    }
}
