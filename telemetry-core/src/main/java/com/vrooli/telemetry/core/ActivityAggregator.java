package com.vrooli.telemetry.core;

import java.util.List;

/**
 * The two aggregates behind the dashboard, kept beside a scenario's summary and fed the same
 * events: its {@link TimelineAggregator timeline} and its {@link DeploymentAggregator fleet view}.
 * Stores hold one per scenario and add every stored event to it, so answers never scan events.
 * Not thread-safe: stores guard it with the scenario's summary lock (the fleet view also takes its
 * own, as a {@link DeploymentBudget} may drop its rows from another thread).
 */
public final class ActivityAggregator {

    private final TimelineAggregator timeline;
    private final DeploymentAggregator deployments;

    private ActivityAggregator(TimelineAggregator timeline, DeploymentAggregator deployments) {
        this.timeline = timeline;
        this.deployments = deployments;
    }

    /** An aggregator for a scenario with no events. */
    public static ActivityAggregator create() {
        return new ActivityAggregator(new TimelineAggregator(), new DeploymentAggregator());
    }

    /** An aggregator that continues from a state taken earlier with {@link #state()}. */
    public static ActivityAggregator resume(ActivityState from) {
        return new ActivityAggregator(TimelineAggregator.resume(from.cells()),
                DeploymentAggregator.resume(from.deployments()));
    }

    /** Counts one stored event. */
    public void add(CountedEvent e) {
        timeline.add(e);
        deployments.add(e);
    }

    /** The buckets a query asks for. */
    public Timeline timeline(TimelineQuery query) {
        return timeline.query(query.scenario(), query);
    }

    /** Every deployment, most recently seen first. */
    public List<DeploymentState> deployments() {
        return deployments.rows();
    }

    /** The fleet view, for a {@link DeploymentBudget}. */
    DeploymentAggregator fleet() {
        return deployments;
    }

    /** An immutable copy of the state, for a snapshot. */
    public ActivityState state() {
        return new ActivityState(timeline.cells(), deployments.rows());
    }
}
