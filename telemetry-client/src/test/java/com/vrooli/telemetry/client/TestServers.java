package com.vrooli.telemetry.client;

import com.vrooli.telemetry.core.DecodeLimits;
import com.vrooli.telemetry.http.RealServer;
import com.vrooli.telemetry.http.TelemetryServer;
import io.undertow.server.HttpHandler;
import java.io.IOException;

/**
 * Where tests get their servers. {@link #real()} is the real server: telemetry-http's
 * {@code TelemetryServer} over the JSONL store in a temporary directory. {@link #storing()} is
 * core's ingest service over an in-memory store behind a bare Undertow handler: the back end that
 * fault-injecting fakes put their own behaviour in front of, and the server that records request
 * headers.
 */
final class TestServers {

    private TestServers() {
    }

    /** The real server on a free port. */
    static RealServer real() {
        return realOn(0);
    }

    /** The real server on a given port (to bring a server up where a client was already pointing). */
    static RealServer realOn(int port) {
        return RealServer.startTemporary(port, DecodeLimits.DEFAULT_MAX_EVENT_BYTES);
    }

    /** The real server with a smaller per-event limit in bytes, which rejects some events. */
    static RealServer real(int maxEventBytes) {
        return RealServer.startTemporary(0, maxEventBytes);
    }

    /** A server that stores and de-duplicates what it gets and records request headers, on a free port. */
    static StoringServer storing() {
        return storingOn(0);
    }

    /** The same on a given port (to bring a server up where a client was already pointing). */
    static StoringServer storingOn(int port) {
        return new StoringServer(DecodeLimits.defaults()).listen(port);
    }

    /** A storing server with other ingest limits (a smaller per-event limit rejects some events). */
    static StoringServer storing(DecodeLimits limits) {
        return new StoringServer(limits).listen(0);
    }

    /** A storing back end not listening anywhere, for fakes that put their own behaviour in front of it. */
    static StoringServer storingBackend() {
        return new StoringServer(DecodeLimits.defaults());
    }

    /** An Undertow server running {@code handler} on a free port. */
    static FakeServer fake(HttpHandler handler) {
        return FakeServer.start(0, handler, () -> { });
    }

    /** The same, with something to do before it stops (release hanging requests). */
    static FakeServer fake(HttpHandler handler, Runnable beforeStop) {
        return FakeServer.start(0, handler, beforeStop);
    }

    static RawServer resetting() throws IOException {
        return new RawServer(RawServer.Mode.RESET);
    }

    static RawServer garbage() throws IOException {
        return new RawServer(RawServer.Mode.GARBAGE);
    }
}
