package com.vrooli.telemetry.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/**
 * The body bytes one request sent (as sent, before decompression), counted by
 * {@link BodyReceiver} on the IO thread and read when the exchange completes, to charge a chunked
 * body to its client's byte bucket.
 */
final class BodyMeter {

    private static final AttachmentKey<BodyMeter> KEY = AttachmentKey.create(BodyMeter.class);

    private volatile long bytes;

    /** A new meter, attached to the exchange. */
    static BodyMeter attach(HttpServerExchange exchange) {
        BodyMeter meter = new BodyMeter();
        exchange.putAttachment(KEY, meter);
        return meter;
    }

    /** The exchange's meter; null when its body was never read. */
    static BodyMeter of(HttpServerExchange exchange) {
        return exchange.getAttachment(KEY);
    }

    void add(long n) {
        bytes += n;
    }

    long bytes() {
        return bytes;
    }
}
