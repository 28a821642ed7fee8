package com.vrooli.telemetry.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store-wide cap on deployment rows ({@link StoreLimits#maxDeployments()}), shared by the
 * fleet views of all of a store's scenarios. A store attaches each scenario's
 * {@link ActivityAggregator} once it holds it and detaches it when it lets it go (a scenario
 * removed, or its aggregates replaced by a recount). When a new row takes the count past the cap,
 * the rows silent the longest (oldest {@code lastSeen}, ties by deployment id) anywhere in the
 * store are dropped, down to {@value DeploymentAggregator#EVICT_PERCENT}% under the cap so that a
 * stream of new deployments costs one sort per hundred; the new row itself is dropped if it is the
 * one silent the longest. Only rows go: the events stay stored and counted in the summaries, and a
 * dropped deployment that is heard from again gets a new row counted from then on.
 *
 * <p>Thread-safe. Lock order: a store's scenario lock, then this budget's lock, then one
 * aggregator's own lock at a time; an aggregator asks the budget to enforce only after releasing
 * its lock, so no cycle can form.
 */
public final class DeploymentBudget {

    /** The rows the budget chose first: longest silent first, ties by id. */
    private static final Comparator<Age> OLDEST_FIRST = Comparator.comparing(Age::lastSeen)
            .thenComparing(Age::deploymentId);

    private final int cap;
    private final int slack;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private final Set<DeploymentAggregator> members = new HashSet<>();
    /** Rows of all members; changed under the changing member's lock, so never behind a join. */
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    private DeploymentBudget(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be at least 1, got " + cap);
        }
        this.cap = cap;
        this.slack = (int) ((long) cap * DeploymentAggregator.EVICT_PERCENT / 100);
    }

    /**
     * A budget of {@code cap} rows with no member yet.
     *
     * @throws IllegalArgumentException when {@code cap} is below 1
     */
    public static DeploymentBudget create(int cap) {
        return new DeploymentBudget(cap);
    }

    /**
     * Counts {@code activity}'s deployment rows against this budget from now on, and drops the
     * oldest rows of the store if they take it past the cap (a store resumed with a lower cap).
     *
     * @throws IllegalStateException when {@code activity} already counts against a budget
     */
    public void attach(ActivityAggregator activity) {
        synchronized (lock) {
            DeploymentAggregator fleet = activity.fleet();
            fleet.join(this);
            members.add(fleet);
        }
        enforce();
    }

    /** Stops counting {@code activity}'s rows; nothing happens if it was not attached. */
    public void detach(ActivityAggregator activity) {
        synchronized (lock) {
            DeploymentAggregator fleet = activity.fleet();
            if (members.remove(fleet)) {
                fleet.leave(this);
            }
        }
    }

    /** Deployment rows held by all attached aggregators now. */
    public long size() {
        return rows.get();
    }

    /** Rows dropped by this cap since the budget was created (not those of the per-scenario cap). */
    public long dropped() {
        return dropped.get();
    }

    /** Drops the store's longest-silent rows while the count is past the cap. */
    void enforce() {
        synchronized (lock) {
            // Rows added by other scenarios during a round may need another one.
            while (rows.get() > cap) {
                if (dropOldest(rows.get() - cap + slack) == 0) {
                    // Every row chosen was heard from meanwhile; the next new row enforces again.
                    return;
                }
            }
        }
    }

    private int dropOldest(long excess) {
        List<Age> ages = new ArrayList<>();
        for (DeploymentAggregator m : members) {
            m.collectAges(ages);
        }
        ages.sort(OLDEST_FIRST);
        int n = 0;
        for (int i = 0; i < ages.size() && n < excess; i++) {
            Age a = ages.get(i);
            if (a.owner().dropIfSilentSince(a.deploymentId(), a.lastSeen())) {
                n++;
            }
        }
        dropped.addAndGet(n);
        return n;
    }

    /** Called by a member under its own lock when its row count changed by {@code delta}. */
    void grew(int delta) {
        rows.addAndGet(delta);
    }

    boolean isOver() {
        return rows.get() > cap;
    }

    /** One row as the budget weighs it. */
    record Age(Instant lastSeen, String deploymentId, DeploymentAggregator owner) {
    }
}
