package com.vrooli.telemetry.store.jsonl;

import java.time.Duration;
import java.util.Objects;

/**
 * How much of each scenario the store keeps: per-scenario size and age limits, off by default.
 *
 * <p>With a policy, the live file {@code {scenario}.jsonl} is rotated into numbered segments
 * {@code {scenario}.jsonl.1}, {@code {scenario}.jsonl.2}, ... (optionally gzip'd:
 * {@code {scenario}.jsonl.3.gz}) when it reaches {@link #segmentBytes()} or, with an age limit,
 * when its first write is {@link #segmentAge()} old; the oldest segments are then deleted while the
 * scenario's files together hold more than {@link #maxBytes()} or a segment's last write is older
 * than {@link #maxAge()}. The live file itself is never deleted, only rotated.
 *
 * <p>Defaults derived by the builder: {@code segmentBytes} is an eighth of {@code maxBytes} (at
 * least 1 KiB, at most 64 MiB), else 64 MiB; {@code segmentAge} is an eighth of {@code maxAge}.
 * So events are kept for between {@code maxAge} and about {@code maxAge * 9 / 8}, and a scenario
 * holds at most {@code maxBytes} plus one batch. Immutable and thread-safe.
 */
public final class RetentionPolicy {

    /** Smallest segment size accepted. */
    public static final long MIN_SEGMENT_BYTES = 1024;
    /** Segment size when only an age limit (or nothing that implies a size) is given. */
    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;

    private static final RetentionPolicy NONE = new RetentionPolicy(0, null, 0, null, false);

    private final long maxBytes;
    private final Duration maxAge;
    private final long segmentBytes;
    private final Duration segmentAge;
    private final boolean gzipSegments;

    private RetentionPolicy(long maxBytes, Duration maxAge, long segmentBytes, Duration segmentAge,
                            boolean gzipSegments) {
        this.maxBytes = maxBytes;
        this.maxAge = maxAge;
        this.segmentBytes = segmentBytes;
        this.segmentAge = segmentAge;
        this.gzipSegments = gzipSegments;
    }

    /** Keep everything in the live file forever: no rotation, no deletion (the default). */
    public static RetentionPolicy none() {
        return NONE;
    }

    /** A builder; with nothing set it builds {@link #none()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Most bytes a scenario's files may hold together, or 0 for no size limit. */
    public long maxBytes() {
        return maxBytes;
    }

    /** Age past which a segment (by its last write) is deleted, or null for no age limit. */
    public Duration maxAge() {
        return maxAge;
    }

    /** Size at which the live file is rotated into a segment, or 0 when it is not rotated by size. */
    public long segmentBytes() {
        return segmentBytes;
    }

    /** Age of its first write at which the live file is rotated, or null when it is not rotated by age. */
    public Duration segmentAge() {
        return segmentAge;
    }

    /** Whether segments are compressed with gzip after rotation. */
    public boolean gzipSegments() {
        return gzipSegments;
    }

    /** True when the live file is ever rotated. */
    public boolean rotates() {
        return segmentBytes > 0 || segmentAge != null;
    }

    @Override
    public String toString() {
        return "RetentionPolicy[maxBytes=" + maxBytes + ", maxAge=" + maxAge + ", segmentBytes=" + segmentBytes
                + ", segmentAge=" + segmentAge + ", gzipSegments=" + gzipSegments + "]";
    }

    /** Configures a {@link RetentionPolicy}, validating each value as it is given; not thread-safe. */
    public static final class Builder {
        private long maxBytes;
        private Duration maxAge;
        private long segmentBytes;
        private Duration segmentAge;
        private boolean gzipSegments;

        private Builder() {
        }

        /**
         * Most bytes (compressed size for gzip'd segments) one scenario's files may hold together.
         *
         * @throws IllegalArgumentException when below {@link #MIN_SEGMENT_BYTES}
         */
        public Builder maxBytes(long bytes) {
            requireAtLeast("maxBytes", bytes, MIN_SEGMENT_BYTES);
            this.maxBytes = bytes;
            return this;
        }

        /**
         * How long events are kept at least: a segment is deleted once its last write is older.
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder maxAge(Duration age) {
            this.maxAge = positive("maxAge", age);
            return this;
        }

        /**
         * Size at which the live file is rotated (default derived, see the class comment).
         *
         * @throws IllegalArgumentException when below {@link #MIN_SEGMENT_BYTES}
         */
        public Builder segmentBytes(long bytes) {
            requireAtLeast("segmentBytes", bytes, MIN_SEGMENT_BYTES);
            this.segmentBytes = bytes;
            return this;
        }

        /**
         * Age of its first write at which the live file is rotated (default: {@code maxAge / 8}).
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder segmentAge(Duration age) {
            this.segmentAge = positive("segmentAge", age);
            return this;
        }

        /** Compresses segments with gzip after rotation; default false. */
        public Builder gzipSegments(boolean gzip) {
            this.gzipSegments = gzip;
            return this;
        }

        /**
         * The policy, with the defaults derived from what was set.
         *
         * @throws IllegalArgumentException when {@code segmentBytes} exceeds {@code maxBytes}, or
         *                                  gzip is asked for without anything that rotates
         */
        public RetentionPolicy build() {
            long segment = segmentBytes;
            if (segment == 0 && (maxBytes > 0 || maxAge != null || segmentAge != null)) {
                segment = maxBytes > 0 ? Math.max(MIN_SEGMENT_BYTES, Math.min(DEFAULT_SEGMENT_BYTES, maxBytes / 8))
                        : DEFAULT_SEGMENT_BYTES;
            }
            if (maxBytes > 0 && segment > maxBytes) {
                throw new IllegalArgumentException("segmentBytes (" + segment + ") must not exceed maxBytes ("
                        + maxBytes + ")");
            }
            Duration age = segmentAge != null ? segmentAge : maxAge == null ? null : maxAge.dividedBy(8);
            if (age != null && age.isZero()) {
                age = Duration.ofNanos(1);
            }
            if (segment == 0 && age == null) {
                if (gzipSegments) {
                    throw new IllegalArgumentException("gzipSegments needs rotation: set maxBytes, maxAge,"
                            + " segmentBytes or segmentAge");
                }
                return NONE;
            }
            return new RetentionPolicy(maxBytes, maxAge, segment, age, gzipSegments);
        }

        private static void requireAtLeast(String name, long value, long min) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be at least " + min + " bytes, got " + value);
            }
        }

        private static Duration positive(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }
    }
}
