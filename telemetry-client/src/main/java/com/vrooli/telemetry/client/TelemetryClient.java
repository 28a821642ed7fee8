package com.vrooli.telemetry.client;

import com.vrooli.telemetry.core.EventRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
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
    private final ClientCounters counters = new ClientCounters();
    private final RateLimitedLogger log;
    private final EventQueue queue;
    private final String threadPrefix;
    private final DaemonThreadFactory httpThreads;
    private final ExecutorService httpExecutor;
    private final SpoolForcer forcer;
    private final ClientWorker worker;
    private final Thread workerThread;
    private final Thread shutdownHook;
    private final Object lifecycle = new Object();
    private volatile boolean closed;
    private CrashHandler crashHandler;

    private TelemetryClient(ClientConfig config) {
        this.config = config;
        this.log = new RateLimitedLogger(config.warningInterval().toNanos());
        this.queue = new EventQueue(config.queueCapacity(), counters, log, config.clock());
        this.threadPrefix = "telemetry-client-" + config.scenario() + "-" + Integer.toHexString(System.identityHashCode(this));
        Spool spool = new Spool(SpoolPaths.of(config.spoolFile()), config.maxSpoolBytes(), config.uploadUri() != null,
                config.fsync(), config.lockWait().toNanos());
        boolean uploading = config.uploadUri() != null;
        this.httpThreads = uploading ? new DaemonThreadFactory(threadPrefix + "-http") : null;
        this.httpExecutor = uploading ? Executors.newCachedThreadPool(httpThreads) : null;
        UploadController uploads = uploading
                ? UploadController.create(config, spool, httpExecutor, counters, log, queue::wake) : null;
        EventEncoder encoder = new EventEncoder(config.scenario(), config.deploymentId(), config.maxEventBytes());
        this.forcer = config.fsync() ? new SpoolForcer(config.spoolFile(), log) : null;
        this.worker = new ClientWorker(config, queue.queue(), spool, encoder, forcer, uploads, counters, log);
        this.workerThread = new Thread(worker, threadPrefix + "-worker");
        this.workerThread.setDaemon(true);
        this.shutdownHook = config.closeOnShutdown() ? new Thread(this::close, threadPrefix + "-shutdown") : null;
    }

    /** Builds and starts a client (for {@link TelemetryClientBuilder#build()}). */
    static TelemetryClient start(ClientConfig config) {
        return new TelemetryClient(config).startThreads();
    }

    private TelemetryClient startThreads() {
        if (forcer != null) {
            forcer.start(threadPrefix + "-fsync");
        }
        workerThread.start();
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        return this;
    }

    /** A builder; {@code scenario} and {@code spoolFile} are required. */
    public static TelemetryClientBuilder builder() {
        return new TelemetryClientBuilder();
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
    public static TelemetryClientBuilder builderFromBundle(Path bundleJson, Path appDataDir) {
        Objects.requireNonNull(bundleJson, "bundleJson");
        Objects.requireNonNull(appDataDir, "appDataDir");
        return TelemetryClientBuilder.fromManifest(BundleManifest.read(bundleJson, appDataDir));
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
            queue.offer(event, details);
        } catch (IllegalArgumentException e) {
            counters.rejected.increment();
            log.warn(RateLimitedLogger.Kind.INVALID_EVENT, "telemetry event '" + event + "' rejected: " + e.getMessage());
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
     * server (stored, duplicate or rejected), or, without an upload address, written to the file
     * (and forced to disk, unless {@code fsync(false)}). Events dropped on the way count as dealt with; {@link #stats()} tells them apart.
     *
     * @return true when done within {@code timeout}; false on timeout (for instance while the
     *         server is down, or answers without judging the events, such as a 401), when the
     *         {@code fsync} of a write made to the file since the previous flush failed (without an
     *         upload address; however the writes were grouped into forces), after
     *         {@link #close()}, or when interrupted (the flag is kept)
     */
    public boolean flush(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (closed) {
            return false;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        FlushMarker marker = new FlushMarker(false);
        try {
            return queue.offerMarker(marker, timeout.toNanos()) && marker.await(deadline - System.nanoTime());
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
                queue.wake();
                uninstallCrashHandler();
                removeShutdownHook();
            }
        }
        try {
            DaemonThreadFactory.join(workerThread, deadline + CLOSE_GRACE_NANOS);
            if (workerThread.isAlive()) {
                workerThread.interrupt();
                DaemonThreadFactory.join(workerThread, System.nanoTime() + CLOSE_GRACE_NANOS);
            }
            if (httpExecutor != null) {
                httpExecutor.shutdownNow();
                httpThreads.joinAll(System.nanoTime() + CLOSE_GRACE_NANOS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!workerThread.isAlive()) {
            queue.dropLeftovers();
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
        return counters.snapshot(() -> Math.max(0, counters.queued.sum() - worker.taken()) + worker.pendingInFile());
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
        try {
            queue.offerAndAwaitFile("crash", EventDetails.crash(error), config.closeTimeout().toNanos());
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
}
