package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.SummaryAggregator;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.util.List;

/**
 * One scenario's summary aggregate, with its own lock so that reading a summary never waits for
 * the disk, and the last summary kept until the next change. Failure types are capped at
 * {@code maxFailureTypes} (see {@link com.vrooli.telemetry.core.StoreLimits}) whether the
 * aggregate is rebuilt, resumed from a snapshot or counted again. Thread-safe.
 */
final class ScenarioAggregate {

    private final String scenario;
    private final int maxFailureTypes;
    private SummaryAggregator aggregator;
    private ScenarioSummary summary;

    ScenarioAggregate(String scenario, int maxFailureTypes) {
        this.scenario = scenario;
        this.maxFailureTypes = maxFailureTypes;
        this.aggregator = fresh();
    }

    /** An empty aggregate with this scenario's cap, to count into before {@link #replace}. */
    SummaryAggregator fresh() {
        return new SummaryAggregator(scenario, maxFailureTypes);
    }

    synchronized void add(TelemetryEvent e) {
        aggregator.add(e);
        summary = null;
    }

    /** Counts the kept events, taking the lock once. */
    synchronized void add(List<TelemetryEvent> events, boolean[] keep) {
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                aggregator.add(events.get(i));
            }
        }
        summary = null;
    }

    /** Continues from a persisted summary. */
    synchronized void resume(ScenarioSummary from) {
        aggregator = SummaryAggregator.resume(from, maxFailureTypes);
        summary = null;
    }

    /** Swaps in an aggregate counted elsewhere (see {@link #fresh}); null starts from nothing. */
    synchronized void replace(SummaryAggregator counted) {
        aggregator = counted == null ? fresh() : counted;
        summary = null;
    }

    /** The current summary (with zero events when none is stored). */
    synchronized ScenarioSummary summary() {
        if (summary == null) {
            summary = aggregator.snapshot();
        }
        return summary;
    }
}
