package com.vrooli.telemetry.testing;

import com.vrooli.telemetry.core.AppendResult;
import com.vrooli.telemetry.core.DeploymentState;
import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.StoreHealth;
import com.vrooli.telemetry.core.StoreLimitCounters;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.core.TelemetryStore;
import com.vrooli.telemetry.core.Timeline;
import com.vrooli.telemetry.core.TimelineQuery;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A store that passes every call to a real one: the base of the tests' stores that change one
 * behaviour (hold appends at a gate, fail them, count them) and leave the rest to the real store.
 * Subclasses override what they change and call {@code super} for the real behaviour.
 */
public abstract class ForwardingTelemetryStore implements TelemetryStore {

    private final TelemetryStore delegate;

    /** A store in front of {@code delegate}, which it closes when closed. */
    protected ForwardingTelemetryStore(TelemetryStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The real store behind this one. */
    protected final TelemetryStore delegate() {
        return delegate;
    }

    @Override
    public AppendResult append(List<TelemetryEvent> events) {
        return delegate.append(events);
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
    public StoreLimitCounters limitCounters() {
        return delegate.limitCounters();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
