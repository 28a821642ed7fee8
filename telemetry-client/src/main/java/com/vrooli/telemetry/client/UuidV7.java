package com.vrooli.telemetry.client;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits, so ids sort by
 * time and stay unique across processes. Making one costs two random longs and no allocation;
 * formatting is left to the background thread. The random bits come from
 * {@link ThreadLocalRandom} mixed with a per-instance salt from {@link SecureRandom}, so two
 * processes seeded alike still differ. Thread-safe.
 */
final class UuidV7 {

    private static final long TIMESTAMP_MASK = 0xFFFF_FFFF_FFFFL;

    private final long salt;

    UuidV7() {
        this(new SecureRandom().nextLong());
    }

    UuidV7(long salt) {
        this.salt = salt;
    }

    /** The high 64 bits for a time: timestamp, version 7 and 12 random bits. */
    static long high(long epochMillis, long random) {
        return ((epochMillis & TIMESTAMP_MASK) << 16) | 0x7000L | (random & 0x0FFFL);
    }

    /** The low 64 bits: the variant {@code 10} and 62 random bits. */
    static long low(long random) {
        return (random & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    }

    /** The high half of a new id for {@code epochMillis}. */
    long nextHigh(long epochMillis) {
        return high(epochMillis, ThreadLocalRandom.current().nextLong());
    }

    /** The low half of a new id. */
    long nextLow() {
        return low(ThreadLocalRandom.current().nextLong() ^ salt);
    }

    /** The canonical 36-character text of an id. */
    static String format(long high, long low) {
        return new UUID(high, low).toString();
    }

    /** A new id's text, for callers off the hot path. */
    String next(long epochMillis) {
        return format(nextHigh(epochMillis), nextLow());
    }
}
