package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.AppendResult;
import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.testing.ForwardingTelemetryStore;
import java.util.List;

/** A store with a bug: every append fails with an unexpected exception that names a server path. */
final class ExplodingStore extends ForwardingTelemetryStore {

    static final String SECRET_PATH = "/srv/secret/telemetry/picker-wheel.jsonl";

    ExplodingStore() {
        super(InMemoryTelemetryStore.create());
    }

    @Override
    public AppendResult append(List<TelemetryEvent> events) {
        throw new IllegalStateException("index out of sync in " + SECRET_PATH);
    }
}
