package com.vrooli.telemetry.client;

import com.vrooli.telemetry.core.DecodeLimits;
import io.undertow.server.HttpHandler;
import java.io.IOException;

/**
 * Where tests get their servers. {@link #storing()} is the one place that decides what "a real
 * server" is (today core's ingest service behind Undertow; later the telemetry-http server).
 */
final class TestServers {

    private TestServers() {
    }

    /** A server that stores and de-duplicates what it gets, on a free port. */
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
