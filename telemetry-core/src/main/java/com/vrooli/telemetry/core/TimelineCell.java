package com.vrooli.telemetry.core;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One stored bucket of a {@link TimelineAggregator}, as persisted by a store's snapshot and given
 * back to {@link TimelineAggregator#resume}.
 *
 * @param resolution    the bucket width
 * @param index         the bucket's start in widths since the epoch
 * @param typeCounts    event type to count, at most {@value TimelineAggregator#MAX_TYPES_PER_BUCKET}
 * @param otherEvents   events of types beyond the cap
 * @param otherFailures failures of types beyond the cap (of {@code otherEvents})
 */
public record TimelineCell(TimelineResolution resolution, long index, Map<String, Long> typeCounts,
                           long otherEvents, long otherFailures) {

    public TimelineCell {
        Objects.requireNonNull(resolution, "resolution");
        typeCounts = Collections.unmodifiableMap(new TreeMap<>(typeCounts));
        if (typeCounts.size() > TimelineAggregator.MAX_TYPES_PER_BUCKET || otherEvents < 0 || otherFailures < 0
                || otherFailures > otherEvents) {
            throw new IllegalArgumentException("timeline cell counts are out of range");
        }
    }
}
