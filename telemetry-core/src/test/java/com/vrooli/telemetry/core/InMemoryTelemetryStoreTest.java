package com.vrooli.telemetry.core;

/** The in-memory reference store passes the store contract (it does not persist, so no reopen). */
class InMemoryTelemetryStoreTest extends TelemetryStoreContractTest {

    @Override
    protected TelemetryStore createStore(StoreLimits limits) {
        return InMemoryTelemetryStore.create(limits);
    }
}
