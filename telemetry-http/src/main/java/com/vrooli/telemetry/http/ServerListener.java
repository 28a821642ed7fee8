package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.IngestService;
import com.vrooli.telemetry.core.TelemetryStore;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Undertow side of a {@link TelemetryServer}: assembles the handler chain over a store, binds
 * the listener, and stops it gracefully. Built and used under the server's lock.
 */
final class ServerListener {

    private static final Logger LOG = Logger.getLogger(ServerListener.class.getName());

    private final Undertow undertow;
    private final HandlerChain chain;
    private final Duration shutdownTimeout;

    private ServerListener(Undertow undertow, HandlerChain chain, Duration shutdownTimeout) {
        this.undertow = undertow;
        this.chain = chain;
        this.shutdownTimeout = shutdownTimeout;
    }

    /**
     * Binds and starts serving {@code store} with {@code settings}.
     *
     * @throws UncheckedIOException when the address cannot be bound
     */
    static ServerListener start(TelemetryStore store, ServerSettings settings, RequestGuards guards,
                                ServerMetrics metrics) {
        IngestService ingest = IngestService.create(store, settings.clock(), settings.decodeLimits());
        UploadLimits limits = settings.uploadLimits();
        UploadHandler upload = new UploadHandler(new BodyReceiver(limits, settings.bodyTimeouts(), metrics), ingest,
                metrics, limits, settings.tokens().required());
        HandlerChain chain = new HandlerChain(Routes.create(store, upload, metrics, settings.clock(),
                settings.silentAfter()), guards, metrics, limits,
                settings.bodyTimeouts());
        Undertow undertow = Undertow.builder()
                .addHttpListener(settings.port(), settings.bindAddress())
                .setHandler(chain.root())
                // A backstop above the body receiver's own cap, which answers first with a proper 413.
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, limits.entityLimit())
                // Slow headers and idle keep-alive connections are closed by Undertow on its IO threads.
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, millis(settings.headerTimeout()))
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, millis(settings.idleTimeout()))
                .setServerOption(UndertowOptions.SHUTDOWN_TIMEOUT, millis(settings.shutdownTimeout()))
                .build();
        ServerListener listener = new ServerListener(undertow, chain, settings.shutdownTimeout());
        try {
            undertow.start();
        } catch (RuntimeException e) {
            listener.stopQuietly();
            throw new UncheckedIOException(new BindException("cannot listen on " + settings.bindAddress() + ":"
                    + settings.port() + ": " + rootMessage(e)));
        }
        return listener;
    }

    InetSocketAddress address() {
        return (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
    }

    /** New requests get 503 at once, in-flight ones finish up to the shutdown timeout, then the listener stops. */
    void stopGracefully() {
        // Not suspending the listener: a suspended listener leaves new connections hanging in the
        // backlog, while an open one answers them at once with 503 and Retry-After.
        chain.graceful().shutdown();
        try {
            if (!chain.graceful().awaitShutdown(shutdownTimeout.toMillis())) {
                LOG.warning("requests still in flight after " + shutdownTimeout.toSeconds() + " s; stopping anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warning("interrupted while waiting for in-flight requests; stopping now");
        }
        stopQuietly();
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
}
