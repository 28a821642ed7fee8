package com.vrooli.telemetry.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Everything a client was built with, validated by {@link TelemetryClientBuilder}. The token
 * never appears in {@link #toString()}.
 */
record ClientConfig(
        String scenario,
        String deploymentId,
        String appVersion,
        Path spoolFile,
        URI uploadUri,
        String authToken,
        long maxSpoolBytes,
        int queueCapacity,
        int maxBatchEvents,
        int maxBatchBytes,
        int maxEventBytes,
        Duration uploadInterval,
        Duration requestTimeout,
        Duration connectTimeout,
        Duration closeTimeout,
        boolean closeOnShutdown,
        Clock clock,
        Duration backoffBase,
        Duration backoffCap,
        Duration maxRetryAfter,
        boolean fsync,
        Duration lockWait,
        Duration ownerRetryInterval,
        Duration warningInterval) {

    /** Largest single write to the file: a quarter of the cap, at most 1 MiB. */
    int writeChunkBytes() {
        return (int) Math.min(1L << 20, maxSpoolBytes / 4);
    }

    @Override
    public String toString() {
        return "ClientConfig[scenario=" + scenario + ", deploymentId=" + deploymentId + ", spoolFile=" + spoolFile
                + ", uploadTo=" + (uploadUri == null ? null : Uploader.describe(uploadUri))
                + ", authToken=" + (authToken == null ? "none" : "set") + ", maxSpoolBytes=" + maxSpoolBytes
                + ", queueCapacity=" + queueCapacity + ", maxBatchEvents=" + maxBatchEvents
                + ", maxBatchBytes=" + maxBatchBytes + ", uploadInterval=" + uploadInterval
                + ", requestTimeout=" + requestTimeout + ", closeTimeout=" + closeTimeout + "]";
    }
}
