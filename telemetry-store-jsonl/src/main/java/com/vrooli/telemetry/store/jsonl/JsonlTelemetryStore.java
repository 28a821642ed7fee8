package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.core.AppendResult;
import com.vrooli.telemetry.core.DeploymentState;
import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.StoreException;
import com.vrooli.telemetry.core.StoreHealth;
import com.vrooli.telemetry.core.StoreLimitCounters;
import com.vrooli.telemetry.core.StoreLimits;
import com.vrooli.telemetry.core.StoreUnavailableException;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.core.TelemetryStore;
import com.vrooli.telemetry.core.Timeline;
import com.vrooli.telemetry.core.TimelineQuery;
import com.vrooli.telemetry.store.jsonl.append.UnsyncedWrites;
import com.vrooli.telemetry.store.jsonl.directory.DirectoryLock;
import com.vrooli.telemetry.store.jsonl.directory.OpenChannels;
import com.vrooli.telemetry.store.jsonl.directory.ScenarioNames;
import com.vrooli.telemetry.store.jsonl.journal.Journal;
import com.vrooli.telemetry.store.jsonl.journal.JournalReplay;
import com.vrooli.telemetry.store.jsonl.journal.WriteBehind;
import com.vrooli.telemetry.store.jsonl.query.CrossFileQuery;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The embedded default store: one file {@code {dir}/{scenario}.jsonl} per scenario, one stored
 * line per event in the exact shape of {@link com.vrooli.telemetry.core.EventLineCodec}.
 *
 * <p>Writes: each scenario's part of a batch is one write of whole lines under that scenario's
 * lock, and {@link #append} returns only after that write and, per {@link FsyncPolicy}, after
 * it is durable: with {@code BATCH} (the default), once the batch's record in the store-wide
 * write-ahead {@link Journal} is forced, one force shared by every append in flight whatever its
 * scenarios, the scenario files being forced behind ({@link WriteBehind}); with {@code ALWAYS},
 * once its own scenario files are forced. On open, the journal is replayed into the scenario files
 * first ({@link JournalReplay}). An I/O error
 * (disk full, read-only) throws {@link StoreUnavailableException} with the failed part cut back
 * off the file; reads go on working and the next append simply tries again. A failed force is
 * never acknowledged around: what it held is written again before that file acknowledges anything
 * ({@link UnsyncedWrites}). A writing store holds the directory's lock file, so a second writer
 * fails with {@link StoreLockedException}.
 *
 * <p>Bounds ({@link com.vrooli.telemetry.core.StoreLimits}): scenarios, failure types per scenario
 * and bytes of a query page are capped, and at most {@link JsonlStoreBuilder#maxOpenFiles} scenario
 * files stay open for appending ({@link OpenChannels}).
 *
 * <p>On open, each scenario resumes from its snapshot in {@code {dir}/.snapshots/} when it has no
 * retention segments and the snapshot matches its live file, and reads only the lines after it;
 * otherwise its segments and live file are streamed once to rebuild its summary and its share of the window of recent event ids used for de-duplication.
 * Snapshots are written on close and by a background thread (see {@link JsonlStoreBuilder#snapshotInterval}).
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

    private final StoreParts parts;
    private final boolean readOnly;
    private final StoreCounters counters;
    private final ScenarioRegistry scenarios;
    private final StoreLimits limits;
    /** Appends share it; close takes it exclusively, so it waits for appends in progress. */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile boolean closed;

    JsonlTelemetryStore(JsonlStoreBuilder b, DirectoryLock lock) throws IOException {
        this.parts = new StoreParts(b, lock);
        this.readOnly = parts.readOnly;
        this.counters = parts.counters;
        this.scenarios = parts.scenarios;
        this.limits = b.limits;
    }

    /** A builder for a store of the directory {@code dir}. */
    public static JsonlStoreBuilder builder(Path dir) {
        return new JsonlStoreBuilder(dir);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Events are refused one by one, in {@link AppendResult#rejected()}, when their scenario is
     * new and the store holds its limit of scenarios, differs only in letter case from a stored
     * scenario, names a device on Windows, or has a path in the directory that is not a regular
     * file (see {@link ScenarioNames}).
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
            return parts.appender.append(events);
        } finally {
            lifecycle.readLock().unlock();
        }
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
        return CrossFileQuery.page(scenarios.find(query.scenario()), query, counters, limits.maxPageBytes());
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
        String failure = parts.appender.lastFailure();
        return failure == null ? StoreHealth.ok()
                : StoreHealth.unavailable("the last append failed (" + failure + "); the next append tries again");
    }

    /** The store's counters now; cheap enough for every {@code /metrics} scrape. */
    public JsonlStoreStats stats() {
        return JsonlStoreStats.of(scenarios.known(), counters, parts.window, parts.channels);
    }

    /** Journal parts that the replay on open wrote into scenario files (for tests). */
    long journalPartsReplayed() {
        return counters.journalPartsReplayed.sum();
    }

    /** The scenario's file, or null when the store has none (for tests). */
    ScenarioFile scenarioFile(String scenario) {
        return scenarios.find(scenario);
    }

    /** Runs one write-behind round now: force, checkpoint, delete covered segments (for tests). */
    void runWriteBehind() {
        if (parts.writeBehind != null) {
            parts.writeBehind.pass();
        }
    }

    @Override
    public StoreLimitCounters limitCounters() {
        return new StoreLimitCounters(counters.scenariosRefused.sum(), parts.channels.size(),
                parts.channels.evictions(), parts.channels.reopens(), counters.pagesCutByBytes.sum(),
                parts.deployments.dropped());
    }

    /** The de-duplication window's fingerprints, oldest first; empty when read-only (for tests). */
    long[] dedupWindowContents() {
        return parts.window == null ? new long[0] : parts.window.oldestFirst();
    }

    /** What retention did since open; all zero without a {@link RetentionPolicy}. */
    public RetentionStats retentionStats() {
        return parts.retention == null ? new RetentionStats(0, 0, 0, 0, null) : parts.retention.stats();
    }

    /** Runs a retention pass now and waits for it (tests: age limits under an injected clock). */
    void runRetention() {
        if (parts.retention != null) {
            parts.retention.runPass();
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
            IOException failure = parts.close();
            if (failure != null) {
                throw new StoreException("store closed with an error: " + IoReasons.describe(failure), failure);
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreUnavailableException("store is closed");
        }
    }
}
