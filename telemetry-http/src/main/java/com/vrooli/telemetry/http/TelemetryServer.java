package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.DecodeLimits;
import com.vrooli.telemetry.core.IngestService;
import com.vrooli.telemetry.core.TelemetryStore;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The telemetry HTTP server: the endpoints of the API document on Undertow, over any
 * {@link TelemetryStore}.
 *
 * <p>Endpoints: {@code POST /api/v1/telemetry/upload}, {@code GET /api/v1/telemetry},
 * {@code GET /api/v1/telemetry/{scenario}}, {@code GET /api/v1/telemetry/{scenario}/events},
 * {@code .../timeline}, {@code .../deployments}, {@code GET /health}, {@code GET /metrics} and the
 * dashboard at {@code /} (see {@link DashboardFiles}). Store work runs on worker threads, never on IO
 * threads. Every error answer is {@code {"status":"error","error":"..."}}.
 *
 * <p>Security: with {@link Builder#tokens API tokens}, every endpoint but {@code /health} needs
 * {@code Authorization: Bearer <token>} (401 without a valid one, 403 without the right). Without
 * tokens the server listens on loopback addresses only, unless {@link Builder#insecure} allows
 * otherwise. Per-client rate limits and a global budget of upload bytes in flight answer 429 and
 * 503 with {@code Retry-After} ({@link RateLimits}); slow clients are cut off by the header, body
 * and idle timeouts.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #close()}, which is graceful: it stops accepting
 * requests (new ones are answered at once with 503 and {@code Retry-After}), waits up to the
 * shutdown timeout for in-flight requests to finish, then closes the listener and its threads. The server never closes the store; the
 * caller closes it after the server. Thread-safe.
 *
 * <pre>{@code
 * try (TelemetryStore store = ...; TelemetryServer server = TelemetryServer.builder(store).port(0).build().start()) {
 *     URI api = server.uri().resolve("/api/v1/telemetry");
 * }
 * }</pre>
 */
public final class TelemetryServer implements AutoCloseable {

    /** Port used when none is configured. */
    public static final int DEFAULT_PORT = 8080;
    /** Loopback only, unless told otherwise. */
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    /** The document's maximum payload: 4 MiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = DecodeLimits.DEFAULT_MAX_BODY_BYTES;
    /** How long {@link #close()} waits for in-flight requests by default. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    /** How long a client may take to send a request's line and headers by default. */
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    /** How long a client may take to send a request's body by default, counted once its headers are in. */
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(60);
    /** How long a connection may stay open without a request by default. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** After how long without events a deployment is shown as silent by default. */
    public static final Duration DEFAULT_SILENT_AFTER = Duration.ofHours(24);

    private static final Logger LOG = Logger.getLogger(TelemetryServer.class.getName());

    private final TelemetryStore store;
    private final int requestedPort;
    private final String bindAddress;
    private final UploadLimits limits;
    private final DecodeLimits decodeLimits;
    private final Clock clock;
    private final Duration silentAfter;
    private final Duration shutdownTimeout;
    private final ServerMetrics metrics;
    private final ApiTokens tokens;
    private final Duration headerTimeout;
    private final Duration idleTimeout;
    private final RequestGuards guards;

    private Undertow undertow;
    private HandlerChain chain;
    private volatile InetSocketAddress address;
    private boolean started;
    private boolean closed;

    private TelemetryServer(Builder b) {
        this.store = b.store;
        this.requestedPort = b.port;
        this.bindAddress = b.bindAddress;
        this.limits = new UploadLimits(b.maxBodyBytes,
                b.maxDecompressedBytes == null ? b.maxBodyBytes : b.maxDecompressedBytes, b.maxEventBytes);
        this.decodeLimits = new DecodeLimits(limits.maxDecompressedBytes(), limits.maxEventBytes());
        this.clock = b.clock;
        this.silentAfter = b.silentAfter;
        this.shutdownTimeout = b.shutdownTimeout;
        this.metrics = b.metrics == null ? new ServerMetrics() : b.metrics;
        this.tokens = b.tokens;
        this.headerTimeout = b.headerTimeout;
        this.idleTimeout = b.idleTimeout;
        this.guards = new RequestGuards(tokens, b.rateLimits, limits, b.bodyTimeout, b.ticker);
        if (tokens.isEmpty() && !b.insecure && !LoopbackCheck.isLoopback(bindAddress)) {
            throw new IllegalArgumentException("refusing to listen on " + bindAddress + " without API tokens: anyone"
                    + " who can reach it could read and write telemetry; configure tokens, bind a loopback address,"
                    + " or accept the risk explicitly (--insecure)");
        }
        metrics.watchStore(store);
        guards.watch(metrics);
    }

    /** A builder for a server over {@code store}. */
    public static Builder builder(TelemetryStore store) {
        return new Builder(store);
    }

    /**
     * Binds and starts serving.
     *
     * @return this server
     * @throws IllegalStateException if the server was started or closed before
     * @throws UncheckedIOException  if the address cannot be bound (for example the port is in use)
     */
    public synchronized TelemetryServer start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "server is closed" : "server is already started");
        }
        IngestService ingest = IngestService.create(guards.uploadStore(store), clock, decodeLimits);
        chain = new HandlerChain(Routes.create(store, ingest, limits, metrics, clock, silentAfter), guards, metrics);
        long backstop = Math.max(limits.maxBodyBytes(), limits.maxDecompressedBytes()) * 2;
        undertow = Undertow.builder()
                .addHttpListener(requestedPort, bindAddress)
                .setHandler(chain.root())
                // A backstop above the body reader's own cap, which answers first with a proper 413.
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, backstop)
                // Slow headers and idle keep-alive connections are closed by Undertow on its IO threads.
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, millis(headerTimeout))
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, millis(idleTimeout))
                .setServerOption(UndertowOptions.SHUTDOWN_TIMEOUT, (int) Math.min(shutdownTimeout.toMillis(),
                        Integer.MAX_VALUE))
                .build();
        try {
            undertow.start();
        } catch (RuntimeException e) {
            stopQuietly();
            throw new UncheckedIOException(new BindException("cannot listen on " + bindAddress + ":" + requestedPort
                    + ": " + rootMessage(e)));
        }
        started = true;
        address = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
        if (tokens.isEmpty() && !LoopbackCheck.isLoopback(bindAddress)) {
            LOG.warning("serving WITHOUT API tokens on " + uri() + " (insecure): anyone who can reach it can read"
                    + " and write telemetry");
        }
        LOG.fine(() -> "telemetry server listening on " + uri());
        return this;
    }

    /**
     * The port the server listens on (the chosen one when configured with port 0).
     *
     * @throws IllegalStateException if the server was never started
     */
    public int port() {
        return address().getPort();
    }

    /**
     * The bound socket address.
     *
     * @throws IllegalStateException if the server was never started
     */
    public InetSocketAddress address() {
        InetSocketAddress bound = address;
        if (bound == null) {
            throw new IllegalStateException("server is not started");
        }
        return bound;
    }

    /**
     * The server's base address, such as {@code http://127.0.0.1:8080}.
     *
     * @throws IllegalStateException if the server was never started
     */
    public URI uri() {
        InetSocketAddress bound = address();
        String host = bound.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + bound.getPort());
    }

    /**
     * Stops gracefully: new requests are answered with 503 and {@code Retry-After}, in-flight
     * requests finish (up to the shutdown timeout), then the listener and worker threads stop. The
     * store stays open: close it after the server. Idempotent; blocks while requests finish.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!started) {
            return;
        }
        // Not suspending the listener: a suspended listener leaves new connections hanging in the
        // backlog, while an open one answers them at once with 503 and Retry-After.
        chain.graceful().shutdown();
        try {
            if (!chain.graceful().awaitShutdown(shutdownTimeout.toMillis())) {
                LOG.warning("requests still in flight after " + shutdownTimeout.toSeconds()
                        + " s; stopping anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warning("interrupted while waiting for in-flight requests; stopping now");
        }
        stopQuietly();
        LOG.fine("telemetry server stopped");
    }

    private void stopQuietly() {
        try {
            undertow.stop();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "error while stopping the HTTP listener", e);
        }
    }

    private static int millis(Duration d) {
        return (int) Math.min(d.toMillis(), Integer.MAX_VALUE);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /**
     * Configures a {@link TelemetryServer}. Defaults: port {@value #DEFAULT_PORT}, bind address
     * {@value #DEFAULT_BIND_ADDRESS}, 4 MiB bodies, decompressed bodies as large as the body limit,
     * 64 KiB per event, the system UTC clock, 30 s shutdown timeout, no API tokens (loopback only),
     * {@link RateLimits#defaults()}, timeouts of 10 s for headers, 60 s for a body and 60 s for an
     * idle connection. Not thread-safe.
     */
    public static final class Builder {
        private final TelemetryStore store;
        private int port = DEFAULT_PORT;
        private String bindAddress = DEFAULT_BIND_ADDRESS;
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Long maxDecompressedBytes;
        private int maxEventBytes = DecodeLimits.DEFAULT_MAX_EVENT_BYTES;
        private Clock clock = Clock.systemUTC();
        private Duration silentAfter = DEFAULT_SILENT_AFTER;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private ServerMetrics metrics;
        private ApiTokens tokens = ApiTokens.none();
        private boolean insecure;
        private RateLimits rateLimits = RateLimits.defaults();
        private Duration headerTimeout = DEFAULT_HEADER_TIMEOUT;
        private Duration bodyTimeout = DEFAULT_BODY_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private LongSupplier ticker = System::nanoTime;

        private Builder(TelemetryStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** The port to listen on; 0 picks a free one (see {@link TelemetryServer#port()}). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** The address to bind, such as {@code 127.0.0.1} or {@code 0.0.0.0}. */
        public Builder bindAddress(String address) {
            Objects.requireNonNull(address, "address");
            if (address.isBlank()) {
                throw new IllegalArgumentException("bind address must not be blank");
            }
            this.bindAddress = address.trim();
            return this;
        }

        /** The largest request body accepted as sent, in bytes (at least 1024). */
        public Builder maxBodyBytes(long bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        /** The largest body accepted after gzip decompression, in bytes; defaults to the body limit. */
        public Builder maxDecompressedBytes(long bytes) {
            this.maxDecompressedBytes = bytes;
            return this;
        }

        /** The largest stored line of one event, in bytes (at least 256). */
        public Builder maxEventBytes(int bytes) {
            this.maxEventBytes = bytes;
            return this;
        }

        /**
         * After how long without an event a deployment's status is {@code silent} in
         * {@code GET /api/v1/telemetry/{scenario}/deployments} (default 24 h).
         */
        public Builder silentAfter(Duration threshold) {
            Objects.requireNonNull(threshold, "silent after");
            if (threshold.isNegative() || threshold.isZero()) {
                throw new IllegalArgumentException("silent after must be positive, got " + threshold);
            }
            this.silentAfter = threshold;
            return this;
        }

        /** The clock that fills missing timestamps and tells deployments' silence. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long {@link TelemetryServer#close()} waits for in-flight requests. */
        public Builder shutdownTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("shutdown timeout must not be negative");
            }
            this.shutdownTimeout = timeout;
            return this;
        }

        /**
         * The API tokens; with none (the default) every endpoint is open and the server may only
         * listen on a loopback address, unless {@link #insecure(boolean)}.
         */
        public Builder tokens(ApiTokens tokens) {
            this.tokens = Objects.requireNonNull(tokens, "tokens");
            return this;
        }

        /**
         * Allows listening on a non-loopback address without API tokens (a warning is logged at
         * start). Off by default: such a server is refused by {@link #build()}.
         */
        public Builder insecure(boolean allow) {
            this.insecure = allow;
            return this;
        }

        /** The per-client rate limits and the in-flight budget ({@link RateLimits#off()} for none). */
        public Builder rateLimits(RateLimits limits) {
            this.rateLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** How long a client may take to send a request line and headers; the connection is closed after it. */
        public Builder headerTimeout(Duration timeout) {
            this.headerTimeout = positive(timeout, "header timeout");
            return this;
        }

        /**
         * How long a client may take to send a request body, counted once its headers are in; after
         * it the request is answered with 408 and the connection closed.
         */
        public Builder bodyTimeout(Duration timeout) {
            this.bodyTimeout = positive(timeout, "body timeout");
            return this;
        }

        /** How long a connection may stay open between requests. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive(timeout, "idle timeout");
            return this;
        }

        /** The nanosecond ticker of the rate limits' buckets (tests step it). */
        Builder ticker(LongSupplier ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(what + " must be positive and under 24 days, got " + d);
            }
            return d;
        }

        /** Metrics shared with the store's fsync listener (the launcher wires both). */
        public Builder metrics(ServerMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
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
}
