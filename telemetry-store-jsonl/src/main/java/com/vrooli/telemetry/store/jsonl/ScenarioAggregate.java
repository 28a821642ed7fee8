package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.core.ActivityAggregator;
import com.vrooli.telemetry.core.ActivityState;
import com.vrooli.telemetry.core.DeploymentBudget;
import com.vrooli.telemetry.core.DeploymentState;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.SummaryAggregator;
import com.vrooli.telemetry.core.CountedEvent;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.core.Timeline;
import com.vrooli.telemetry.core.TimelineQuery;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One scenario's aggregates: its summary and the dashboard's timeline and deployments, counted
 * together from the same events, with their own lock so that reading them never waits for the
 * disk, and the last summary kept until the next change.
 *
 * <p>An append counts its events after it released its scenario's lock, so that the next append
 * of the scenario writes meanwhile: it takes this lock while it still holds the scenario's
 * ({@link Fold#hold}) and counts once that is released ({@link Fold#complete}). Folds therefore run in
 * the order of the writes, and whoever takes the scenario's lock then this one (a snapshot's
 * capture, a recount) finds every write before it counted. Failure types are capped at
 * {@code maxFailureTypes} (see {@link com.vrooli.telemetry.core.StoreLimits}) whether the
 * aggregate is rebuilt, resumed from a snapshot or counted again. Its deployments count against
 * the store's {@link DeploymentBudget} (see {@link com.vrooli.telemetry.core.StoreLimits#maxDeployments()})
 * in the same three cases: whichever fleet view is live is the one attached, so a resume or a swap
 * never counts a scenario's rows twice. Thread-safe.
 */
public final class ScenarioAggregate {

    /** Aggregates counted elsewhere (a rebuild or recount) before {@link #replace} swaps them in. */
    public static final class Counted {
        private final SummaryAggregator summary;
        private final ActivityAggregator activity = ActivityAggregator.create();

        private Counted(SummaryAggregator summary) {
            this.summary = summary;
        }

        public void add(CountedEvent e) {
            summary.add(e);
            activity.add(e);
        }
    }

    private final String scenario;
    private final int maxFailureTypes;
    private final DeploymentBudget deployments;
    private SummaryAggregator aggregator;
    private ActivityAggregator activity = ActivityAggregator.create();
    private ScenarioSummary summary;
    /** Every method holds it; a {@link Fold} holds it from {@link #hold} to {@link Fold#complete}. */
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * An append's kept events, to count once its scenario's lock is released: {@link #hold} takes
     * the aggregate's lock while the scenario's is still held, {@link #complete} counts and releases
     * it, exactly once each, on the same thread.
     */
    public static final class Fold {
        private final ScenarioAggregate aggregate;
        private final List<TelemetryEvent> events;
        private final boolean[] keep;

        private Fold(ScenarioAggregate aggregate, List<TelemetryEvent> events, boolean[] keep) {
            this.aggregate = aggregate;
            this.events = events;
            this.keep = keep;
        }

        /** Takes the aggregate's lock; call while holding the scenario's lock, after its write. */
        public void hold() {
            aggregate.lock.lock();
        }

        /** Counts the events and releases the aggregate's lock, which {@link #hold} took. */
        public void complete() {
            try {
                aggregate.addLocked(events, keep);
            } finally {
                aggregate.lock.unlock();
            }
        }

        /** Completes every fold, in order, even when counting one of them throws. */
        public static void completeAll(List<Fold> folds) {
            RuntimeException failure = null;
            for (Fold f : folds) {
                try {
                    f.complete();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** What a snapshot persists of the aggregates, read under one hold of the lock. */
    public record State(ScenarioSummary summary, ActivityState activity) {
    }

    ScenarioAggregate(String scenario, int maxFailureTypes, DeploymentBudget deployments) {
        this.scenario = scenario;
        this.maxFailureTypes = maxFailureTypes;
        this.deployments = deployments;
        this.aggregator = new SummaryAggregator(scenario, maxFailureTypes);
        deployments.attach(activity);
    }

    /** Empty aggregates with this scenario's cap, to count into before {@link #replace}. */
    public Counted fresh() {
        return new Counted(new SummaryAggregator(scenario, maxFailureTypes));
    }

    public void add(CountedEvent e) {
        lock.lock();
        try {
            aggregator.add(e);
            activity.add(e);
            summary = null;
        } finally {
            lock.unlock();
        }
    }

    /** Counts the kept events, taking the lock once. */
    public void add(List<TelemetryEvent> events, boolean[] keep) {
        lock.lock();
        try {
            addLocked(events, keep);
        } finally {
            lock.unlock();
        }
    }

    /** The kept events of an append, to count with {@link Fold#hold} and {@link Fold#complete}. */
    public Fold fold(List<TelemetryEvent> events, boolean[] keep) {
        return new Fold(this, events, keep);
    }

    private void addLocked(List<TelemetryEvent> events, boolean[] keep) {
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                aggregator.add(events.get(i));
                activity.add(events.get(i));
            }
        }
        summary = null;
    }

    private <T> T locked(Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    private void locked(Runnable body) {
        lock.lock();
        try {
            body.run();
        } finally {
            lock.unlock();
        }
    }

    /** Continues from a persisted summary and activity. */
    public void resume(ScenarioSummary from, ActivityState activityFrom) {
        locked(() -> {
            aggregator = SummaryAggregator.resume(from, maxFailureTypes);
            swapActivity(ActivityAggregator.resume(activityFrom));
            summary = null;
        });
    }

    /** Swaps in aggregates counted elsewhere (see {@link #fresh}); null starts from nothing. */
    public void replace(Counted counted) {
        Counted with = counted == null ? fresh() : counted;
        locked(() -> {
            aggregator = with.summary;
            swapActivity(with.activity);
            summary = null;
        });
    }

    /** The live fleet view changes: the old one's rows leave the store's budget, the new one's join it. */
    private void swapActivity(ActivityAggregator next) {
        deployments.detach(activity);
        activity = next;
        deployments.attach(next);
    }

    /** Takes this scenario's deployments off the store's budget: the store let the scenario go. */
    void release() {
        locked(() -> deployments.detach(activity));
    }

    /** The current summary (with zero events when none is stored). */
    public ScenarioSummary summary() {
        return locked(this::summaryLocked);
    }

    private ScenarioSummary summaryLocked() {
        if (summary == null) {
            summary = aggregator.snapshot();
        }
        return summary;
    }

    /** The summary and the timeline and deployments, as one consistent state to persist. */
    public State state() {
        return locked(() -> new State(summaryLocked(), activity.state()));
    }

    /** The timeline buckets a query asks for. */
    Timeline timeline(TimelineQuery query) {
        return locked(() -> activity.timeline(query));
    }

    /** The fleet view's rows. */
    List<DeploymentState> deployments() {
        return locked(activity::deployments);
    }
}
