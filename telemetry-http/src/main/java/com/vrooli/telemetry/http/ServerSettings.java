package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.DecodeLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link TelemetryServerBuilder} resolved: the values the listener and the guards are
 * built from. Immutable.
 */
record ServerSettings(int port, String bindAddress, UploadLimits uploadLimits, Clock clock, Duration shutdownTimeout,
                      LiveTokens tokens, Duration headerTimeout, Duration idleTimeout, BodyTimeouts bodyTimeouts,
                      Duration maxFutureSkew, Duration silentAfter) {

    ServerSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(uploadLimits, "uploadLimits");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(headerTimeout, "headerTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(bodyTimeouts, "bodyTimeouts");
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        Objects.requireNonNull(silentAfter, "silentAfter");
    }

    DecodeLimits decodeLimits() {
        return new DecodeLimits(uploadLimits.maxDecompressedBytes(), uploadLimits.maxEventBytes(), maxFutureSkew);
    }
}
