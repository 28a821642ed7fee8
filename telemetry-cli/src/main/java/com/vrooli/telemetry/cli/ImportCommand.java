package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.core.StoreException;
import com.vrooli.telemetry.core.TelemetryStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code telemetry import --dir DIR --jdbc-url URL}: copies a JSONL telemetry directory into the
 * PostgreSQL store, scenario by scenario in stored order, one transaction per batch. Idempotent:
 * events keep their {@code event_id}, events without one get a fingerprint of their content as
 * id (see {@link ImportFingerprints}), so a second run stores nothing twice. The directory is read
 * without its lock, so a server may go on writing it.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Copy a JSONL telemetry directory into PostgreSQL; running it again stores nothing twice.")
final class ImportCommand implements Callable<Integer> {

    private final CliEnvironment env;
    private final StoreOpener stores;

    @Option(names = "--dir", paramLabel = "DIR", required = true, description = "The JSONL telemetry directory.")
    Path dir;

    @Mixin
    JdbcOptions jdbc = new JdbcOptions();

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1000",
            description = "Events per transaction (default ${DEFAULT-VALUE}, at most 10000).")
    int batch;

    ImportCommand(CliEnvironment env, StoreOpener stores) {
        this.env = env;
        this.stores = stores;
    }

    @Override
    public Integer call() {
        if (batch < 1 || batch > 10_000) {
            throw new CliException(CliException.USAGE, "--batch must be between 1 and 10000, got " + batch);
        }
        StoreOptions.Postgres target = jdbc.postgres(env, "import", null);
        try (TelemetryStore source = open(dir.toString(), () -> stores.openReadOnly(dir));
             TelemetryStore pg = open(target.describe(), () -> stores.openForServing(target))) {
            ImportProgress progress = new ImportProgress(env.err(), env.terminal());
            JsonlImport.Totals t = JsonlImport.copy(source, pg, batch, progress);
            env.out().println("imported " + t.read() + " events of " + t.scenarios() + " scenarios from " + dir
                    + " into " + target.describe() + ": " + t.stored() + " new, " + t.duplicates() + " already there");
            return 0;
        }
    }

    private static TelemetryStore open(String what, java.util.function.Supplier<TelemetryStore> opener) {
        try {
            return opener.get();
        } catch (StoreException e) {
            throw new CliException(CliException.ERROR, "cannot use " + what + ": " + e.getMessage(), e);
        }
    }
}
