package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.core.AppendResult;
import com.vrooli.telemetry.core.DeploymentState;
import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.StoreException;
import com.vrooli.telemetry.core.StoreHealth;
import com.vrooli.telemetry.core.StoreUnavailableException;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.core.TelemetryStore;
import com.vrooli.telemetry.core.Timeline;
import com.vrooli.telemetry.core.TimelineQuery;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongConsumer;

/**
 * The embedded default store: one file {@code {dir}/{scenario}.jsonl} per scenario, one stored
 * line per event in the exact shape of {@link com.vrooli.telemetry.core.EventLineCodec}.
 *
 * <p>Writes: each scenario's part of a batch is one write of whole lines under that scenario's
 * lock, and {@link #append} returns only after that write and, per {@link FsyncPolicy}, after
 * forcing it (with {@code BATCH}, concurrent appends to a scenario share one force, and the files of
 * a batch that spans several scenarios are forced at the same time). An I/O error
 * (disk full, read-only) throws {@link StoreUnavailableException} with the failed part cut back
 * off the file; reads go on working and the next append simply tries again. A writing store holds
 * the directory's lock file, so a second writer fails with {@link StoreLockedException}.
 *
 * <p>On open, each scenario resumes from its snapshot in {@code {dir}/.snapshots/} when it has no
 * retention segments and the snapshot matches its live file, and reads only the lines after it;
 * otherwise its segments and live file are streamed once to rebuild its summary and its share of the window of recent event ids used for de-duplication.
 * Snapshots are written on close and by a background thread (see {@link Builder#snapshotInterval}).
 * A torn last line left by a crash is moved to
 * {@code {scenario}.jsonl.corrupt}; unreadable lines inside a file are skipped and counted in
 * {@link #stats()}. A read-only store takes no lock, never writes, sees whole lines only, and
 * re-reads what the writer appended when asked for summaries.
 *
 * <p>Names: only a valid scenario name becomes a path, checked to stay inside the directory, and
 * symbolic links are never followed; the first spelling of a name owns it, so events of a spelling
 * that differs only in letter case are refused one by one ({@link ScenarioNames}). Retention, off
 * by default, rotates the live files into numbered segments and deletes the oldest beyond per
 * scenario limits ({@link RetentionPolicy}); queries and summaries cover the retained segments.
 *
 * <p>Thread-safe: every method may be called from many threads at once.
 */
public final class JsonlTelemetryStore implements TelemetryStore {

    /** Threads that force a batch's scenario files beside the appending thread (see {@link ForcePool}). */
    private static final int FORCE_THREADS = 8;

    private final boolean readOnly;
    private final FsyncPolicy fsync;
    private final DedupWindow window;
    private final DirectoryLock lock;
    private final StoreCounters counters = new StoreCounters();
    private final ScenarioRegistry scenarios;
    private final SnapshotKeeper snapshots;
    /** Null without a retention policy, and for a read-only store. */
    private final RetentionWorker retention;
    /** Appends share it; close takes it exclusively, so it waits for appends in progress. */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    /** Null unless the policy is {@link FsyncPolicy#BATCH} and the store writes. */
    private final ForcePool forces;
    private volatile boolean closed;
    private volatile String writeFailure;

    private JsonlTelemetryStore(Builder b, DirectoryLock lock) throws IOException {
        this.readOnly = b.readOnly;
        this.fsync = b.fsync;
        this.window = b.readOnly ? null : new DedupWindow(b.dedupWindow);
        this.forces = b.readOnly || b.fsync != FsyncPolicy.BATCH ? null : new ForcePool(FORCE_THREADS);
        this.lock = lock;
        this.retention = b.readOnly || !b.retention.rotates() ? null
                : new RetentionWorker(b.retention, b.clock, this::knownScenarios);
        this.scenarios = new ScenarioRegistry(b.dir, b.readOnly, b.opener, counters, b.fsyncListener,
                window == null ? 0 : window.capacity(),
                retention == null ? ScenarioFile.Growth.NONE : (file, bytes) -> retention.liveGrew(file, bytes));
        Map<String, ScenarioSnapshot> loaded = b.snapshots ? loadSnapshots(b.dir) : Map.of();
        Map<String, ScenarioSnapshot> restored;
        try {
            restored = scenarios.load(window, loaded);
        } catch (IOException | RuntimeException e) {
            if (retention != null) {
                retention.close();
            }
            if (forces != null) {
                forces.close();
            }
            throw e;
        }
        this.snapshots = b.readOnly || !b.snapshots ? null
                : new SnapshotKeeper(b.dir, scenarios::known, loaded, restored, counters, b.snapshotInterval,
                        b.snapshotAfterBytes);
        if (snapshots != null) {
            snapshots.start();
        }
        if (retention != null) {
            retention.start();
        }
    }

    private Collection<ScenarioFile> knownScenarios() {
        return scenarios.known();
    }

    /** The snapshot entries on disk; none when the file is unreadable (every scenario is then rebuilt). */
    private Map<String, ScenarioSnapshot> loadSnapshots(Path dir) {
        try {
            return SnapshotFile.load(dir);
        } catch (IOException e) {
            counters.snapshotFailures.increment();
            return Map.of();
        }
    }

    /** A builder for a store of the directory {@code dir}. */
    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Events are refused one by one, in {@link AppendResult#rejected()}, when their scenario
     * differs only in letter case from a stored scenario, names a device on Windows, or has a path
     * in the directory that is not a regular file (see {@link ScenarioNames}).
     *
     * @throws StoreUnavailableException when the store is read-only or closed, or a write or
     *                                   force failed. A failed write leaves nothing of its part in
     *                                   the file; parts written before it, and lines whose force
     *                                   failed, stay stored (a retry is de-duplicated by event id)
     */
    @Override
    public AppendResult append(List<TelemetryEvent> events) {
        Objects.requireNonNull(events, "events");
        if (readOnly) {
            throw new StoreUnavailableException("store is open read-only");
        }
        lifecycle.readLock().lock();
        try {
            checkOpen();
            AppendResult.Builder result = new AppendResult.Builder();
            List<EncodedPart> parts = EncodedPart.split(scenarios.admit(events, result));
            List<ScenarioFile> toForce = new ArrayList<>(parts.size());
            long[] seqs = new long[parts.size()];
            for (EncodedPart part : parts) {
                ScenarioFile file = scenarios.forAppend(part.scenario);
                ScenarioFile.Outcome outcome;
                try {
                    outcome = file.append(part, window, fsync);
                } catch (IOException e) {
                    throw writeFailed(part.scenario, e);
                }
                result.stored(part.scenario, outcome.stored()).duplicates(part.scenario, outcome.duplicates());
                if (snapshots != null && outcome.bytes() > 0) {
                    snapshots.appended(outcome.bytes());
                }
                if (fsync == FsyncPolicy.BATCH && outcome.seq() > 0) {
                    seqs[toForce.size()] = outcome.seq();
                    toForce.add(file);
                }
            }
            awaitDurable(toForce, seqs);
            writeFailure = null;
            return result.build();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Waits until the batch's writes are durable in every file: the forces of idle files after the
     * first are started on the pool first, so they run while this thread forces the first.
     */
    private void awaitDurable(List<ScenarioFile> files, long[] seqs) {
        for (int i = 1; i < files.size(); i++) {
            files.get(i).startForceIfIdle(seqs[i], forces);
        }
        for (int i = 0; i < files.size(); i++) {
            try {
                files.get(i).awaitDurable(seqs[i]);
            } catch (IOException e) {
                throw writeFailed(files.get(i).scenario, e);
            }
        }
    }

    private StoreUnavailableException writeFailed(String scenario, IOException e) {
        counters.writeFailures.increment();
        String reason = IoReasons.describe(e);
        if (!(e instanceof ClosedByInterruptException)) {
            writeFailure = reason;
        }
        return new StoreUnavailableException("cannot append to scenario '" + scenario + "': " + reason, e);
    }

    /** {@inheritDoc} A read-only store first reads what was appended since it last looked. */
    @Override
    public List<ScenarioSummary> summaries() {
        checkOpen();
        List<ScenarioSummary> out = new ArrayList<>();
        for (ScenarioFile file : scenarios.all()) {
            ScenarioSummary summary = file.summary();
            if (summary.totalEvents() > 0) {
                out.add(summary);
            }
        }
        out.sort(Comparator.comparing(ScenarioSummary::scenario));
        return out;
    }

    @Override
    public Optional<ScenarioSummary> summary(String scenario) {
        checkOpen();
        ScenarioFile file = scenarios.find(scenario);
        if (file == null) {
            return Optional.empty();
        }
        ScenarioSummary summary = file.summary();
        return summary.totalEvents() == 0 ? Optional.empty() : Optional.of(summary);
    }

    @Override
    public Optional<Timeline> timeline(TimelineQuery query) {
        ScenarioFile file = knownScenario(query.scenario());
        return file == null ? Optional.empty() : Optional.of(file.timeline(query));
    }

    @Override
    public Optional<List<DeploymentState>> deployments(String scenario) {
        ScenarioFile file = knownScenario(scenario);
        return file == null ? Optional.empty() : Optional.of(file.deployments());
    }

    /** The scenario's file when it holds events (read again first by a read-only store), else null. */
    private ScenarioFile knownScenario(String scenario) {
        checkOpen();
        ScenarioFile file = scenarios.find(scenario);
        return file == null || file.summary().totalEvents() == 0 ? null : file;
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreUnavailableException when the store is closed or the file cannot be read
     */
    @Override
    public EventPage query(EventQuery query) {
        Objects.requireNonNull(query, "query");
        checkOpen();
        ScenarioFile file = scenarios.find(query.scenario());
        if (file == null) {
            if (query.cursor() != null) {
                QueryCursor.decode(query.cursor(), query.order());
                throw QueryCursor.stale();
            }
            return EventPage.empty();
        }
        try (ScenarioView view = file.openView()) {
            return CrossFileQuery.run(query, file.scenario, view, counters);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot read scenario '" + file.scenario + "': "
                    + IoReasons.describe(e), e);
        }
    }

    /**
     * {@inheritDoc} Not writable when closed, read-only, or when the latest append failed with an
     * I/O error (until an append succeeds again; appends are always attempted).
     */
    @Override
    public StoreHealth health() {
        if (closed) {
            return StoreHealth.unavailable("store is closed");
        }
        if (readOnly) {
            return StoreHealth.unavailable("store is open read-only");
        }
        String failure = writeFailure;
        return failure == null ? StoreHealth.ok()
                : StoreHealth.unavailable("the last append failed (" + failure + "); the next append tries again");
    }

    /** The store's counters now; cheap enough for every {@code /metrics} scrape. */
    public JsonlStoreStats stats() {
        long events = 0;
        int count = 0;
        for (ScenarioFile file : scenarios.known()) {
            events += file.summary().totalEvents();
            count++;
        }
        return new JsonlStoreStats(count, events, counters.writes.sum(), counters.bytesWritten.sum(),
                counters.fsyncs.sum(), counters.duplicatesSkipped.sum(), counters.writeFailures.sum(),
                counters.badLinesSkipped.sum(), counters.tornTailsRecovered.sum(), counters.bytesScanned.sum(),
                window == null ? 0 : window.size(), counters.scenariosRestored.sum(), counters.scenariosRebuilt.sum(),
                counters.snapshotsWritten.sum(), counters.snapshotFailures.sum());
    }

    /** The de-duplication window's fingerprints, oldest first; empty when read-only (for tests). */
    long[] dedupWindowContents() {
        return window == null ? new long[0] : window.oldestFirst();
    }

    /** What retention did since open; all zero without a {@link RetentionPolicy}. */
    public RetentionStats retentionStats() {
        return retention == null ? new RetentionStats(0, 0, 0, 0, null) : retention.stats();
    }

    /** Runs a retention pass now and waits for it (tests: age limits under an injected clock). */
    void runRetention() {
        if (retention != null) {
            retention.runPass();
        }
    }

    /**
     * Waits for appends in progress and a retention step in progress, writes the final snapshot (a
     * failure is only counted), then closes every file and releases the directory lock. Idempotent.
     *
     * @throws StoreException when a file could not be closed cleanly (everything is still released)
     */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (forces != null) {
                forces.close();
            }
            if (retention != null) {
                retention.close();
            }
            if (snapshots != null) {
                snapshots.close();
            }
            IOException failure = null;
            for (ScenarioFile file : scenarios.known()) {
                try {
                    file.close();
                } catch (IOException e) {
                    failure = first(failure, e);
                }
            }
            if (lock != null) {
                try {
                    lock.close();
                } catch (IOException e) {
                    failure = first(failure, e);
                }
            }
            if (failure != null) {
                throw new StoreException("store closed with an error: " + IoReasons.describe(failure), failure);
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private static IOException first(IOException failure, IOException e) {
        if (failure == null) {
            return e;
        }
        failure.addSuppressed(e);
        return failure;
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreUnavailableException("store is closed");
        }
    }

    /**
     * Configures and opens a {@link JsonlTelemetryStore}. Validates each setting as it is given;
     * not thread-safe.
     */
    public static final class Builder {
        private final Path dir;
        private FsyncPolicy fsync = FsyncPolicy.BATCH;
        private boolean readOnly;
        private int dedupWindow = DedupWindow.DEFAULT_CAPACITY;
        private LongConsumer fsyncListener = nanos -> { };
        private WriteChannel.Opener opener = WriteChannel.DEFAULT_OPENER;
        private boolean snapshots = true;
        private Duration snapshotInterval = Duration.ofSeconds(60);
        private long snapshotAfterBytes = 64L * 1024 * 1024;
        private RetentionPolicy retention = RetentionPolicy.none();
        private Clock clock = Clock.systemUTC();

        private Builder(Path dir) {
            // Absolute, so every file has a parent directory to check paths against and to force.
            this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
        }

        /** When appends are forced to the disk; default {@link FsyncPolicy#BATCH}. */
        public Builder fsync(FsyncPolicy policy) {
            this.fsync = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Opens the directory only to read it, without its lock, so it can be read while a server
         * writes it; appends then fail. Default false.
         */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /**
         * How many of the most recently stored event ids, across all scenarios, are remembered to
         * drop retried events: default 1,000,000, about 24 bytes each when full (about 25 MB). After
         * a restart each of S scenarios keeps its newest {@code eventIds / S} ids.
         *
         * @throws IllegalArgumentException when not between 1 and 2^28
         */
        public Builder dedupWindow(int eventIds) {
            if (eventIds < 1 || eventIds > DedupWindow.MAX_CAPACITY) {
                throw new IllegalArgumentException("dedupWindow must be between 1 and " + DedupWindow.MAX_CAPACITY
                        + ", got " + eventIds);
            }
            this.dedupWindow = eventIds;
            return this;
        }

        /**
         * Called on the forcing thread with the duration in nanoseconds of each force (for metrics);
         * it must be quick and must not throw.
         */
        public Builder fsyncListener(LongConsumer nanos) {
            this.fsyncListener = Objects.requireNonNull(nanos, "nanos");
            return this;
        }

        /**
         * Whether summaries are persisted as snapshots (in {@code {dir}/.snapshots/}) so that a
         * restart reads only the lines appended after them; default true. A read-only store uses
         * them but never writes them. Off, every open reads every file whole. A scenario with
         * retention segments is never snapshotted: it is read whole on open.
         */
        public Builder snapshots(boolean enabled) {
            this.snapshots = enabled;
            return this;
        }

        /**
         * How often, at most, the background thread writes a snapshot when anything changed;
         * default 60 seconds. One is also written on close.
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder snapshotInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("snapshotInterval must be positive, got " + interval);
            }
            this.snapshotInterval = interval;
            return this;
        }

        /**
         * After how many appended bytes a snapshot is written without waiting for the interval;
         * default 64 MiB. This bounds what a restart after a crash has to read again.
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder snapshotAfterBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("snapshotAfterBytes must be positive, got " + bytes);
            }
            this.snapshotAfterBytes = bytes;
            return this;
        }

        /**
         * How much of each scenario is kept: rotation into numbered (optionally gzip'd) segments
         * and deletion of the oldest beyond a size or age limit. Default {@link RetentionPolicy#none()}:
         * one live file per scenario, kept whole. Ignored by a read-only store.
         */
        public Builder retention(RetentionPolicy policy) {
            this.retention = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The clock retention measures ages with; default the system clock in UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** For tests: how scenario files are opened for appending. */
        Builder channelOpener(WriteChannel.Opener opener) {
            this.opener = Objects.requireNonNull(opener, "opener");
            return this;
        }

        /**
         * Opens the store: creates the directory when missing (not when read-only), takes the
         * directory lock (not when read-only) and rebuilds the summaries from the files.
         *
         * @throws StoreLockedException      when another store writes the directory
         * @throws StoreUnavailableException when the directory cannot be created, read or locked
         */
        public JsonlTelemetryStore open() {
            if (readOnly) {
                if (!Files.isDirectory(dir)) {
                    throw new StoreUnavailableException("telemetry directory " + dir + " does not exist");
                }
            } else {
                try {
                    Files.createDirectories(dir);
                } catch (IOException e) {
                    throw new StoreUnavailableException("cannot create the telemetry directory: "
                            + IoReasons.describe(e), e);
                }
            }
            DirectoryLock lock = readOnly ? null : DirectoryLock.acquire(dir);
            try {
                return new JsonlTelemetryStore(this, lock);
            } catch (IOException | RuntimeException e) {
                StoreUnavailableException failure = e instanceof StoreUnavailableException
                        ? (StoreUnavailableException) e
                        : new StoreUnavailableException("cannot read the telemetry directory: "
                                + (e instanceof IOException ? IoReasons.describe((IOException) e) : e.toString()), e);
                if (lock != null) {
                    try {
                        lock.close();
                    } catch (IOException closeFailed) {
                        failure.addSuppressed(closeFailed);
                    }
                }
                throw failure;
            }
        }
    }
}
