package com.vrooli.telemetry.http;

/**
 * Request limits of a server: a token bucket per client in requests and in bytes, and a global
 * budget of request bytes in flight. A client is an address (an IPv6 address by its /64 prefix)
 * and, with tokens, the token it presents. A rate of 0 turns that limit off. Immutable.
 *
 * <p>Defaults ({@link #defaults()}) are meant for a server facing the internet: they stop floods
 * from one client while letting an honest bundle (a batch every few seconds, a backlog of a few
 * hundred 1 MiB batches after days offline) and a load test of about 500,000 events/s from one
 * address (in batches of 200 events or more) through:
 * <ul>
 *   <li>{@value #DEFAULT_REQUESTS_PER_SECOND} requests/s per client, bursts of {@value #DEFAULT_REQUEST_BURST};</li>
 *   <li>256 MiB/s of request bodies (as sent) per client, bursts of 64 MiB;</li>
 *   <li>128 MiB of upload bodies in flight over all clients;</li>
 *   <li>at most {@value #DEFAULT_MAX_CLIENTS} clients tracked (idle ones are forgotten first).</li>
 * </ul>
 */
public final class RateLimits {

    /** Default requests per second per client. */
    public static final double DEFAULT_REQUESTS_PER_SECOND = 5000;
    /** Default request burst per client. */
    public static final long DEFAULT_REQUEST_BURST = 10_000;
    /** Default body bytes per second per client: 256 MiB. */
    public static final long DEFAULT_BYTES_PER_SECOND = 256L << 20;
    /** Default body byte burst per client: 64 MiB. */
    public static final long DEFAULT_BYTE_BURST = 64L << 20;
    /** Default budget of upload bytes in flight: 128 MiB. */
    public static final long DEFAULT_MAX_IN_FLIGHT_BYTES = 128L << 20;
    /** Default number of clients whose buckets are kept. */
    public static final int DEFAULT_MAX_CLIENTS = 65_536;

    private static final RateLimits DEFAULTS = builder().build();
    private static final RateLimits OFF = builder().requestsPerSecond(0).bytesPerSecond(0).maxInFlightBytes(0).build();

    private final double requestsPerSecond;
    private final long requestBurst;
    private final long bytesPerSecond;
    private final long byteBurst;
    private final long maxInFlightBytes;
    private final int maxClients;

    private RateLimits(Builder b) {
        this.requestsPerSecond = b.requestsPerSecond;
        this.requestBurst = b.requestBurst;
        this.bytesPerSecond = b.bytesPerSecond;
        this.byteBurst = b.byteBurst;
        this.maxInFlightBytes = b.maxInFlightBytes;
        this.maxClients = b.maxClients;
    }

    /** The documented defaults. */
    public static RateLimits defaults() {
        return DEFAULTS;
    }

    /** No limits at all (a trusted network, or a proxy in front that limits). */
    public static RateLimits off() {
        return OFF;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Requests per second per client; 0 when off. */
    public double requestsPerSecond() {
        return requestsPerSecond;
    }

    /** Requests a client may send at once after being idle. */
    public long requestBurst() {
        return requestBurst;
    }

    /** Body bytes per second per client; 0 when off. */
    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Body bytes a client may send at once after being idle. */
    public long byteBurst() {
        return byteBurst;
    }

    /** Upload bytes in flight over all clients; 0 when off. */
    public long maxInFlightBytes() {
        return maxInFlightBytes;
    }

    /** Clients whose buckets are kept; the idlest are forgotten beyond it. */
    public int maxClients() {
        return maxClients;
    }

    boolean perClient() {
        return requestsPerSecond > 0 || bytesPerSecond > 0;
    }

    @Override
    public String toString() {
        return "RateLimits[requests " + requestsPerSecond + "/s burst " + requestBurst + ", bytes " + bytesPerSecond
                + "/s burst " + byteBurst + ", in flight " + maxInFlightBytes + ", clients " + maxClients + "]";
    }

    /** Sets limits; starts from the defaults. Not thread-safe. */
    public static final class Builder {
        private double requestsPerSecond = DEFAULT_REQUESTS_PER_SECOND;
        private long requestBurst = DEFAULT_REQUEST_BURST;
        private long bytesPerSecond = DEFAULT_BYTES_PER_SECOND;
        private long byteBurst = DEFAULT_BYTE_BURST;
        private long maxInFlightBytes = DEFAULT_MAX_IN_FLIGHT_BYTES;
        private int maxClients = DEFAULT_MAX_CLIENTS;

        private Builder() {
        }

        /** Requests per second per client (0 turns the request limit off). */
        public Builder requestsPerSecond(double perSecond) {
            if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
                throw new IllegalArgumentException("requests per second must be 0 (off) or positive, got " + perSecond);
            }
            this.requestsPerSecond = perSecond;
            return this;
        }

        /** Requests a client may send at once (at least 1). */
        public Builder requestBurst(long burst) {
            if (burst < 1) {
                throw new IllegalArgumentException("request burst must be at least 1, got " + burst);
            }
            this.requestBurst = burst;
            return this;
        }

        /** Body bytes per second per client, as sent (0 turns the byte limit off). */
        public Builder bytesPerSecond(long perSecond) {
            if (perSecond < 0) {
                throw new IllegalArgumentException("bytes per second must be 0 (off) or positive, got " + perSecond);
            }
            this.bytesPerSecond = perSecond;
            return this;
        }

        /** Body bytes a client may send at once; the server requires it to hold one largest body. */
        public Builder byteBurst(long burst) {
            if (burst < 1) {
                throw new IllegalArgumentException("byte burst must be at least 1, got " + burst);
            }
            this.byteBurst = burst;
            return this;
        }

        /** Upload bytes in flight over all clients (0 turns the budget off). */
        public Builder maxInFlightBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("in-flight budget must be 0 (off) or positive, got " + bytes);
            }
            this.maxInFlightBytes = bytes;
            return this;
        }

        /** Clients whose buckets are kept (at least 16). */
        public Builder maxClients(int clients) {
            if (clients < 16) {
                throw new IllegalArgumentException("at least 16 clients must be tracked, got " + clients);
            }
            this.maxClients = clients;
            return this;
        }

        /** The limits. */
        public RateLimits build() {
            return new RateLimits(this);
        }
    }
}
