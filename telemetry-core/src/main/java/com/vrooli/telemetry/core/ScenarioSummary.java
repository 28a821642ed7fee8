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
 */
public record ScenarioSummary(String scenario, long totalEvents, Instant lastEvent,
                              Map<String, Long> failureCounts, List<FailureEntry> recentFailures) {

    public ScenarioSummary {
        Objects.requireNonNull(scenario, "scenario");
        failureCounts = Collections.unmodifiableMap(new TreeMap<>(failureCounts));
        recentFailures = List.copyOf(recentFailures);
    }

    /** The summary of a scenario with no events. */
    public static ScenarioSummary empty(String scenario) {
        return new ScenarioSummary(scenario, 0, null, Map.of(), List.of());
    }

    /** Total failures of all types. */
    public long totalFailures() {
        long n = 0;
        for (long c : failureCounts.values()) {
            n += c;
        }
        return n;
    }
}
