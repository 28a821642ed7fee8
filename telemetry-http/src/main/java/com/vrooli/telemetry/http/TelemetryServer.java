package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.DecodeLimits;
import com.vrooli.telemetry.core.TelemetryStore;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * The telemetry HTTP server: the endpoints of the API document on Undertow, over any
 * {@link TelemetryStore}.
 *
 * <p>Endpoints: {@code POST /api/v1/telemetry/upload}, {@code GET /api/v1/telemetry},
 * {@code GET /api/v1/telemetry/{scenario}}, {@code GET /api/v1/telemetry/{scenario}/events},
 * {@code .../timeline}, {@code .../deployments}, {@code GET /health}, {@code GET /metrics} and the
 * dashboard at {@code /} (see {@link DashboardFiles}). Bodies are received on the IO threads without
 * blocking; store work runs on worker threads. Every error answer is
 * {@code {"status":"error","error":"..."}}.
 *
 * <p>Security: with {@link TelemetryServerBuilder#tokens API tokens}, every endpoint but {@code /health} needs
 * {@code Authorization: Bearer <token>} (401 without a valid one, 403 without the right); the
 * tokens can be replaced while running ({@link #replaceTokens}). Without tokens the server listens
 * on loopback addresses only, unless {@link TelemetryServerBuilder#insecure} allows otherwise, and then answers
 * loopback {@code Host} names only. Requests from other sites' web pages are refused
 * ({@link TelemetryServerBuilder#allowOrigin} admits one). Per-client rate limits and a global budget of upload
 * bytes in flight answer 429 and 503 with {@code Retry-After} ({@link RateLimits}); slow clients
 * are cut off by the header, body (total and minimum rate) and idle timeouts.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #close()}, which is graceful: it stops accepting
 * requests (new ones are answered at once with 503 and {@code Retry-After}), waits up to the
 * shutdown timeout for in-flight requests to finish, then closes the listener and its threads. The
 * server never closes the store; the caller closes it after the server. Thread-safe.
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
    public static final Duration DEFAULT_BODY_TIMEOUT = BodyTimeouts.DEFAULT_TOTAL;
    /** The slowest average body rate accepted by default, in bytes per second, once the grace has passed. */
    public static final long DEFAULT_MIN_BODY_RATE = BodyTimeouts.DEFAULT_MIN_BYTES_PER_SECOND;
    /** How long a body may take before its rate is checked, by default. */
    public static final Duration DEFAULT_BODY_RATE_GRACE = BodyTimeouts.DEFAULT_GRACE;
    /** How long a connection may stay open without a request by default. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** After how long without events a deployment is shown as silent by default. */
    public static final Duration DEFAULT_SILENT_AFTER = Duration.ofHours(24);

    private static final Logger LOG = Logger.getLogger(TelemetryServer.class.getName());

    private final TelemetryStore store;
    private final ServerSettings settings;
    private final ServerMetrics metrics;
    private final RequestGuards guards;

    private ServerListener listener;
    private volatile InetSocketAddress address;
    private boolean closed;

    TelemetryServer(TelemetryServerBuilder b) {
        this.store = b.store;
        UploadLimits limits = new UploadLimits(b.maxBodyBytes,
                b.maxDecompressedBytes == null ? b.maxBodyBytes : b.maxDecompressedBytes, b.maxEventBytes);
        LiveTokens tokens = new LiveTokens(b.tokens);
        this.settings = new ServerSettings(b.port, b.bindAddress, limits, b.clock, b.shutdownTimeout, tokens,
                b.headerTimeout, b.idleTimeout, b.bodyTimeouts, b.maxFutureSkew, b.silentAfter);
        this.metrics = b.metrics == null ? new ServerMetrics() : b.metrics;
        boolean loopback = LoopbackCheck.isLoopback(b.bindAddress);
        if (!tokens.required() && !b.insecure && !loopback) {
            throw new IllegalArgumentException("refusing to listen on " + b.bindAddress + " without API tokens: anyone"
                    + " who can reach it could read and write telemetry; configure tokens, bind a loopback address,"
                    + " or accept the risk explicitly (--insecure)");
        }
        this.guards = new RequestGuards(tokens, b.rateLimits, limits, b.browsers, !tokens.required() && loopback,
                b.ticker);
        metrics.watchStore(store);
        guards.watch(metrics);
    }

    /** A builder for a server over {@code store}. */
    public static TelemetryServerBuilder builder(TelemetryStore store) {
        return new TelemetryServerBuilder(store);
    }

    /**
     * Binds and starts serving.
     *
     * @return this server
     * @throws IllegalStateException if the server was started or closed before
     * @throws UncheckedIOException  if the address cannot be bound (for example the port is in use)
     */
    public synchronized TelemetryServer start() {
        if (listener != null || closed) {
            throw new IllegalStateException(closed ? "server is closed" : "server is already started");
        }
        listener = ServerListener.start(store, settings, guards, metrics);
        address = listener.address();
        if (!settings.tokens().required() && !LoopbackCheck.isLoopback(settings.bindAddress())) {
            LOG.warning("serving WITHOUT API tokens on " + uri() + " (insecure): anyone who can reach it can read"
                    + " and write telemetry");
        }
        LOG.fine(() -> "telemetry server listening on " + uri());
        return this;
    }

    /**
     * Replaces the API tokens at once: every request authenticated from now on is checked against
     * {@code tokens}; requests already in flight keep the rights they were admitted with, so none
     * fails or is dropped by the change.
     *
     * @throws IllegalArgumentException when {@code tokens} is empty and the server has tokens, or the
     *                                  server was built without tokens (authentication cannot be
     *                                  turned on or off while running); the old tokens stay
     */
    public void replaceTokens(ApiTokens tokens) {
        settings.tokens().replace(tokens);
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
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort());
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
        if (listener != null) {
            listener.stopGracefully();
            LOG.fine("telemetry server stopped");
        }
    }
}
