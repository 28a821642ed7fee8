package com.vrooli.telemetry.http;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The per-client token buckets, in requests and in body bytes, bounded in memory: clients are
 * kept in least-recently-used order; each new client first forgets the idlest ones whose buckets
 * have refilled (forgetting a full bucket changes nothing), and beyond {@link RateLimits#maxClients()}
 * the least recently seen client is forgotten even if its buckets are not full (it then starts
 * again with a full bucket). Time comes from the injected nanosecond ticker. Thread-safe.
 */
final class ClientLimiter {

    /** Idle clients forgotten per new client at most, so one admission never scans the whole map. */
    private static final int EVICTIONS_PER_ADMIT = 8;

    private final RateLimits limits;
    private final LongSupplier ticker;
    private final LinkedHashMap<String, Buckets> clients = new LinkedHashMap<>(256, 0.75f, true);

    ClientLimiter(RateLimits limits, LongSupplier ticker) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /**
     * Admits one request of {@code bytes} body bytes (0 when unknown or none) from {@code client}:
     * takes one request and the bytes from its buckets and returns 0, or takes nothing and returns
     * the nanoseconds until it would be admitted.
     */
    synchronized long admit(String client, long bytes) {
        long now = ticker.getAsLong();
        Buckets b = clients.get(client);
        if (b == null) {
            forgetIdle(now);
            b = new Buckets(now);
            clients.put(client, b);
            if (clients.size() > limits.maxClients()) {
                Iterator<String> eldest = clients.keySet().iterator();
                eldest.next();
                eldest.remove();
            }
        }
        double wanted = Math.min(bytes, limits.byteBurst());
        long wait = 0;
        if (b.requests != null) {
            wait = b.requests.waitFor(1, now);
        }
        if (b.bytes != null && wanted > 0) {
            wait = Math.max(wait, b.bytes.waitFor(wanted, now));
        }
        if (wait > 0) {
            return wait;
        }
        if (b.requests != null) {
            b.requests.take(1, now);
        }
        if (b.bytes != null && wanted > 0) {
            b.bytes.take(wanted, now);
        }
        return 0;
    }

    /** Charges body bytes learnt after admission (a chunked body); a forgotten client owes nothing. */
    synchronized void charge(String client, long bytes) {
        Buckets b = clients.get(client);
        if (b != null && b.bytes != null && bytes > 0) {
            b.bytes.take(bytes, ticker.getAsLong());
        }
    }

    /** Clients currently tracked. */
    synchronized int size() {
        return clients.size();
    }

    private void forgetIdle(long now) {
        Iterator<Map.Entry<String, Buckets>> it = clients.entrySet().iterator();
        for (int i = 0; i < EVICTIONS_PER_ADMIT && it.hasNext(); i++) {
            if (!it.next().getValue().isFull(now)) {
                return;
            }
            it.remove();
        }
    }

    /** One client's buckets; a limit that is off has none. */
    private final class Buckets {
        final TokenBucket requests;
        final TokenBucket bytes;

        Buckets(long now) {
            requests = limits.requestsPerSecond() > 0
                    ? new TokenBucket(limits.requestsPerSecond(), limits.requestBurst(), now) : null;
            bytes = limits.bytesPerSecond() > 0
                    ? new TokenBucket(limits.bytesPerSecond(), limits.byteBurst(), now) : null;
        }

        boolean isFull(long now) {
            return (requests == null || requests.isFull(now)) && (bytes == null || bytes.isFull(now));
        }
    }
}
