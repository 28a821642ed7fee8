package com.vrooli.telemetry.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** Clients tuned for tests: short linger, tiny backoff, no shutdown hook. */
final class TestClients {

    static final String SCENARIO = "picker-wheel";

    private TestClients() {
    }

    /** Uploads shortly after recording; retries within milliseconds. */
    static TelemetryClientBuilder fast(Path spool, URI uploadTo) {
        return TelemetryClient.builder()
                .scenario(SCENARIO)
                .spoolFile(spool)
                .uploadTo(uploadTo)
                .uploadInterval(Duration.ofMillis(20))
                .backoff(Duration.ofMillis(10), Duration.ofMillis(100))
                .requestTimeout(Duration.ofSeconds(10))
                .connectTimeout(Duration.ofSeconds(2))
                .closeTimeout(Duration.ofSeconds(10))
                .ownerRetryInterval(Duration.ofMillis(50))
                .closeOnShutdown(false)
                .fsync(false);
    }

    /** Uploads only when flushed or a batch is full, so batches are predictable. */
    static TelemetryClientBuilder onFlushOnly(Path spool, URI uploadTo) {
        return fast(spool, uploadTo).uploadInterval(Duration.ofHours(1));
    }
}
