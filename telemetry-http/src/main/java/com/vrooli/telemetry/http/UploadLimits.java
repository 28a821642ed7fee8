package com.vrooli.telemetry.http;

/**
 * Size limits of upload bodies.
 *
 * @param maxBodyBytes         largest body accepted as sent (compressed or not)
 * @param maxDecompressedBytes largest body accepted after gzip decompression
 * @param maxEventBytes        largest stored line of one event
 */
record UploadLimits(long maxBodyBytes, long maxDecompressedBytes, int maxEventBytes) {

    /**
     * The most bytes of a refused body read and dropped to deliver the refusal (see
     * {@link BodyDiscarder}): twice the larger body limit.
     */
    long discardCap() {
        return Math.max(maxBodyBytes, maxDecompressedBytes) * 2;
    }

    /**
     * Undertow's own entity limit, a backstop twice the {@link #discardCap()}: the receiver must
     * answer before it trips, since Undertow then shuts the read side and the answer is lost.
     */
    long entityLimit() {
        return discardCap() * 2;
    }

    /** The smallest body limit accepted: a limit must leave room for at least one event. */
    static final long MIN_BODY_BYTES = 1024;

    UploadLimits {
        if (maxBodyBytes < MIN_BODY_BYTES) {
            throw new IllegalArgumentException("maxBodyBytes must be at least " + MIN_BODY_BYTES + ", got "
                    + maxBodyBytes);
        }
        if (maxDecompressedBytes < MIN_BODY_BYTES) {
            throw new IllegalArgumentException("maxDecompressedBytes must be at least " + MIN_BODY_BYTES
                    + ", got " + maxDecompressedBytes);
        }
        if (maxDecompressedBytes > Integer.MAX_VALUE - 16 || maxBodyBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("body limits must be below 2 GiB");
        }
    }
}
