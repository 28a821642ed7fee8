package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.core.ActivityAggregator;
import com.vrooli.telemetry.core.ActivityState;
import com.vrooli.telemetry.core.DeploymentState;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.SummaryAggregator;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.core.Timeline;
import com.vrooli.telemetry.core.TimelineQuery;
import java.util.List;

/**
 * One scenario's aggregates: its summary and the dashboard's timeline and deployments, counted
 * together from the same events, with their own lock so that reading them never waits for the
 * disk, and the last summary kept until the next change. Failure types are capped at
 * {@code maxFailureTypes} (see {@link com.vrooli.telemetry.core.StoreLimits}) whether the
 * aggregate is rebuilt, resumed from a snapshot or counted again. Thread-safe.
 */
public final class ScenarioAggregate {

    /** Aggregates counted elsewhere (a rebuild or recount) before {@link #replace} swaps them in. */
    public static final class Counted {
        private final SummaryAggregator summary;
        private final ActivityAggregator activity = ActivityAggregator.create();

        private Counted(SummaryAggregator summary) {
            this.summary = summary;
        }

        public void add(TelemetryEvent e) {
            summary.add(e);
            activity.add(e);
        }
    }

    private final String scenario;
    private final int maxFailureTypes;
    private SummaryAggregator aggregator;
    private ActivityAggregator activity = ActivityAggregator.create();
    private ScenarioSummary summary;

    ScenarioAggregate(String scenario, int maxFailureTypes) {
        this.scenario = scenario;
        this.maxFailureTypes = maxFailureTypes;
        this.aggregator = new SummaryAggregator(scenario, maxFailureTypes);
    }

    /** Empty aggregates with this scenario's cap, to count into before {@link #replace}. */
    public Counted fresh() {
        return new Counted(new SummaryAggregator(scenario, maxFailureTypes));
    }

    public synchronized void add(TelemetryEvent e) {
        aggregator.add(e);
        activity.add(e);
        summary = null;
    }

    /** Counts the kept events, taking the lock once. */
    public synchronized void add(List<TelemetryEvent> events, boolean[] keep) {
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                aggregator.add(events.get(i));
                activity.add(events.get(i));
            }
        }
        summary = null;
    }

    /** Continues from a persisted summary and activity. */
    public synchronized void resume(ScenarioSummary from, ActivityState activityFrom) {
        aggregator = SummaryAggregator.resume(from, maxFailureTypes);
        activity = ActivityAggregator.resume(activityFrom);
        summary = null;
    }

    /** Swaps in aggregates counted elsewhere (see {@link #fresh}); null starts from nothing. */
    public synchronized void replace(Counted counted) {
        Counted with = counted == null ? fresh() : counted;
        aggregator = with.summary;
        activity = with.activity;
        summary = null;
    }

    /** The current summary (with zero events when none is stored). */
    public synchronized ScenarioSummary summary() {
        if (summary == null) {
            summary = aggregator.snapshot();
        }
        return summary;
    }

    /** The timeline and deployments to persist beside {@link #summary()}. */
    public synchronized ActivityState activityState() {
        return activity.state();
    }

    /** The timeline buckets a query asks for. */
    synchronized Timeline timeline(TimelineQuery query) {
        return activity.timeline(query);
    }

    /** The fleet view's rows. */
    synchronized List<DeploymentState> deployments() {
        return activity.deployments();
    }
}
