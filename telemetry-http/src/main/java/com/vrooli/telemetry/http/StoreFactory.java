package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.StoreUnavailableException;
import com.vrooli.telemetry.core.TelemetryStore;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/** SCRATCH, NOT TO BE COMMITTED: replaced by the JSONL wiring when the store lands. */
final class StoreFactory implements StoreOpener {
    @Override
    public TelemetryStore openForServing(Path dir, String fsync, LongConsumer fsyncListener) {
        throw new StoreUnavailableException("scratch");
    }

    @Override
    public TelemetryStore openReadOnly(Path dir) {
        throw new StoreUnavailableException("scratch");
    }
}
