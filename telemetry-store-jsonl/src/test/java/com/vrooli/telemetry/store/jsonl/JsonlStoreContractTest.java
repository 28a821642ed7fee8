package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.core.StoreLimits;
import com.vrooli.telemetry.core.TelemetryStore;
import com.vrooli.telemetry.core.TelemetryStoreContractTest;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;

/** The store contract for the JSONL store; subclasses say which file system the directory is on. */
abstract class JsonlStoreContractTest extends TelemetryStoreContractTest {

    private final Map<TelemetryStore, Path> dirs = new IdentityHashMap<>();
    private final Map<TelemetryStore, StoreLimits> limitsOf = new IdentityHashMap<>();
    private int count;

    /** The root under which each store gets its own new directory. */
    protected abstract Path root();

    @Override
    protected TelemetryStore createStore(StoreLimits limits) {
        Path dir = root().resolve("telemetry-" + count++);
        return remember(JsonlTelemetryStore.builder(dir).limits(limits).open(), dir, limits);
    }

    @Override
    protected boolean supportsReopen() {
        return true;
    }

    @Override
    protected TelemetryStore reopen(TelemetryStore store) {
        Path dir = dirs.get(store);
        StoreLimits limits = limitsOf.get(store);
        store.close();
        return remember(JsonlTelemetryStore.builder(dir).limits(limits).open(), dir, limits);
    }

    private TelemetryStore remember(JsonlTelemetryStore store, Path dir, StoreLimits limits) {
        dirs.put(store, dir);
        limitsOf.put(store, limits);
        return store;
    }
}
