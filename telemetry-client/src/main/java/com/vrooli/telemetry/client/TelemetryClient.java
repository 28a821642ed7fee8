package com.vrooli.telemetry.client;

import com.vrooli.telemetry.core.DecodeLimits;
import com.vrooli.telemetry.core.EventRules;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * What a deployed app embeds to report deployment telemetry.
 *
 * <p>{@link #record} puts the event in a bounded in-memory queue and returns: it never blocks and
 * never throws (invalid events are counted as rejected, events that find the queue full are
 * counted as dropped). One daemon thread appends queued events to the local JSONL file (the
 * document's stored line format, each with a UUIDv7 {@code event_id} made at record time) and,
 * when an upload address is set, uploads what the server has not acknowledged in gzip'd NDJSON
 * batches, remembering the acknowledged position beside the file. A restart resumes from there;
 * a batch re-sent after a lost answer is de-duplicated by the server through the event ids.
 * Failed uploads are retried with backoff while the backlog waits in the file, not in memory.
 *
 * <p>{@link #close()} writes what is queued to the file, tries a last upload within its deadline
 * and returns; what is not sent stays in the file for the next start. The only exceptions this
 * class throws come from building it: bad builder settings ({@link IllegalArgumentException},
 * {@link NullPointerException}) and bad manifests ({@link BundleManifestException}).
 *
 * <p>Thread-safe. Use one client per file in a process; several processes may share a file.
 */
public final class TelemetryClient implements TelemetryRecorder, AutoCloseable {

    private static final long CLOSE_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final ClientConfig config;
    private final Clock clock;
    private final BlockingQueue<Object> queue;
    private final ClientCounters counters = new ClientCounters();
    private final RateLimitedLogger log;
    private final UuidV7 ids = new UuidV7();
    private final String threadPrefix;
    private final String queueFullWarning;
    private final ExecutorService httpExecutor;
    private final ClientWorker worker;
    private final Thread workerThread;
    private final Thread shutdownHook;
    private final Object lifecycle = new Object();
    private volatile boolean closed;
    private CrashHandler crashHandler;

    private TelemetryClient(ClientConfig config) {
        this.config = config;
        this.clock = config.clock();
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.log = new RateLimitedLogger(config.warningInterval().toNanos());
        this.threadPrefix = "telemetry-client-" + config.scenario() + "-" + Integer.toHexString(System.identityHashCode(this));
        this.queueFullWarning = "the telemetry queue is full (" + config.queueCapacity()
                + " events): events are dropped; see stats()";
        Spool spool = new Spool(SpoolPaths.of(config.spoolFile()), config.maxSpoolBytes(), config.uploadUri() != null,
                config.fsync(), config.lockWait().toNanos());
        UploadController uploads = null;
        if (config.uploadUri() != null) {
            httpExecutor = Executors.newCachedThreadPool(new DaemonThreadFactory(threadPrefix + "-http"));
            Uploader uploader = new Uploader(Uploader.httpClient(config.connectTimeout(), httpExecutor),
                    config.uploadUri(), config.authToken());
            RetryPolicy retry = new RetryPolicy(config.backoffBase(), config.backoffCap(), config.maxRetryAfter(), clock);
            uploads = new UploadController(spool, uploader, retry, counters, log, () -> queue.offer(ClientWorker.WAKE),
                    config.maxBatchEvents(), config.maxBatchBytes(), config.uploadInterval());
        } else {
            httpExecutor = null;
        }
        EventEncoder encoder = new EventEncoder(config.scenario(), config.deploymentId(), config.maxEventBytes());
        this.worker = new ClientWorker(config, queue, spool, encoder, uploads, counters, log);
        this.workerThread = new Thread(worker, threadPrefix + "-worker");
        this.workerThread.setDaemon(true);
        this.shutdownHook = config.closeOnShutdown() ? new Thread(this::close, threadPrefix + "-shutdown") : null;
    }

    private TelemetryClient start() {
        workerThread.start();
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        return this;
    }

    /** A builder; {@code scenario} and {@code spoolFile} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client configured by a bundle manifest ({@code bundle.json}); see
     * {@link #builderFromBundle(Path, Path)}.
     *
     * @throws BundleManifestException when the manifest is missing, unreadable or invalid
     */
    public static TelemetryClient fromBundle(Path bundleJson, Path appDataDir) {
        return builderFromBundle(bundleJson, appDataDir).build();
    }

    /**
     * A builder preset from a bundle manifest, to add a deployment id or tune limits: scenario =
     * {@code app.name}, app version = {@code app.version}, the file = {@code telemetry.file}
     * resolved against {@code appDataDir} (default {@code telemetry/deployment-telemetry.jsonl}),
     * the upload address = {@code telemetry.upload_to} or {@code telemetry.upload_url} (none: the
     * file only), the token = {@code telemetry.token} or the content of {@code telemetry.token_file}.
     * Unknown keys are ignored.
     *
     * @throws BundleManifestException when the manifest is missing, unreadable or invalid
     */
    public static Builder builderFromBundle(Path bundleJson, Path appDataDir) {
        Objects.requireNonNull(bundleJson, "bundleJson");
        Objects.requireNonNull(appDataDir, "appDataDir");
        BundleManifest m = BundleManifest.read(bundleJson, appDataDir);
        Builder b = builder().scenario(m.scenario()).spoolFile(m.telemetryFile());
        if (m.appVersion() != null) {
            b.appVersion(m.appVersion());
        }
        if (m.uploadUri() != null) {
            b.uploadTo(m.uploadUri());
        }
        if (m.token() != null) {
            b.authToken(m.token());
        }
        return b;
    }

    @Override
    public void record(String event, Map<String, ?> details) {
        counters.recorded.increment();
        try {
            if (closed) {
                counters.dropped(DropReason.CLOSED, 1);
                return;
            }
            String problem = EventRules.eventProblem(event);
            if (problem != null) {
                counters.rejected.increment();
                log.warn(RateLimitedLogger.Kind.INVALID_EVENT, "telemetry event rejected: " + problem);
                return;
            }
            Instant now = clock.instant();
            if (!queue.offer(new PendingEvent(now, event, details, ids.nextHigh(now.toEpochMilli()), ids.nextLow()))) {
                counters.dropped(DropReason.QUEUE_FULL, 1);
                log.warn(RateLimitedLogger.Kind.QUEUE_FULL, queueFullWarning);
            }
        } catch (RuntimeException e) {
            counters.rejected.increment();
            log.warn(RateLimitedLogger.Kind.INTERNAL, "telemetry event not recorded: " + e, e);
        }
    }

    /**
     * {@code app_start} with the app version this client was built with (a bundle's
     * {@code app.version}).
     */
    public void appStart(String platform, String mode) {
        appStart(config.appVersion(), platform, mode);
    }

    /** The app version from the builder or the bundle manifest, or null. */
    public String appVersion() {
        return config.appVersion();
    }

    /**
     * Waits until every event recorded before this call has been dealt with: answered by the
     * server (stored, duplicate or rejected), or, without an upload address, written to the file.
     * Events dropped on the way count as dealt with; {@link #stats()} tells them apart.
     *
     * @return true when done within {@code timeout}; false on timeout (for instance while the
     *         server is down), after {@link #close()}, or when interrupted (the flag is kept)
     */
    public boolean flush(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (closed) {
            return false;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        FlushMarker marker = new FlushMarker(false);
        try {
            return queue.offer(marker, timeout.toNanos(), TimeUnit.NANOSECONDS)
                    && marker.await(deadline - System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Closes with the configured close timeout (default 2 seconds). */
    @Override
    public void close() {
        close(config.closeTimeout());
    }

    /**
     * Writes what is queued to the file, tries a last upload until {@code timeout} has passed, and
     * stops the client's threads. Whatever is not acknowledged stays in the file for the next
     * start. Returns within about {@code timeout} even when the server hangs. Idempotent; later
     * {@code record} calls are counted as dropped ({@link DropReason#CLOSED}).
     */
    public void close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lifecycle) {
            if (!closed) {
                closed = true;
                worker.requestClose(deadline);
                queue.offer(ClientWorker.WAKE);
                uninstallCrashHandler();
                removeShutdownHook();
            }
        }
        try {
            join(workerThread, deadline + CLOSE_GRACE_NANOS);
            if (workerThread.isAlive()) {
                workerThread.interrupt();
                join(workerThread, System.nanoTime() + CLOSE_GRACE_NANOS);
            }
            if (httpExecutor != null) {
                httpExecutor.shutdownNow();
                httpExecutor.awaitTermination(CLOSE_GRACE_NANOS, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!workerThread.isAlive()) {
            Object left;
            while ((left = queue.poll()) != null) {
                if (left instanceof PendingEvent) {
                    counters.dropped(DropReason.CLOSED, 1);
                } else if (left instanceof FlushMarker) {
                    ((FlushMarker) left).complete(false);
                }
            }
        }
    }

    private static void join(Thread t, long deadlineNanos) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.timedJoin(t, left);
        }
    }

    private void removeShutdownHook() {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook runs or has run; nothing to undo.
                RateLimitedLogger.LOGGER.fine("telemetry client closed during JVM shutdown");
            }
        }
    }

    /** What this client did so far. Cheap; safe to call from any thread, also after close. */
    public ClientStats stats() {
        return counters.snapshot(() -> queue.size() + worker.pendingInFile());
    }

    /**
     * Installs a default uncaught-exception handler that records {@code crash} (error and stack)
     * and waits, at most the close timeout, until it is in the local file; then it passes the
     * exception on to the handler installed before (or prints it as the JVM does). Calling it again
     * does nothing; {@link #close()} puts the previous handler back if this one is still installed.
     *
     * @return this client
     */
    public TelemetryClient installCrashHandler() {
        synchronized (lifecycle) {
            if (!closed && crashHandler == null) {
                crashHandler = new CrashHandler(this::recordCrashAndWait, Thread.getDefaultUncaughtExceptionHandler());
                Thread.setDefaultUncaughtExceptionHandler(crashHandler);
            }
        }
        return this;
    }

    private void uninstallCrashHandler() {
        if (crashHandler != null && Thread.getDefaultUncaughtExceptionHandler() == crashHandler) {
            Thread.setDefaultUncaughtExceptionHandler(crashHandler.previous());
        }
        crashHandler = null;
    }

    /** Records {@code crash} and waits (bounded by the close timeout) until it is in the file. */
    void recordCrashAndWait(Throwable error) {
        counters.recorded.increment();
        if (closed) {
            counters.dropped(DropReason.CLOSED, 1);
            return;
        }
        long timeout = config.closeTimeout().toNanos();
        long deadline = System.nanoTime() + timeout;
        try {
            Instant now = clock.instant();
            PendingEvent crash = new PendingEvent(now, "crash", EventDetails.crash(error),
                    ids.nextHigh(now.toEpochMilli()), ids.nextLow());
            if (!queue.offer(crash, timeout, TimeUnit.NANOSECONDS)) {
                counters.dropped(DropReason.QUEUE_FULL, 1);
                return;
            }
            FlushMarker written = new FlushMarker(true);
            if (queue.offer(written, deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                written.await(deadline - System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            counters.rejected.increment();
            log.warn(RateLimitedLogger.Kind.INTERNAL, "crash not recorded: " + e, e);
        }
    }

    /** The prefix of every thread this client starts (for tests and thread dumps). */
    String threadNamePrefix() {
        return threadPrefix;
    }

    ClientConfig config() {
        return config;
    }

    @Override
    public String toString() {
        return "TelemetryClient[" + config + "]";
    }

    /**
     * Builds a {@link TelemetryClient}; every setting is checked here, so a bad one fails fast.
     * Not thread-safe.
     */
    public static final class Builder {

        /** Default cap of the local file: 50 MiB. */
        public static final long DEFAULT_MAX_SPOOL_BYTES = 50L * 1024 * 1024;
        /** Smallest accepted cap: 256 KiB (four of the largest events). */
        public static final long MIN_SPOOL_BYTES = 256L * 1024;
        /** Default in-memory queue capacity: 8192 events. */
        public static final int DEFAULT_QUEUE_CAPACITY = 8192;
        /** Default events per upload batch: 500. */
        public static final int DEFAULT_MAX_BATCH_EVENTS = 500;
        /** Default uncompressed bytes per upload batch: 1 MiB. */
        public static final int DEFAULT_MAX_BATCH_BYTES = 1024 * 1024;

        private String scenario;
        private String deploymentId;
        private String appVersion;
        private Path spoolFile;
        private URI uploadUri;
        private String authToken;
        private long maxSpoolBytes = DEFAULT_MAX_SPOOL_BYTES;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private int maxBatchEvents = DEFAULT_MAX_BATCH_EVENTS;
        private int maxBatchBytes = DEFAULT_MAX_BATCH_BYTES;
        private Duration uploadInterval = Duration.ofSeconds(2);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration closeTimeout = Duration.ofSeconds(2);
        private boolean closeOnShutdown = true;
        private Clock clock = Clock.systemUTC();
        private Duration backoffBase = Duration.ofSeconds(1);
        private Duration backoffCap = Duration.ofMinutes(5);
        private Duration maxRetryAfter = Duration.ofHours(1);
        private boolean fsync = true;
        private Duration lockWait = Duration.ofSeconds(5);
        private Duration ownerRetryInterval = Duration.ofSeconds(5);
        private Duration warningInterval = Duration.ofMinutes(1);

        private Builder() {
        }

        /** The scenario every event belongs to (required; 1-128 of {@code [A-Za-z0-9._-]}). */
        public Builder scenario(String scenario) {
            Objects.requireNonNull(scenario, "scenario");
            String problem = EventRules.scenarioProblem(scenario);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            this.scenario = scenario;
            return this;
        }

        /** The deployment id sent with every event (optional). */
        public Builder deploymentId(String deploymentId) {
            Objects.requireNonNull(deploymentId, "deploymentId");
            String problem = EventRules.deploymentIdProblem(deploymentId);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            this.deploymentId = deploymentId;
            return this;
        }

        /** The app's version, used by {@link TelemetryClient#appStart(String, String)} (optional). */
        public Builder appVersion(String appVersion) {
            this.appVersion = Objects.requireNonNull(appVersion, "appVersion");
            return this;
        }

        /** The local JSONL file (required); its directory is created when needed. */
        public Builder spoolFile(Path spoolFile) {
            SpoolPaths.of(spoolFile);
            this.spoolFile = spoolFile;
            return this;
        }

        /** Where to upload (optional; without it events are only kept in the file). */
        public Builder uploadTo(URI uploadUri) {
            Objects.requireNonNull(uploadUri, "uploadUri");
            if (!isHttpUri(uploadUri)) {
                throw new IllegalArgumentException("uploadTo must be an absolute http or https URL");
            }
            this.uploadUri = uploadUri;
            return this;
        }

        /** A token sent as {@code Authorization: Bearer <token>} with every upload; never logged. */
        public Builder authToken(String token) {
            Objects.requireNonNull(token, "token");
            if (token.isBlank() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                throw new IllegalArgumentException("authToken must be non-empty printable ASCII without spaces");
            }
            this.authToken = token;
            return this;
        }

        /**
         * Cap of the local file (default 50 MiB, at least 256 KiB). Acknowledged data is compacted
         * away first; past the cap the oldest unsent events are dropped and counted.
         */
        public Builder maxSpoolBytes(long bytes) {
            if (bytes < MIN_SPOOL_BYTES) {
                throw new IllegalArgumentException("maxSpoolBytes must be at least " + MIN_SPOOL_BYTES + ", got " + bytes);
            }
            this.maxSpoolBytes = bytes;
            return this;
        }

        /** Events the in-memory queue holds before dropping (default 8192). */
        public Builder queueCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("queueCapacity must be positive, got " + capacity);
            }
            this.queueCapacity = capacity;
            return this;
        }

        /** Events per upload batch (default 500). */
        public Builder maxBatchEvents(int events) {
            if (events < 1) {
                throw new IllegalArgumentException("maxBatchEvents must be positive, got " + events);
            }
            this.maxBatchEvents = events;
            return this;
        }

        /** Uncompressed bytes per upload batch (default 1 MiB; 128 KiB to 4 MiB, the server's limit). */
        public Builder maxBatchBytes(int bytes) {
            if (bytes < 128 * 1024 || bytes > DecodeLimits.DEFAULT_MAX_BODY_BYTES) {
                throw new IllegalArgumentException("maxBatchBytes must be between 128 KiB and 4 MiB, got " + bytes);
            }
            this.maxBatchBytes = bytes;
            return this;
        }

        /** How long new events may wait to be uploaded together (default 2 s). */
        public Builder uploadInterval(Duration interval) {
            this.uploadInterval = positive(interval, "uploadInterval");
            return this;
        }

        /** How long one upload may take before it counts as failed (default 10 s). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** How long {@link TelemetryClient#close()} may take (default 2 s). */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = positive(timeout, "closeTimeout");
            return this;
        }

        /** Whether a JVM shutdown hook closes the client (default true). */
        public Builder closeOnShutdown(boolean close) {
            this.closeOnShutdown = close;
            return this;
        }

        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        Builder backoff(Duration base, Duration cap) {
            this.backoffBase = positive(base, "base");
            this.backoffCap = positive(cap, "cap");
            return this;
        }

        Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        Builder maxRetryAfter(Duration max) {
            this.maxRetryAfter = positive(max, "maxRetryAfter");
            return this;
        }

        Builder fsync(boolean fsync) {
            this.fsync = fsync;
            return this;
        }

        Builder ownerRetryInterval(Duration interval) {
            this.ownerRetryInterval = positive(interval, "ownerRetryInterval");
            return this;
        }

        Builder lockWait(Duration wait) {
            this.lockWait = positive(wait, "lockWait");
            return this;
        }

        /**
         * Builds and starts the client (its background thread starts; files are opened there).
         *
         * @throws NullPointerException when {@code scenario} or {@code spoolFile} is missing
         */
        public TelemetryClient build() {
            Objects.requireNonNull(scenario, "scenario");
            Objects.requireNonNull(spoolFile, "spoolFile");
            Duration connect = connectTimeout.compareTo(requestTimeout) < 0 ? connectTimeout : requestTimeout;
            ClientConfig config = new ClientConfig(scenario, deploymentId, appVersion, spoolFile, uploadUri, authToken,
                    maxSpoolBytes, queueCapacity, maxBatchEvents, maxBatchBytes, DecodeLimits.DEFAULT_MAX_EVENT_BYTES,
                    uploadInterval, requestTimeout, connect, closeTimeout, closeOnShutdown, clock, backoffBase,
                    backoffCap, maxRetryAfter, fsync, lockWait, ownerRetryInterval, warningInterval);
            return new TelemetryClient(config).start();
        }

        static boolean isHttpUri(URI uri) {
            String scheme = uri.getScheme();
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }
    }
}
