package com.vrooli.telemetry.core;

/**
 * Size limits applied while decoding uploads.
 *
 * @param maxBodyBytes  largest accepted body after decompression (default 4 MiB)
 * @param maxEventBytes largest accepted stored line of one event (default 64 KiB)
 */
public record DecodeLimits(long maxBodyBytes, int maxEventBytes) {

    /** 4 MiB, the document's maximum payload. */
    public static final long DEFAULT_MAX_BODY_BYTES = 4L * 1024 * 1024;
    /** 64 KiB. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 64 * 1024;

    public DecodeLimits {
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1024, got " + maxBodyBytes);
        }
        if (maxEventBytes < 256) {
            throw new IllegalArgumentException("maxEventBytes must be at least 256, got " + maxEventBytes);
        }
    }

    /** The documented defaults: 4 MiB bodies, 64 KiB events. */
    public static DecodeLimits defaults() {
        return new DecodeLimits(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_EVENT_BYTES);
    }
}
