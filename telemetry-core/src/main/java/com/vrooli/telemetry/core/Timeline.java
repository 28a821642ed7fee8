package com.vrooli.telemetry.core;

import java.util.List;
import java.util.Objects;

/**
 * A scenario's event and failure counts over time, oldest bucket first. Only buckets holding at
 * least one counted event are listed; a chart fills the gaps with zeros.
 *
 * @param scenario   the scenario
 * @param resolution the bucket width
 * @param buckets    the non-empty buckets, oldest first
 */
public record Timeline(String scenario, TimelineResolution resolution, List<TimelineBucket> buckets) {

    public Timeline {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(resolution, "resolution");
        buckets = List.copyOf(buckets);
    }
}
