package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.core.ActivityAggregator;
import com.vrooli.telemetry.core.ActivityState;
import com.vrooli.telemetry.core.DeploymentBudget;
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
 * aggregate is rebuilt, resumed from a snapshot or counted again. Its deployments count against
 * the store's {@link DeploymentBudget} (see {@link com.vrooli.telemetry.core.StoreLimits#maxDeployments()})
 * in the same three cases: whichever fleet view is live is the one attached, so a resume or a swap
 * never counts a scenario's rows twice. Thread-safe.
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
    private final DeploymentBudget deployments;
    private SummaryAggregator aggregator;
    private ActivityAggregator activity = ActivityAggregator.create();
    private ScenarioSummary summary;

    ScenarioAggregate(String scenario, int maxFailureTypes, DeploymentBudget deployments) {
        this.scenario = scenario;
        this.maxFailureTypes = maxFailureTypes;
        this.deployments = deployments;
        this.aggregator = new SummaryAggregator(scenario, maxFailureTypes);
        deployments.attach(activity);
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
        swapActivity(ActivityAggregator.resume(activityFrom));
        summary = null;
    }

    /** Swaps in aggregates counted elsewhere (see {@link #fresh}); null starts from nothing. */
    public synchronized void replace(Counted counted) {
        Counted with = counted == null ? fresh() : counted;
        aggregator = with.summary;
        swapActivity(with.activity);
        summary = null;
    }

    /** The live fleet view changes: the old one's rows leave the store's budget, the new one's join it. */
    private void swapActivity(ActivityAggregator next) {
        deployments.detach(activity);
        activity = next;
        deployments.attach(next);
    }

    /** Takes this scenario's deployments off the store's budget: the store let the scenario go. */
    synchronized void release() {
        deployments.detach(activity);
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
