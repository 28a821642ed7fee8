package com.vrooli.telemetry.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps one scenario's fleet view up to date, one event at a time: a {@link DeploymentState} per
 * {@code deployment_id} (events without one are not part of it). Bounded: at most
 * {@value #MAX_DEPLOYMENTS} deployments; when a new one would pass the cap, the ones silent the
 * longest (oldest {@code lastSeen}) are dropped first, {@value #EVICT_PERCENT}% at a time so that
 * a stream of new deployments costs one sort per hundred, not one per event. Within the cap the
 * rows depend only on the set of events added, not on their order.
 *
 * <p>A store also shares one {@link DeploymentBudget} among its scenarios' aggregators: the
 * store-wide cap of {@link StoreLimits#maxDeployments()}, which may drop this aggregator's rows
 * from another scenario's thread. Thread-safe: every method takes this aggregator's own lock, a
 * leaf lock held only for the call (the budget is asked to enforce its cap after it is released).
 */
public final class DeploymentAggregator {

    /** Deployments one scenario keeps. */
    public static final int MAX_DEPLOYMENTS = 10_000;
    /** Failure types one deployment counts by name; the rest are counted together. */
    public static final int MAX_FAILURE_TYPES = 32;
    static final int EVICT_PERCENT = 1;
    /** Longest version or platform kept, in chars. */
    static final int MAX_LABEL = 128;

    private static final String VERSION = "version";
    private static final String PLATFORM = "platform";

    private final int cap;
    private final Map<String, Row> rows = new HashMap<>();
    private final FailureTypes failureTypes = new FailureTypes();
    /** The store-wide budget this aggregator counts against, or null; set under this lock. */
    private DeploymentBudget budget;

    /** An empty fleet view with the default cap. */
    public DeploymentAggregator() {
        this(MAX_DEPLOYMENTS);
    }

    /** An empty fleet view keeping at most {@code cap} deployments. */
    public DeploymentAggregator(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be positive");
        }
        this.cap = cap;
    }

    /** A fleet view that continues from rows taken earlier with {@link #rows()}. */
    public static DeploymentAggregator resume(List<DeploymentState> from) {
        DeploymentAggregator a = new DeploymentAggregator();
        for (DeploymentState s : from) {
            a.rows.put(s.deploymentId(), new Row(s));
        }
        return a;
    }

    /** Counts one event. */
    public void add(CountedEvent e) {
        if (e.deploymentId() == null) {
            return;
        }
        DeploymentBudget over = addLocked(e);
        if (over != null) {
            // Outside this lock: the budget takes the other aggregators' locks one at a time.
            over.enforce();
        }
    }

    /** Adds the event; the budget to enforce when it made a new row, else null. */
    private synchronized DeploymentBudget addLocked(CountedEvent e) {
        String id = e.deploymentId();
        Row row = rows.get(id);
        boolean created = row == null;
        if (created) {
            if (rows.size() >= cap) {
                evictOldest();
            }
            row = new Row(id, e.timestamp());
            rows.put(id, row);
            if (budget != null) {
                budget.grew(1);
            }
        }
        row.add(e, failureTypes.isFailure(e.event()));
        return created && budget != null && budget.isOver() ? budget : null;
    }

    private void evictOldest() {
        List<Row> byAge = new ArrayList<>(rows.values());
        byAge.sort(Comparator.comparing((Row r) -> r.lastSeen).thenComparing(r -> r.id));
        int drop = Math.max(1, cap * EVICT_PERCENT / 100);
        int dropped = 0;
        for (int i = 0; i < drop && i < byAge.size(); i++) {
            rows.remove(byAge.get(i).id);
            dropped++;
        }
        if (budget != null) {
            budget.grew(-dropped);
        }
    }

    /** Joins {@code b}; the rows held are counted against it. Called by the budget, under its lock. */
    synchronized void join(DeploymentBudget b) {
        if (budget != null) {
            throw new IllegalStateException("this fleet view already counts against a budget");
        }
        budget = b;
        b.grew(rows.size());
    }

    /** Leaves {@code b}, taking the rows held off its count. */
    synchronized void leave(DeploymentBudget b) {
        if (budget == b) {
            b.grew(-rows.size());
            budget = null;
        }
    }

    /** Adds every row's last-seen time to {@code into}, for the budget's choice of rows to drop. */
    synchronized void collectAges(List<DeploymentBudget.Age> into) {
        for (Row r : rows.values()) {
            into.add(new DeploymentBudget.Age(r.lastSeen, r.id, this));
        }
    }

    /**
     * Drops the row of {@code id} if it was last seen at {@code lastSeen}: a row that heard from
     * its deployment since the budget chose it is kept. Returns whether it was dropped.
     */
    synchronized boolean dropIfSilentSince(String id, Instant lastSeen) {
        Row r = rows.get(id);
        if (r == null || !r.lastSeen.equals(lastSeen)) {
            return false;
        }
        rows.remove(id);
        if (budget != null) {
            budget.grew(-1);
        }
        return true;
    }

    /** Every deployment, most recently seen first (ties by id). */
    public synchronized List<DeploymentState> rows() {
        List<DeploymentState> out = new ArrayList<>(rows.size());
        for (Row r : rows.values()) {
            out.add(r.state());
        }
        out.sort(Comparator.comparing(DeploymentState::lastSeen, Comparator.reverseOrder())
                .thenComparing(DeploymentState::deploymentId));
        return out;
    }

    /** The mutable state of one deployment. */
    private static final class Row {
        final String id;
        Instant firstSeen;
        Instant lastSeen;
        Instant lastStart;
        String lastVersion;
        String lastPlatform;
        long starts;
        long crashes;
        final Map<String, long[]> failures = new HashMap<>();
        FailureEntry lastFailure;

        Row(String id, Instant seen) {
            this.id = id;
            this.firstSeen = seen;
            this.lastSeen = seen;
        }

        Row(DeploymentState s) {
            this(s.deploymentId(), s.firstSeen());
            lastSeen = s.lastSeen();
            lastStart = s.lastStart();
            lastVersion = s.lastVersion();
            lastPlatform = s.lastPlatform();
            starts = s.starts();
            crashes = s.crashes();
            s.failureCounts().forEach((type, n) -> failures.put(type, new long[] {n}));
            lastFailure = s.lastFailure();
        }

        void add(CountedEvent e, boolean failure) {
            Instant ts = e.timestamp();
            if (ts.isBefore(firstSeen)) {
                firstSeen = ts;
            }
            if (ts.isAfter(lastSeen)) {
                lastSeen = ts;
            }
            String type = e.event();
            if (type.equals(StandardEvent.APP_START.wireName())) {
                starts++;
                Details details = e.toEvent().details();
                String version = text(details, VERSION);
                String platform = text(details, PLATFORM);
                // The newest start wins; among starts of the same instant the larger text, so order never matters.
                if (lastStart == null || ts.isAfter(lastStart) || (ts.equals(lastStart)
                        && compare(version, lastVersion) > 0)) {
                    lastStart = ts;
                    lastVersion = version;
                    lastPlatform = platform;
                }
            } else if (type.equals(StandardEvent.CRASH.wireName())) {
                crashes++;
            }
            if (failure) {
                countFailure(type);
                FailureEntry entry = FailureEntry.of(e.toEvent());
                if (lastFailure == null || FailureEntry.NEWEST_FIRST.compare(entry, lastFailure) < 0) {
                    lastFailure = entry;
                }
            }
        }

        private void countFailure(String type) {
            long[] n = failures.get(type);
            if (n == null) {
                String key = failures.size() >= MAX_FAILURE_TYPES ? TimelineAggregator.OTHER : type;
                n = failures.computeIfAbsent(key, k -> new long[1]);
            }
            n[0]++;
        }

        DeploymentState state() {
            Map<String, Long> counts = new HashMap<>();
            failures.forEach((type, n) -> counts.put(type, n[0]));
            return new DeploymentState(id, firstSeen, lastSeen, lastStart, lastVersion, lastPlatform, starts, crashes,
                    counts, lastFailure);
        }

        private static String text(Details details, String key) {
            Object v = details == null ? null : details.get(key);
            if (v == null) {
                return null;
            }
            String text = String.valueOf(v);
            // A version is a short label; a client sending a huge one must not grow every row.
            return text.length() > MAX_LABEL ? text.substring(0, MAX_LABEL) : text;
        }

        private static int compare(String a, String b) {
            return a == null ? (b == null ? 0 : -1) : (b == null ? 1 : a.compareTo(b));
        }
    }
}
