package com.vrooli.telemetry.bench.load;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * C connections' worth of upload requests for one server, kept across its warm-up and measured
 * runs so that event ids never repeat on that server. Each run opens fresh keep-alive connections,
 * one thread each, and counts what they sent; the answer of every request is checked.
 */
final class UploadWorkload {

    private static final byte[] ACCEPTED = "\"status\":\"accepted\"".getBytes(StandardCharsets.US_ASCII);

    private final List<UploadRequests> perConnection = new ArrayList<>();
    private final int batch;

    UploadWorkload(int connections, int batch, UploadRequests.BodyFormat format, InetSocketAddress server) {
        this(connections, 0, batch, format, server, false);
    }

    /** @param ownScenario each connection uploads to a scenario of its own ({@code sender-C}) */
    UploadWorkload(int connections, int batch, UploadRequests.BodyFormat format, InetSocketAddress server,
                   boolean ownScenario) {
        this(connections, 0, batch, format, server, ownScenario);
    }

    /**
     * Connections numbered from {@code firstConnection}: workloads for several servers on one
     * store take disjoint numbers, so their event ids never collide.
     */
    UploadWorkload(int connections, int firstConnection, int batch, UploadRequests.BodyFormat format,
                   InetSocketAddress server) {
        this(connections, firstConnection, batch, format, server, false);
    }

    private UploadWorkload(int connections, int firstConnection, int batch, UploadRequests.BodyFormat format,
                           InetSocketAddress server, boolean ownScenario) {
        this.batch = batch;
        String host = server.getHostString() + ":" + server.getPort();
        for (int c = 0; c < connections; c++) {
            perConnection.add(new UploadRequests(firstConnection + c, batch, format, host, ownScenario));
        }
    }

    private UploadWorkload(List<UploadRequests> perConnection, int batch) {
        this.perConnection.addAll(perConnection);
        this.batch = batch;
    }

    /** The same requests (ids go on where they are) on only the first {@code n} connections. */
    UploadWorkload first(int n) {
        return new UploadWorkload(perConnection.subList(0, Math.min(n, perConnection.size())), batch);
    }

    int connections() {
        return perConnection.size();
    }

    int batch() {
        return batch;
    }

    UploadRequests requests(int connection) {
        return perConnection.get(connection);
    }

    /** Counters shared by one run's connection threads. */
    static final class Tally {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong events = new AtomicLong();
        final AtomicLong bodyBytes = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicReference<String> firstError = new AtomicReference<>();

        /** Sends one request on {@code client} and counts it; false when it was not accepted. */
        boolean exchange(RawHttpClient client, UploadRequests requests, byte[] request) {
            try {
                int status = client.send(request, request.length);
                if (status == 200 && client.lastBodyContains(ACCEPTED)) {
                    this.requests.incrementAndGet();
                    events.addAndGet(requests.eventsPerRequest());
                    bodyBytes.addAndGet(requests.bodyBytes(request));
                    return true;
                }
                fail(status + " " + client.lastBody());
            } catch (java.io.IOException e) {
                fail(e.toString());
            }
            return false;
        }

        void fail(String what) {
            errors.incrementAndGet();
            firstError.compareAndSet(null, what.length() > 300 ? what.substring(0, 300) + "..." : what);
        }
    }
}
