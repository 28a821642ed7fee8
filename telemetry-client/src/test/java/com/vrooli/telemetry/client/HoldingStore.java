package com.vrooli.telemetry.client;

import com.vrooli.telemetry.core.DeploymentState;
import com.vrooli.telemetry.core.Timeline;
import com.vrooli.telemetry.core.TimelineQuery;
import com.vrooli.telemetry.core.AppendResult;
import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.StoreHealth;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.core.TelemetryStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store in front of a real one that, when told to, holds each append after it has stored (so the
 * server's answer waits): a client that dies while waiting for an answer its events already got.
 */
final class HoldingStore implements TelemetryStore {

    private final TelemetryStore delegate;
    private final AtomicInteger held = new AtomicInteger();
    private volatile CountDownLatch gate;

    HoldingStore(TelemetryStore delegate) {
        this.delegate = delegate;
    }

    /** From now on, appends wait after storing until {@link #release()}. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void release() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    /** Appends held back so far. */
    int held() {
        return held.get();
    }

    @Override
    public AppendResult append(List<TelemetryEvent> events) {
        AppendResult result = delegate.append(events);
        CountDownLatch g = gate;
        if (g != null) {
            held.incrementAndGet();
            try {
                g.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return result;
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
        release();
        delegate.close();
    }
}
