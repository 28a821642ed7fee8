package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.DeploymentState;
import com.vrooli.telemetry.core.Timeline;
import com.vrooli.telemetry.core.TimelineQuery;
import com.vrooli.telemetry.core.AppendResult;
import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.StoreHealth;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.core.TelemetryStore;
import java.util.List;
import java.util.Optional;

/** A store with a bug: every append fails with an unexpected exception that names a server path. */
final class ExplodingStore implements TelemetryStore {

    static final String SECRET_PATH = "/srv/secret/telemetry/picker-wheel.jsonl";

    private final InMemoryTelemetryStore delegate = InMemoryTelemetryStore.create();

    @Override
    public AppendResult append(List<TelemetryEvent> events) {
        throw new IllegalStateException("index out of sync in " + SECRET_PATH);
    }

    @Override
    public List<ScenarioSummary> summaries() {
        return delegate.summaries();
    }

    @Override
    public Optional<ScenarioSummary> summary(String scenario) {
        return delegate.summary(scenario);
    }

    @Override
    public Optional<Timeline> timeline(TimelineQuery query) {
        return delegate.timeline(query);
    }

    @Override
    public Optional<List<DeploymentState>> deployments(String scenario) {
        return delegate.deployments(scenario);
    }

    @Override
    public EventPage query(EventQuery query) {
        return delegate.query(query);
    }

    @Override
    public StoreHealth health() {
        return delegate.health();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
