package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.core.TelemetryStore;
import com.vrooli.telemetry.store.jsonl.FsyncPolicy;
import com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore;
import com.vrooli.telemetry.store.jsonl.RetentionPolicy;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongConsumer;

/** Opens the embedded JSONL store: the one store implementation the launcher knows. */
final class StoreFactory implements StoreOpener {

    @Override
    public TelemetryStore openForServing(Path dir, String fsync, LongConsumer fsyncListener) {
        return openForServing(dir, fsync, fsyncListener, RetentionPolicy.none());
    }

    @Override
    public TelemetryStore openForServing(Path dir, String fsync, LongConsumer fsyncListener,
                                         RetentionPolicy retention) {
        return JsonlTelemetryStore.builder(dir)
                .fsync(fsyncPolicy(fsync))
                .fsyncListener(fsyncListener)
                .retention(retention)
                .open();
    }

    @Override
    public TelemetryStore openReadOnly(Path dir) {
        return JsonlTelemetryStore.builder(dir).readOnly(true).open();
    }

    static FsyncPolicy fsyncPolicy(String word) {
        switch (word.toLowerCase(Locale.ROOT)) {
            case "always":
                return FsyncPolicy.ALWAYS;
            case "batch":
                return FsyncPolicy.BATCH;
            case "never":
                return FsyncPolicy.NEVER;
            default:
                throw new IllegalArgumentException("--fsync must be always, batch or never, got '" + word + "'");
        }
    }
}
