package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.core.StoreLimits;
import com.vrooli.telemetry.core.TelemetryStore;
import java.nio.file.Path;

/** Opens the store a command works on; the launcher's one link to the store implementations. */
interface StoreOpener {

    /**
     * Opens the store {@code options} name, for a server.
     *
     * @throws IllegalArgumentException when a setting is not valid (the message names it)
     * @throws com.vrooli.telemetry.core.StoreUnavailableException when the store cannot be used now
     *         (the directory is locked or unwritable, the database cannot be reached)
     */
    TelemetryStore openForServing(StoreOptions options);

    /**
     * Opens the store {@code options} name, for a server that enforces the per-tenant
     * {@code limits} and, for a JSONL store, keeps at most {@code maxOpenFiles} scenario files open.
     * By default the limits are ignored (test stores).
     *
     * @throws IllegalArgumentException when a setting is not valid (the message names it)
     * @throws com.vrooli.telemetry.core.StoreUnavailableException when the store cannot be used now
     */
    default TelemetryStore openForServing(StoreOptions options, StoreLimits limits, int maxOpenFiles) {
        return openForServing(options);
    }

    /**
     * Opens an existing JSONL {@code dir} to read while a server may be writing it.
     *
     * @throws com.vrooli.telemetry.core.StoreUnavailableException when it cannot be read
     */
    TelemetryStore openReadOnly(Path dir);
}
