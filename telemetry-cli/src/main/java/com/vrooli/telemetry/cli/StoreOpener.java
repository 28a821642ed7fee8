package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.core.TelemetryStore;
import com.vrooli.telemetry.store.jsonl.RetentionPolicy;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/** Opens the store a command works on; the launcher's one link to a store implementation. */
interface StoreOpener {

    /**
     * Opens {@code dir} for a server: created when missing, locked against a second server.
     *
     * @param fsync         {@code always}, {@code batch} or {@code never}
     * @param fsyncListener receives each fsync's duration in nanoseconds
     * @throws IllegalArgumentException when {@code fsync} is not one of those words
     * @throws com.vrooli.telemetry.core.StoreUnavailableException when the directory cannot be used
     */
    TelemetryStore openForServing(Path dir, String fsync, LongConsumer fsyncListener);

    /**
     * Opens {@code dir} for a server that keeps only what {@code retention} allows. By default the
     * policy is ignored (stores without files, such as test stores in memory, have nothing to rotate).
     *
     * @throws IllegalArgumentException when {@code fsync} is not one of the words above
     * @throws com.vrooli.telemetry.core.StoreUnavailableException when the directory cannot be used
     */
    default TelemetryStore openForServing(Path dir, String fsync, LongConsumer fsyncListener,
                                          RetentionPolicy retention) {
        return openForServing(dir, fsync, fsyncListener);
    }

    /**
     * Opens an existing {@code dir} to read while a server may be writing it.
     *
     * @throws com.vrooli.telemetry.core.StoreUnavailableException when it cannot be read
     */
    TelemetryStore openReadOnly(Path dir);
}
