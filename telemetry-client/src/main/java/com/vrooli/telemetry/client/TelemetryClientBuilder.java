package com.vrooli.telemetry.client;

import com.vrooli.telemetry.core.DecodeLimits;
import com.vrooli.telemetry.core.EventRules;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds a {@link TelemetryClient}; every setting is checked here, so a bad one fails fast.
 * Not thread-safe.
 */
public final class TelemetryClientBuilder {

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

    TelemetryClientBuilder() {
    }

    /** A builder preset from a bundle manifest (see {@link TelemetryClient#builderFromBundle}). */
    static TelemetryClientBuilder fromManifest(BundleManifest m) {
        TelemetryClientBuilder b = new TelemetryClientBuilder().scenario(m.scenario()).spoolFile(m.telemetryFile());
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

    /** The scenario every event belongs to (required; 1-128 of {@code [A-Za-z0-9._-]}). */
    public TelemetryClientBuilder scenario(String scenario) {
        Objects.requireNonNull(scenario, "scenario");
        String problem = EventRules.scenarioProblem(scenario);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.scenario = scenario;
        return this;
    }

    /** The deployment id sent with every event (optional). */
    public TelemetryClientBuilder deploymentId(String deploymentId) {
        Objects.requireNonNull(deploymentId, "deploymentId");
        String problem = EventRules.deploymentIdProblem(deploymentId);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.deploymentId = deploymentId;
        return this;
    }

    /** The app's version, used by {@link TelemetryClient#appStart(String, String)} (optional). */
    public TelemetryClientBuilder appVersion(String appVersion) {
        this.appVersion = Objects.requireNonNull(appVersion, "appVersion");
        return this;
    }

    /** The local JSONL file (required); its directory is created when needed. */
    public TelemetryClientBuilder spoolFile(Path spoolFile) {
        SpoolPaths.of(spoolFile);
        this.spoolFile = spoolFile;
        return this;
    }

    /** Where to upload (optional; without it events are only kept in the file). */
    public TelemetryClientBuilder uploadTo(URI uploadUri) {
        Objects.requireNonNull(uploadUri, "uploadUri");
        if (!isHttpUri(uploadUri)) {
            throw new IllegalArgumentException("uploadTo must be an absolute http or https URL");
        }
        this.uploadUri = uploadUri;
        return this;
    }

    /** A token sent as {@code Authorization: Bearer <token>} with every upload; never logged. */
    public TelemetryClientBuilder authToken(String token) {
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
    public TelemetryClientBuilder maxSpoolBytes(long bytes) {
        if (bytes < MIN_SPOOL_BYTES) {
            throw new IllegalArgumentException("maxSpoolBytes must be at least " + MIN_SPOOL_BYTES + ", got " + bytes);
        }
        this.maxSpoolBytes = bytes;
        return this;
    }

    /** Events the in-memory queue holds before dropping (default 8192). */
    public TelemetryClientBuilder queueCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be positive, got " + capacity);
        }
        this.queueCapacity = capacity;
        return this;
    }

    /** Events per upload batch (default 500). */
    public TelemetryClientBuilder maxBatchEvents(int events) {
        if (events < 1) {
            throw new IllegalArgumentException("maxBatchEvents must be positive, got " + events);
        }
        this.maxBatchEvents = events;
        return this;
    }

    /** Uncompressed bytes per upload batch (default 1 MiB; 128 KiB to 4 MiB, the server's limit). */
    public TelemetryClientBuilder maxBatchBytes(int bytes) {
        if (bytes < 128 * 1024 || bytes > DecodeLimits.DEFAULT_MAX_BODY_BYTES) {
            throw new IllegalArgumentException("maxBatchBytes must be between 128 KiB and 4 MiB, got " + bytes);
        }
        this.maxBatchBytes = bytes;
        return this;
    }

    /** How long new events may wait to be uploaded together (default 2 s). */
    public TelemetryClientBuilder uploadInterval(Duration interval) {
        this.uploadInterval = positive(interval, "uploadInterval");
        return this;
    }

    /** How long one upload may take before it counts as failed (default 10 s). */
    public TelemetryClientBuilder requestTimeout(Duration timeout) {
        this.requestTimeout = positive(timeout, "requestTimeout");
        return this;
    }

    /** How long {@link TelemetryClient#close()} may take (default 2 s). */
    public TelemetryClientBuilder closeTimeout(Duration timeout) {
        this.closeTimeout = positive(timeout, "closeTimeout");
        return this;
    }

    /** Whether a JVM shutdown hook closes the client (default true). */
    public TelemetryClientBuilder closeOnShutdown(boolean close) {
        this.closeOnShutdown = close;
        return this;
    }

    TelemetryClientBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    TelemetryClientBuilder backoff(Duration base, Duration cap) {
        this.backoffBase = positive(base, "base");
        this.backoffCap = positive(cap, "cap");
        return this;
    }

    TelemetryClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = positive(timeout, "connectTimeout");
        return this;
    }

    TelemetryClientBuilder maxRetryAfter(Duration max) {
        this.maxRetryAfter = positive(max, "maxRetryAfter");
        return this;
    }

    TelemetryClientBuilder fsync(boolean fsync) {
        this.fsync = fsync;
        return this;
    }

    TelemetryClientBuilder ownerRetryInterval(Duration interval) {
        this.ownerRetryInterval = positive(interval, "ownerRetryInterval");
        return this;
    }

    TelemetryClientBuilder lockWait(Duration wait) {
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
        return TelemetryClient.start(config);
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
