package com.vrooli.telemetry.bench.load;

import java.net.InetSocketAddress;

/** A server the driver loads: ours or the naive ceiling, listening on loopback, closed after its runs. */
interface ServerUnderTest extends AutoCloseable {

    /** A short name for the report. */
    String name();

    InetSocketAddress address();

    /** Events the server has stored so far, counted by the server itself (to check the run). */
    long storedEvents();

    @Override
    void close() throws Exception;
}
