package com.vrooli.telemetry.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps one scenario's summary up to date, one event at a time, in O(1) per event (the recent
 * failure list is bounded). At most {@code maxFailureTypes} failure types are counted by name
 * (see {@link StoreLimits#maxFailureTypes()}): the first types to arrive get a key, failures of
 * any later type are counted in {@link ScenarioSummary#otherFailures()}. Below that cap the result
 * depends only on the set of events added, not on their order; past it, which types have a key
 * depends on the order (the stored order, when a store rebuilds it from its events). Stores hold
 * one per scenario; not thread-safe, so callers guard it with the scenario's lock.
 */
public final class SummaryAggregator {

    /** How many recent failures a summary lists. */
    public static final int RECENT_FAILURES = 10;

    private final String scenario;
    private final int maxFailureTypes;
    private long totalEvents;
    private long otherFailures;
    private Instant lastEvent;
    /** Failure type to its count, in a mutable cell so that counting allocates nothing. */
    private final Map<String, long[]> failureCounts = new HashMap<>();
    private final FailureTypes failureTypes = new FailureTypes();
    /** Sorted newest first, at most {@link #RECENT_FAILURES} long. */
    private final List<FailureEntry> recent = new ArrayList<>(RECENT_FAILURES + 1);

    /** An aggregator for a scenario with no events, with the default failure-type cap. */
    public SummaryAggregator(String scenario) {
        this(scenario, StoreLimits.DEFAULT_MAX_FAILURE_TYPES);
    }

    /** An aggregator for a scenario with no events that counts at most {@code maxFailureTypes} types by name. */
    public SummaryAggregator(String scenario, int maxFailureTypes) {
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        if (maxFailureTypes < 0) {
            throw new IllegalArgumentException("maxFailureTypes must not be negative, got " + maxFailureTypes);
        }
        this.maxFailureTypes = maxFailureTypes;
    }

    /** An aggregator that continues from a summary taken earlier, with the default failure-type cap. */
    public static SummaryAggregator resume(ScenarioSummary from) {
        return resume(from, StoreLimits.DEFAULT_MAX_FAILURE_TYPES);
    }

    /**
     * An aggregator that continues from a summary taken earlier (for example a persisted snapshot).
     * When the summary names more failure types than {@code maxFailureTypes} (it was taken under a
     * larger cap), the most frequent keep their key and the others move to the overflow count.
     */
    public static SummaryAggregator resume(ScenarioSummary from, int maxFailureTypes) {
        SummaryAggregator a = new SummaryAggregator(from.scenario(), maxFailureTypes);
        a.totalEvents = from.totalEvents();
        a.lastEvent = from.lastEvent();
        a.otherFailures = from.otherFailures();
        List<Map.Entry<String, Long>> byCount = new ArrayList<>(from.failureCounts().entrySet());
        byCount.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        for (Map.Entry<String, Long> e : byCount) {
            if (a.failureCounts.size() < maxFailureTypes) {
                a.failureCounts.put(e.getKey(), new long[] {e.getValue()});
            } else {
                a.otherFailures += e.getValue();
            }
        }
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
    public void add(CountedEvent e) {
        totalEvents++;
        Instant ts = e.timestamp();
        if (lastEvent == null || ts.isAfter(lastEvent)) {
            lastEvent = ts;
        }
        String type = e.event();
        if (failureTypes.isFailure(type)) {
            long[] count = failureCounts.get(type);
            if (count == null && failureCounts.size() < maxFailureTypes) {
                count = new long[1];
                failureCounts.put(type, count);
            }
            if (count == null) {
                otherFailures++;
            } else {
                count[0]++;
            }
            // An entry older than the oldest of a full list cannot enter it: skip making one.
            if (recent.size() < RECENT_FAILURES || !ts.isBefore(recent.get(RECENT_FAILURES - 1).timestamp())) {
                offerRecent(FailureEntry.of(e.toEvent()));
            }
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
        Map<String, Long> counts = new HashMap<>(failureCounts.size() * 2);
        failureCounts.forEach((type, count) -> counts.put(type, count[0]));
        return new ScenarioSummary(scenario, totalEvents, lastEvent, counts, recent, otherFailures);
    }
}
