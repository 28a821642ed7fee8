package com.vrooli.telemetry.http;

/**
 * A token bucket: holds up to {@code capacity} units and refills at {@code perSecond}, measured on
 * the nanosecond ticker passed to each call (so tests step time instead of waiting). A take
 * succeeds whole or not at all; a charge may drive the level below zero, a debt later takes wait
 * out. Not thread-safe: {@link ClientLimiter} guards it.
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double perNano;
    private final double capacity;
    private double level;
    private long last;

    TokenBucket(double perSecond, double capacity, long now) {
        if (!(perSecond > 0) || !(capacity > 0)) {
            throw new IllegalArgumentException("rate and capacity must be positive");
        }
        this.perNano = perSecond / NANOS_PER_SECOND;
        this.capacity = capacity;
        this.level = capacity;
        this.last = now;
    }

    /** Nanoseconds until {@code amount} could be taken; 0 when it can be now. Takes nothing. */
    long waitFor(double amount, long now) {
        refill(now);
        if (level >= amount) {
            return 0;
        }
        return (long) Math.ceil((amount - level) / perNano);
    }

    /** Takes {@code amount}, which the caller checked with {@link #waitFor}, or which is owed. */
    void take(double amount, long now) {
        refill(now);
        level -= amount;
    }

    /** Whether the bucket is full again: forgetting it changes nothing. */
    boolean isFull(long now) {
        refill(now);
        return level >= capacity;
    }

    private void refill(long now) {
        long elapsed = now - last;
        if (elapsed > 0) {
            level = Math.min(capacity, level + elapsed * perNano);
            last = now;
        }
    }
}
