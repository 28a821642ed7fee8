package com.vrooli.telemetry.store.jsonl.retention;

import com.vrooli.telemetry.core.StoreException;
import com.vrooli.telemetry.store.jsonl.IoReasons;
import com.vrooli.telemetry.store.jsonl.RetentionPolicy;
import com.vrooli.telemetry.store.jsonl.RetentionStats;
import com.vrooli.telemetry.store.jsonl.ScenarioFile;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Applies a {@link RetentionPolicy} on one background thread, so appends never wait for it
 * beyond the short rotation itself. A pass, per scenario: rotate the live file when it is big or
 * old enough, compress sealed segments (when asked), delete the oldest segments beyond the age and
 * size limits and, after a deletion, count the scenario's summary again from what is retained.
 * Passes run periodically and whenever an append takes a live file past the segment size. Every
 * step runs on this thread only, so rotation, compression and deletion never race each other.
 * Thread-safe.
 */
public final class RetentionWorker implements AutoCloseable {

    private static final Duration LONGEST_PERIOD = Duration.ofMinutes(1);
    private static final Duration SHORTEST_PERIOD = Duration.ofSeconds(1);
    /** How soon a pass in which a scenario failed (a full disk, a failed force) is tried again. */
    public static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(2);

    private final RetentionPolicy policy;
    private final Clock clock;
    private final Supplier<Collection<ScenarioFile>> files;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean passQueued = new AtomicBoolean();
    /** When each scenario's live file was first seen holding events: the start of its age. */
    private final Map<String, Instant> liveSince = new ConcurrentHashMap<>();
    private final LongAdder rotations = new LongAdder();
    private final LongAdder compressed = new LongAdder();
    private final LongAdder deleted = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private volatile String lastFailure;

    public RetentionWorker(RetentionPolicy policy, Clock clock, Supplier<Collection<ScenarioFile>> files) {
        this.policy = policy;
        this.clock = clock;
        this.files = files;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "telemetry-retention");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the periodic passes; called once the store has loaded its scenarios. */
    public void start() {
        long period = period(policy).toMillis();
        executor.scheduleWithFixedDelay(this::pass, period, period, TimeUnit.MILLISECONDS);
    }

    private static Duration period(RetentionPolicy policy) {
        Duration p = LONGEST_PERIOD;
        if (policy.segmentAge() != null && policy.segmentAge().dividedBy(4).compareTo(p) < 0) {
            p = policy.segmentAge().dividedBy(4);
        }
        return p.compareTo(SHORTEST_PERIOD) < 0 ? SHORTEST_PERIOD : p;
    }

    /** Called after each append with the live file's size; queues a pass when it is due for rotation. */
    public void liveGrew(ScenarioFile file, long liveBytes) {
        if (policy.segmentBytes() > 0 && liveBytes >= policy.segmentBytes() && passQueued.compareAndSet(false, true)) {
            try {
                executor.execute(this::pass);
            } catch (RejectedExecutionException closing) {
                passQueued.set(false);
            }
        }
    }

    /** Runs one pass on the worker's thread and waits for it (tests, and callers that want it now). */
    public void runPass() {
        try {
            executor.submit(this::pass).get();
        } catch (ExecutionException e) {
            throw new StoreException("retention pass failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted waiting for a retention pass", e);
        }
    }

    public RetentionStats stats() {
        return new RetentionStats(rotations.sum(), compressed.sum(), deleted.sum(), failures.sum(), lastFailure);
    }

    private void pass() {
        passQueued.set(false);
        boolean failed = false;
        for (ScenarioFile file : files.get()) {
            try {
                maintain(file);
            } catch (IOException e) {
                failed = true;
                failures.increment();
                lastFailure = "scenario '" + file.scenario + "': " + IoReasons.describe(e);
            } catch (RuntimeException e) {
                // A bug must not stop the periodic task; it is counted and reported in stats.
                failed = true;
                failures.increment();
                lastFailure = "scenario '" + file.scenario + "': " + e;
            }
        }
        if (failed) {
            retrySoon();
        }
    }

    /**
     * Queues another pass after {@link #RETRY_AFTER_FAILURE}: without appends to trigger one, the
     * next periodic pass may be a minute away, and a segment left unrotated, uncompressed or
     * undeleted would wait that long.
     */
    private void retrySoon() {
        if (passQueued.compareAndSet(false, true)) {
            try {
                executor.schedule(this::pass, RETRY_AFTER_FAILURE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                passQueued.set(false);
            }
        }
    }

    private void maintain(ScenarioFile file) throws IOException {
        Instant now = clock.instant();
        rotateIfDue(file, now);
        if (policy.gzipSegments()) {
            compressSealed(file);
        }
        deleteBeyondLimits(file, now);
    }

    private void rotateIfDue(ScenarioFile file, Instant now) throws IOException {
        long live = file.committedSize();
        if (live == 0) {
            liveSince.remove(file.scenario);
            return;
        }
        Instant since = liveSince.computeIfAbsent(file.scenario, k -> now);
        boolean bySize = policy.segmentBytes() > 0 && live >= policy.segmentBytes();
        boolean byAge = policy.segmentAge() != null && !now.isBefore(since.plus(policy.segmentAge()));
        if (bySize || byAge) {
            if (file.rotate(now) != null) {
                rotations.increment();
            }
            liveSince.remove(file.scenario);
        }
    }

    private void compressSealed(ScenarioFile file) throws IOException {
        for (Segment segment : file.segments().current().segments()) {
            if (!segment.gzip()) {
                Segment gz = SegmentCompressor.compress(segment);
                file.segments().replace(gz);
                Files.deleteIfExists(segment.path());
                compressed.increment();
            }
        }
    }

    /**
     * Deletes the oldest segments while one is too old or the scenario too big, then, when any
     * went, counts the summary again from what is retained.
     */
    private void deleteBeyondLimits(ScenarioFile file, Instant now) throws IOException {
        boolean any = false;
        IOException failed = null;
        for (Segment oldest : file.segments().current().segments()) {
            boolean tooOld = policy.maxAge() != null && oldest.sealedAt().plus(policy.maxAge()).isBefore(now);
            boolean tooBig = policy.maxBytes() > 0
                    && file.segments().current().bytes() + file.committedSize() > policy.maxBytes();
            if (!tooOld && !tooBig) {
                break;
            }
            try {
                Files.deleteIfExists(oldest.path());
            } catch (IOException e) {
                failed = e;
                break;
            }
            file.segments().drop(oldest.number());
            deleted.increment();
            any = true;
        }
        if (any) {
            file.recountSummary();
        }
        if (failed != null) {
            throw failed;
        }
    }

    /** Stops the thread, letting a pass in progress finish. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
