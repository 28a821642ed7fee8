package com.vrooli.telemetry.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps one scenario's summary up to date, one event at a time, in O(1) per event (the recent
 * failure list is bounded). The result depends only on the set of events added, not on their
 * order. Stores hold one per scenario; not thread-safe, so callers guard it with the scenario's
 * lock.
 */
public final class SummaryAggregator {

    /** How many recent failures a summary lists. */
    public static final int RECENT_FAILURES = 10;

    private final String scenario;
    private long totalEvents;
    private Instant lastEvent;
    private final Map<String, Long> failureCounts = new HashMap<>();
    /** Sorted newest first, at most {@link #RECENT_FAILURES} long. */
    private final List<FailureEntry> recent = new ArrayList<>(RECENT_FAILURES + 1);

    /** An aggregator for a scenario with no events. */
    public SummaryAggregator(String scenario) {
        this.scenario = Objects.requireNonNull(scenario, "scenario");
    }

    /** An aggregator that continues from a summary taken earlier (for example a persisted snapshot). */
    public static SummaryAggregator resume(ScenarioSummary from) {
        SummaryAggregator a = new SummaryAggregator(from.scenario());
        a.totalEvents = from.totalEvents();
        a.lastEvent = from.lastEvent();
        a.failureCounts.putAll(from.failureCounts());
        a.recent.addAll(from.recentFailures());
        a.recent.sort(FailureEntry.NEWEST_FIRST);
        while (a.recent.size() > RECENT_FAILURES) {
            a.recent.remove(a.recent.size() - 1);
        }
        return a;
    }

    public String scenario() {
        return scenario;
    }

    /** Counts one event of this scenario. */
    public void add(TelemetryEvent e) {
        totalEvents++;
        if (lastEvent == null || e.timestamp().isAfter(lastEvent)) {
            lastEvent = e.timestamp();
        }
        if (EventCatalogue.isFailure(e.event())) {
            failureCounts.merge(e.event(), 1L, Long::sum);
            offerRecent(FailureEntry.of(e));
        }
    }

    private void offerRecent(FailureEntry entry) {
        if (recent.size() == RECENT_FAILURES
                && FailureEntry.NEWEST_FIRST.compare(entry, recent.get(RECENT_FAILURES - 1)) >= 0) {
            return;
        }
        int at = 0;
        while (at < recent.size() && FailureEntry.NEWEST_FIRST.compare(recent.get(at), entry) <= 0) {
            at++;
        }
        recent.add(at, entry);
        if (recent.size() > RECENT_FAILURES) {
            recent.remove(RECENT_FAILURES);
        }
    }

    public long totalEvents() {
        return totalEvents;
    }

    /** An immutable copy of the current summary. */
    public ScenarioSummary snapshot() {
        return new ScenarioSummary(scenario, totalEvents, lastEvent, failureCounts, recent);
    }
}
