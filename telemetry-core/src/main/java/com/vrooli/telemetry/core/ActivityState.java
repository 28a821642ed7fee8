package com.vrooli.telemetry.core;

import java.util.List;

/**
 * The persistable state of an {@link ActivityAggregator}: a scenario's timeline buckets and its
 * deployments, as a store's snapshot keeps them.
 *
 * @param cells       the timeline's kept buckets
 * @param deployments the fleet view's rows
 */
public record ActivityState(List<TimelineCell> cells, List<DeploymentState> deployments) {

    /** The state of a scenario with no events. */
    public static final ActivityState EMPTY = new ActivityState(List.of(), List.of());

    public ActivityState {
        cells = List.copyOf(cells);
        deployments = List.copyOf(deployments);
    }
}
