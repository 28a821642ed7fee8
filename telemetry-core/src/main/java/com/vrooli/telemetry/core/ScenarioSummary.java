package com.vrooli.telemetry.core;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What is known about one scenario: the document's summary fields.
 *
 * @param scenario       the scenario name
 * @param totalEvents    how many events are stored
 * @param lastEvent      the latest event timestamp, or null when there are none
 * @param failureCounts  failure type to count, sorted by type
 * @param recentFailures the newest failures by timestamp, newest first (at most
 *                       {@link SummaryAggregator#RECENT_FAILURES})
 * @param otherFailures  failures whose type is not a key of {@code failureCounts} because the
 *                       scenario already counted {@link StoreLimits#maxFailureTypes()} types by name
 *                       (the wire field {@code other_failures}, present only when not zero)
 */
public record ScenarioSummary(String scenario, long totalEvents, Instant lastEvent,
                              Map<String, Long> failureCounts, List<FailureEntry> recentFailures,
                              long otherFailures) {

    public ScenarioSummary {
        Objects.requireNonNull(scenario, "scenario");
        if (otherFailures < 0) {
            throw new IllegalArgumentException("otherFailures must not be negative, got " + otherFailures);
        }
        failureCounts = Collections.unmodifiableMap(new TreeMap<>(failureCounts));
        recentFailures = List.copyOf(recentFailures);
    }

    /** A summary whose failures are all counted by type. */
    public ScenarioSummary(String scenario, long totalEvents, Instant lastEvent, Map<String, Long> failureCounts,
                           List<FailureEntry> recentFailures) {
        this(scenario, totalEvents, lastEvent, failureCounts, recentFailures, 0);
    }

    /** The summary of a scenario with no events. */
    public static ScenarioSummary empty(String scenario) {
        return new ScenarioSummary(scenario, 0, null, Map.of(), List.of());
    }

    /** Total failures of all types, those counted in {@code otherFailures} included. */
    public long totalFailures() {
        long n = otherFailures;
        for (long c : failureCounts.values()) {
            n += c;
        }
        return n;
    }
}
