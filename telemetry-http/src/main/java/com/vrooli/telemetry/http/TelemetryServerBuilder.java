package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.DecodeLimits;
import com.vrooli.telemetry.core.TelemetryStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Configures a {@link TelemetryServer}. Defaults: port {@value TelemetryServer#DEFAULT_PORT}, bind address
 * {@value TelemetryServer#DEFAULT_BIND_ADDRESS}, 4 MiB bodies, decompressed bodies as large as the body limit,
 * 64 KiB per event, the system UTC clock, 30 s shutdown timeout, no API tokens (loopback only),
 * {@link RateLimits#defaults()}, timeouts of 10 s for headers, 60 s for a body (and at least
 * 1 KiB/s after 5 s) and 60 s for an idle connection, no cross-origin caller. Not thread-safe.
 */
public final class TelemetryServerBuilder {
    final TelemetryStore store;
    int port = TelemetryServer.DEFAULT_PORT;
    String bindAddress = TelemetryServer.DEFAULT_BIND_ADDRESS;
    long maxBodyBytes = TelemetryServer.DEFAULT_MAX_BODY_BYTES;
    Long maxDecompressedBytes;
    int maxEventBytes = DecodeLimits.DEFAULT_MAX_EVENT_BYTES;
    Duration maxFutureSkew = DecodeLimits.DEFAULT_MAX_FUTURE_SKEW;
    Clock clock = Clock.systemUTC();
    Duration silentAfter = TelemetryServer.DEFAULT_SILENT_AFTER;
    Duration shutdownTimeout = TelemetryServer.DEFAULT_SHUTDOWN_TIMEOUT;
    ServerMetrics metrics;
    ApiTokens tokens = ApiTokens.none();
    boolean insecure;
    RateLimits rateLimits = RateLimits.defaults();
    Duration headerTimeout = TelemetryServer.DEFAULT_HEADER_TIMEOUT;
    BodyTimeouts bodyTimeouts = BodyTimeouts.defaults();
    Duration idleTimeout = TelemetryServer.DEFAULT_IDLE_TIMEOUT;
    BrowserPolicy browsers = BrowserPolicy.strict();
    LongSupplier ticker = System::nanoTime;

    TelemetryServerBuilder(TelemetryStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The port to listen on; 0 picks a free one (see {@link TelemetryServer#port()}). */
    public TelemetryServerBuilder port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        this.port = port;
        return this;
    }

    /** The address to bind, such as {@code 127.0.0.1} or {@code 0.0.0.0}. */
    public TelemetryServerBuilder bindAddress(String address) {
        Objects.requireNonNull(address, "address");
        if (address.isBlank()) {
            throw new IllegalArgumentException("bind address must not be blank");
        }
        this.bindAddress = address.trim();
        return this;
    }

    /** The largest request body accepted as sent, in bytes (at least 1024). */
    public TelemetryServerBuilder maxBodyBytes(long bytes) {
        this.maxBodyBytes = bytes;
        return this;
    }

    /** The largest body accepted after gzip decompression, in bytes; defaults to the body limit. */
    public TelemetryServerBuilder maxDecompressedBytes(long bytes) {
        this.maxDecompressedBytes = bytes;
        return this;
    }

    /** The largest stored line of one event, in bytes (at least 256). */
    public TelemetryServerBuilder maxEventBytes(int bytes) {
        this.maxEventBytes = bytes;
        return this;
    }

    /**
     * How far after the server's clock an event's timestamp may be (default 1 day); a later one
     * is refused for that event.
     */
    public TelemetryServerBuilder maxFutureSkew(Duration skew) {
        this.maxFutureSkew = Objects.requireNonNull(skew, "skew");
        return this;
    }

    /**
     * After how long without an event a deployment's status is {@code silent} in
     * {@code GET /api/v1/telemetry/{scenario}/deployments} (default 24 h).
     */
    public TelemetryServerBuilder silentAfter(Duration threshold) {
        Objects.requireNonNull(threshold, "silent after");
        if (threshold.isNegative() || threshold.isZero()) {
            throw new IllegalArgumentException("silent after must be positive, got " + threshold);
        }
        this.silentAfter = threshold;
        return this;
    }

    /** The clock that fills missing timestamps and tells deployments' silence. */
    public TelemetryServerBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** How long {@link TelemetryServer#close()} waits for in-flight requests (not negative). */
    public TelemetryServerBuilder shutdownTimeout(Duration timeout) {
        if (Objects.requireNonNull(timeout, "timeout").isNegative()) {
            throw new IllegalArgumentException("shutdown timeout must not be negative");
        }
        this.shutdownTimeout = timeout;
        return this;
    }

    /**
     * The API tokens; with none (the default) every endpoint is open and the server may only
     * listen on a loopback address, unless {@link #insecure(boolean)}.
     */
    public TelemetryServerBuilder tokens(ApiTokens tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        return this;
    }

    /** Allows a non-loopback address without API tokens (a warning is logged at start); off by default. */
    public TelemetryServerBuilder insecure(boolean allow) {
        this.insecure = allow;
        return this;
    }

    /** The per-client rate limits and the in-flight budget ({@link RateLimits#off()} for none). */
    public TelemetryServerBuilder rateLimits(RateLimits limits) {
        this.rateLimits = Objects.requireNonNull(limits, "limits");
        return this;
    }

    /** How long a client may take to send a request line and headers; the connection is closed after it. */
    public TelemetryServerBuilder headerTimeout(Duration timeout) {
        this.headerTimeout = positive(timeout, "header timeout");
        return this;
    }

    /** How long a client may take to send a request body, counted once its headers are in; 408 after it. */
    public TelemetryServerBuilder bodyTimeout(Duration timeout) {
        this.bodyTimeouts = bodyTimeouts.withTotal(positive(timeout, "body timeout"));
        return this;
    }

    /**
     * The slowest average rate a body may arrive at, in bytes per second since its headers, checked
     * once {@code grace} has passed; a slower body is answered 408. 0 turns the check off.
     */
    public TelemetryServerBuilder minBodyRate(long bytesPerSecond, Duration grace) {
        this.bodyTimeouts = bodyTimeouts.withMinimumRate(bytesPerSecond, Objects.requireNonNull(grace, "grace"));
        return this;
    }

    /** How long a connection may stay open between requests. */
    public TelemetryServerBuilder idleTimeout(Duration timeout) {
        this.idleTimeout = positive(timeout, "idle timeout");
        return this;
    }

    /**
     * Lets the web pages of {@code origin} ({@code https://host[:port]}) call the server: their
     * requests get CORS headers and their preflights are answered. Repeatable.
     */
    public TelemetryServerBuilder allowOrigin(String origin) {
        this.browsers = browsers.allowOrigin(origin);
        return this;
    }

    /** Accepts {@code Host: host} on a server without tokens, besides loopback names. Repeatable. */
    public TelemetryServerBuilder allowHost(String host) {
        this.browsers = browsers.allowHost(host);
        return this;
    }

    /** The nanosecond ticker of the rate limits' buckets (tests step it). */
    TelemetryServerBuilder ticker(LongSupplier ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        return this;
    }

    /** Metrics shared with the store's fsync listener (the launcher wires both). */
    public TelemetryServerBuilder metrics(ServerMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        return this;
    }

    private static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " must be positive and under 24 days, got " + d);
        }
        return d;
    }

    /**
     * A server, not yet started.
     *
     * @throws IllegalArgumentException when a limit is out of range, or the bind address is not a
     *                                  loopback address while no token is configured and
     *                                  {@link #insecure(boolean)} was not given
     */
    public TelemetryServer build() {
        return new TelemetryServer(this);
    }
}
