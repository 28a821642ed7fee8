package com.vrooli.telemetry.core;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One bucket of a timeline: how many events and failures have a timestamp in
 * {@code [start, start + width)}.
 *
 * @param start          the bucket's start (a multiple of its width since the epoch, UTC)
 * @param events         events counted
 * @param failures       failures counted (of {@code events})
 * @param failuresByType failure type to count, sorted by type; types beyond a bucket's cap of
 *                       {@value TimelineAggregator#MAX_TYPES_PER_BUCKET} distinct event types are
 *                       counted under {@value TimelineAggregator#OTHER}
 */
public record TimelineBucket(Instant start, long events, long failures, Map<String, Long> failuresByType) {

    public TimelineBucket {
        Objects.requireNonNull(start, "start");
        failuresByType = Collections.unmodifiableMap(new TreeMap<>(failuresByType));
    }
}
