package com.vrooli.telemetry.bench.load;

import com.vrooli.telemetry.bench.RealisticBodies;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Pre-built upload requests for one connection: a few realistic bodies
 * ({@link RealisticBodies}) as complete HTTP/1.1 requests, each event's {@code event_id} at a
 * known place. Before each send, {@link #next()} writes a fresh id into every event (the
 * connection's number and a running count, in hex), so no event is ever a duplicate of another
 * and the server stores every one, as it would real traffic. Not thread-safe: one per connection.
 */
final class UploadRequests {

    /** Bodies per connection: enough variety in scenarios, types and sizes; small enough to stay in cache. */
    private static final int VARIANTS = 4;
    private static final java.util.regex.Pattern OWN_SCENARIO = java.util.regex.Pattern.compile("\"scenario\":\"[^\"]*\"");
    /** The id prefix RealisticBodies writes, followed by 12 hex digits. */
    private static final byte[] ID_PREFIX = "\"event_id\":\"0190b5a4-".getBytes(StandardCharsets.US_ASCII);
    private static final int ID_DIGITS = 12;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final List<byte[]> requests = new ArrayList<>();
    private final List<int[]> idSlots = new ArrayList<>();
    private final long connectionBits;
    private final int events;
    private long sequence;
    private int turn;

    /**
     * @param connection this connection's number (0..255), part of every id it sends
     * @param events     events per body
     * @param format     {@code json} (an array) or {@code ndjson}
     * @param host       the {@code Host} header
     */
    UploadRequests(int connection, int events, BodyFormat format, String host) {
        this(connection, events, format, host, false);
    }

    /**
     * @param ownScenario every event of this connection's bodies goes to scenario {@code sender-C}
     *                    (as many desktop apps, each uploading its own scenario)
     */
    UploadRequests(int connection, int events, BodyFormat format, String host, boolean ownScenario) {
        if (connection < 0 || connection > 255) {
            throw new IllegalArgumentException("connection must be 0..255, got " + connection);
        }
        this.connectionBits = (long) connection << 40;
        this.events = events;
        for (int v = 0; v < VARIANTS; v++) {
            RealisticBodies bodies = new RealisticBodies(1_000L * connection + v);
            byte[] body = format == BodyFormat.NDJSON ? bodies.ndjson(events) : bodies.jsonArray(events);
            if (ownScenario) {
                body = OWN_SCENARIO.matcher(new String(body, StandardCharsets.UTF_8))
                        .replaceAll(String.format("\"scenario\":\"sender-%03d\"", connection))
                        .getBytes(StandardCharsets.UTF_8);
            }
            byte[] head = ("POST /api/v1/telemetry/upload HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: "
                    + format.contentType + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[head.length + body.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(body, 0, request, head.length, body.length);
            requests.add(request);
            idSlots.add(findIdSlots(request, head.length, events));
        }
    }

    /** The body framing the driver sends. */
    enum BodyFormat {
        JSON("application/json"), NDJSON("application/x-ndjson");

        final String contentType;

        BodyFormat(String contentType) {
            this.contentType = contentType;
        }
    }

    /** The next request, with fresh event ids written in; valid until the next call. */
    byte[] next() {
        int v = turn++ % VARIANTS;
        byte[] request = requests.get(v);
        for (int slot : idSlots.get(v)) {
            long id = connectionBits | (sequence++ & 0xff_ffff_ffffL);
            for (int d = ID_DIGITS - 1; d >= 0; d--) {
                request[slot + d] = HEX[(int) (id & 0xf)];
                id >>>= 4;
            }
        }
        return request;
    }

    int eventsPerRequest() {
        return events;
    }

    /** Body bytes of the request {@link #next()} returns next (all variants are about the same size). */
    long bodyBytes(byte[] request) {
        return request.length - headerLength(request);
    }

    private static int headerLength(byte[] request) {
        for (int i = 3; i < request.length; i++) {
            if (request[i] == '\n' && request[i - 3] == '\r') {
                return i + 1;
            }
        }
        throw new IllegalStateException("request without a header end");
    }

    private static int[] findIdSlots(byte[] request, int from, int events) {
        int[] slots = new int[events];
        int found = 0;
        for (int i = from; i <= request.length - ID_PREFIX.length && found < events; i++) {
            if (matchesAt(request, i)) {
                slots[found++] = i + ID_PREFIX.length;
                i += ID_PREFIX.length + ID_DIGITS - 1;
            }
        }
        if (found != events) {
            throw new IllegalStateException("expected " + events + " event ids in the body, found " + found);
        }
        return slots;
    }

    private static boolean matchesAt(byte[] b, int at) {
        for (int j = 0; j < ID_PREFIX.length; j++) {
            if (b[at + j] != ID_PREFIX[j]) {
                return false;
            }
        }
        return true;
    }
}
