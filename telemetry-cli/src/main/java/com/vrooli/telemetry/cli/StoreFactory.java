package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.core.StoreLimits;
import com.vrooli.telemetry.core.TelemetryStore;
import com.vrooli.telemetry.store.jsonl.FsyncPolicy;
import com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore;
import com.vrooli.telemetry.store.postgres.PostgresStoreBuilder;
import com.vrooli.telemetry.store.postgres.PostgresTelemetryStore;
import java.nio.file.Path;
import java.util.Locale;

/** Opens the launcher's stores: the embedded JSONL store and the shared PostgreSQL store. */
final class StoreFactory implements StoreOpener {

    @Override
    public TelemetryStore openForServing(StoreOptions options) {
        if (options instanceof StoreOptions.Jsonl jsonl) {
            return JsonlTelemetryStore.builder(jsonl.dir())
                    .fsync(fsyncPolicy(jsonl.fsync()))
                    .fsyncListener(jsonl.fsyncListener())
                    .retention(jsonl.retention())
                    .open();
        }
        StoreOptions.Postgres pg = (StoreOptions.Postgres) options;
        PostgresStoreBuilder b = PostgresTelemetryStore.builder(pg.jdbcUrl()).user(pg.user()).password(pg.password());
        if (pg.retention() != null) {
            b.retention(pg.retention());
        }
        return b.open();
    }

    @Override
    public TelemetryStore openForServing(StoreOptions options, StoreLimits limits, int maxOpenFiles) {
        if (options instanceof StoreOptions.Jsonl jsonl) {
            return JsonlTelemetryStore.builder(jsonl.dir())
                    .fsync(fsyncPolicy(jsonl.fsync()))
                    .fsyncListener(jsonl.fsyncListener())
                    .retention(jsonl.retention())
                    .limits(limits)
                    .maxOpenFiles(maxOpenFiles)
                    .open();
        }
        StoreOptions.Postgres pg = (StoreOptions.Postgres) options;
        PostgresStoreBuilder b = PostgresTelemetryStore.builder(pg.jdbcUrl()).user(pg.user()).password(pg.password())
                .maxScenarios(limits.maxScenarios()).maxPageBytes(limits.maxPageBytes())
                .maxFailureTypes(limits.maxFailureTypes()).maxDeployments(limits.maxDeployments());
        if (pg.retention() != null) {
            b.retention(pg.retention());
        }
        return b.open();
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
