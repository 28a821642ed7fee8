package com.vrooli.telemetry.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/**
 * What one request's body reading came to: the body bytes read off the connection (as sent, before
 * decompression) and whether the body deadline passed while the server waited for the client.
 * Written by {@link DeadlineSourceConduit} on the worker thread, read when the exchange completes.
 */
final class BodyMeter {

    private static final AttachmentKey<BodyMeter> KEY = AttachmentKey.create(BodyMeter.class);

    private volatile long bytes;
    private volatile boolean timedOut;

    /** A new meter, attached to the exchange. */
    static BodyMeter attach(HttpServerExchange exchange) {
        BodyMeter meter = new BodyMeter();
        exchange.putAttachment(KEY, meter);
        return meter;
    }

    /** The exchange's meter; null when none was attached. */
    static BodyMeter of(HttpServerExchange exchange) {
        return exchange.getAttachment(KEY);
    }

    void add(long n) {
        if (n > 0) {
            bytes += n;
        }
    }

    void timeOut() {
        timedOut = true;
    }

    long bytes() {
        return bytes;
    }

    boolean timedOut() {
        return timedOut;
    }
}
