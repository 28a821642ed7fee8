package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The per-client buckets on a stepped ticker: refill, byte charges, and memory bounded by eviction. */
class ClientLimiterTest {

    private final AtomicLong nanos = new AtomicLong();

    @Test
    @DisplayName("a request is admitted only when both buckets have room, and takes from neither otherwise")
    void bothBuckets() {
        ClientLimiter limiter = new ClientLimiter(RateLimits.builder().requestsPerSecond(10).requestBurst(2)
                .bytesPerSecond(100).byteBurst(100).build(), nanos::get);

        assertEquals(0, limiter.admit("a", 80));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(500), limiter.admit("a", 70), "50 bytes short at 100 bytes/s");
        assertEquals(0, limiter.admit("a", 20), "the refused request took no request token");
        assertEquals(TimeUnit.MILLISECONDS.toNanos(100), limiter.admit("a", 0), "requests: burst of 2 spent");
        assertEquals(0, limiter.admit("b", 100), "other clients have their own buckets");

        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        assertEquals(0, limiter.admit("a", 10));
    }

    @Test
    @DisplayName("a chunked body's bytes are owed after the fact and delay the next request")
    void debt() {
        ClientLimiter limiter = new ClientLimiter(RateLimits.builder().requestsPerSecond(0).bytesPerSecond(100)
                .byteBurst(100).build(), nanos::get);
        assertEquals(0, limiter.admit("a", 0));
        limiter.charge("a", 300);

        assertEquals(TimeUnit.MILLISECONDS.toNanos(2010), limiter.admit("a", 1), "100 - 300 = -200 bytes, 201 to go");
        limiter.charge("forgotten", 1000);
        assertEquals(1, limiter.size(), "charging an unknown client creates nothing");
    }

    @Test
    @DisplayName("idle clients whose buckets refilled are forgotten; past the cap the least recent one goes")
    void boundedMemory() {
        ClientLimiter limiter = new ClientLimiter(RateLimits.builder().requestsPerSecond(1).requestBurst(5)
                .bytesPerSecond(0).maxClients(16).build(), nanos::get);
        for (int i = 0; i < 100; i++) {
            limiter.admit("client-" + i, 0);
        }
        assertEquals(16, limiter.size(), "never more than the cap");

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));
        limiter.admit("late", 0);
        assertEquals(9, limiter.size(), "8 refilled clients forgotten per new client, the new one added");

        for (int i = 0; i < 3; i++) {
            limiter.admit("later-" + i, 0);
        }
        assertEquals(1 + 3, limiter.size(), "every refilled client is gone after a few admissions");
    }
}
