package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.core.StoreLimits;
import com.vrooli.telemetry.core.StoreUnavailableException;
import com.vrooli.telemetry.store.jsonl.append.WriteChannel;
import com.vrooli.telemetry.store.jsonl.dedup.DedupWindow;
import com.vrooli.telemetry.store.jsonl.directory.DirectoryLock;
import com.vrooli.telemetry.store.jsonl.directory.OpenChannels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * Configures and opens a {@link JsonlTelemetryStore}. Validates each setting as it is given;
 * not thread-safe.
 */
public final class JsonlStoreBuilder {
    public final Path dir;
    public FsyncPolicy fsync = FsyncPolicy.BATCH;
    boolean readOnly;
    int dedupWindow = DedupWindow.DEFAULT_CAPACITY;
    public LongConsumer fsyncListener = nanos -> { };
    public WriteChannel.Opener opener = WriteChannel.DEFAULT_OPENER;
    public long journalSegmentBytes = 64L << 20;
    Duration journalCheckpoint = Duration.ofSeconds(2);
    boolean snapshots = true;
    Duration snapshotInterval = Duration.ofSeconds(60);
    long snapshotAfterBytes = 64L * 1024 * 1024;
    RetentionPolicy retention = RetentionPolicy.none();
    Clock clock = Clock.systemUTC();
    StoreLimits limits = StoreLimits.defaults();
    int maxOpenFiles = OpenChannels.DEFAULT_MAX_OPEN;

    JsonlStoreBuilder(Path dir) {
        // Absolute, so every file has a parent directory to check paths against and to force.
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
    }

    /** When appends are forced to the disk; default {@link FsyncPolicy#BATCH}. */
    public JsonlStoreBuilder fsync(FsyncPolicy policy) {
        this.fsync = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * Opens the directory only to read it, without its lock, so it can be read while a server
     * writes it; appends then fail. Default false.
     */
    public JsonlStoreBuilder readOnly(boolean readOnly) {
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
    public JsonlStoreBuilder dedupWindow(int eventIds) {
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
    public JsonlStoreBuilder fsyncListener(LongConsumer nanos) {
        this.fsyncListener = Objects.requireNonNull(nanos, "nanos");
        return this;
    }

    /**
     * Whether summaries are persisted as snapshots (in {@code {dir}/.snapshots/}) so that a
     * restart reads only the lines appended after them; default true. A read-only store uses
     * them but never writes them. Off, every open reads every file whole. A scenario with
     * retention segments is never snapshotted: it is read whole on open.
     */
    public JsonlStoreBuilder snapshots(boolean enabled) {
        this.snapshots = enabled;
        return this;
    }

    /**
     * How often, at most, the background thread writes a snapshot when anything changed;
     * default 60 seconds. One is also written on close.
     *
     * @throws IllegalArgumentException when not positive
     */
    public JsonlStoreBuilder snapshotInterval(Duration interval) {
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
    public JsonlStoreBuilder snapshotAfterBytes(long bytes) {
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
    public JsonlStoreBuilder retention(RetentionPolicy policy) {
        this.retention = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** The clock retention measures ages with; default the system clock in UTC. */
    public JsonlStoreBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * The per-tenant bounds (scenarios, failure types per scenario, bytes of an events page);
     * default {@link StoreLimits#defaults()}.
     */
    public JsonlStoreBuilder limits(StoreLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        return this;
    }

    /**
     * How many scenario files are kept open for appending at most; default
     * {@value OpenChannels#DEFAULT_MAX_OPEN}. The least recently used idle ones are closed past
     * it and reopened on their next append, so descriptors stay bounded whatever the number of
     * scenarios (queries and the lock file use a few more).
     *
     * @throws IllegalArgumentException when not positive
     */
    public JsonlStoreBuilder maxOpenFiles(int files) {
        if (files < 1) {
            throw new IllegalArgumentException("maxOpenFiles must be at least 1, got " + files);
        }
        this.maxOpenFiles = files;
        return this;
    }

    /**
     * For tests and benchmarks: the journal's segment size (a segment is sealed once it reaches it)
     * and how old the active segment may grow before the write-behind seals it so that it can be
     * deleted; defaults 64 MiB and 2 seconds.
     */
    JsonlStoreBuilder journal(long segmentBytes, Duration checkpointInterval) {
        if (segmentBytes < 1 || checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("journal segment size and checkpoint interval must be positive");
        }
        this.journalSegmentBytes = segmentBytes;
        this.journalCheckpoint = checkpointInterval;
        return this;
    }

    /** For tests: how scenario files are opened for appending. */
    JsonlStoreBuilder channelOpener(WriteChannel.Opener opener) {
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
