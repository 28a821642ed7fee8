package com.vrooli.telemetry.client;

/**
 * How many events the next upload batch may hold. A 413 halves it; after
 * {@link #SUCCESSES_BEFORE_GROWTH} answered batches in a row it doubles again, up to the
 * configured maximum, so one large batch (or a proxy's limit that was lifted) does not leave the
 * client sending small batches for the rest of its life. Where a limit really is lower, the cost
 * is one refused request per eight batches. Used by the background thread.
 */
final class BatchSize {

    static final int SUCCESSES_BEFORE_GROWTH = 8;

    private final int max;
    private int limit;
    private int successes;

    BatchSize(int max) {
        this.max = max;
        this.limit = max;
    }

    int limit() {
        return limit;
    }

    /** A batch of {@code lines} was refused as too large. */
    void tooLarge(int lines) {
        limit = Math.max(1, Math.min(limit, lines) / 2);
        successes = 0;
    }

    /** A batch of {@code lines} was answered. */
    void succeeded(int lines) {
        if (limit >= max) {
            return;
        }
        // Only batches that were full say that the limit held; a short batch says nothing.
        if (lines >= limit && ++successes >= SUCCESSES_BEFORE_GROWTH) {
            limit = (int) Math.min(max, 2L * limit);
            successes = 0;
        }
    }
}
