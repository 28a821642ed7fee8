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
    /** Failure type to its count, in a mutable cell so that counting allocates nothing. */
    private final Map<String, long[]> failureCounts = new HashMap<>();
    /** Event types seen lately and whether each is a failure, direct-mapped by hash. */
    private final String[] knownTypes = new String[16];
    private final boolean[] knownFailure = new boolean[16];
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
        from.failureCounts().forEach((type, count) -> a.failureCounts.put(type, new long[] {count}));
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
        Instant ts = e.timestamp();
        if (lastEvent == null || ts.isAfter(lastEvent)) {
            lastEvent = ts;
        }
        String type = e.event();
        if (isFailure(type)) {
            long[] count = failureCounts.get(type);
            if (count == null) {
                count = new long[1];
                failureCounts.put(type, count);
            }
            count[0]++;
            // An entry older than the oldest of a full list cannot enter it: skip making one.
            if (recent.size() < RECENT_FAILURES || !ts.isBefore(recent.get(RECENT_FAILURES - 1).timestamp())) {
                offerRecent(FailureEntry.of(e));
            }
        }
    }

    private boolean isFailure(String type) {
        int slot = type.hashCode() & (knownTypes.length - 1);
        if (type.equals(knownTypes[slot])) {
            return knownFailure[slot];
        }
        boolean failure = EventCatalogue.isFailure(type);
        knownTypes[slot] = type;
        knownFailure[slot] = failure;
        return failure;
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
        Map<String, Long> counts = new HashMap<>(failureCounts.size() * 2);
        failureCounts.forEach((type, count) -> counts.put(type, count[0]));
        return new ScenarioSummary(scenario, totalEvents, lastEvent, counts, recent);
    }
}
