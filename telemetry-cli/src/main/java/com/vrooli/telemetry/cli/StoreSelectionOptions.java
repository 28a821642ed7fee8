package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.store.jsonl.RetentionPolicy;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code telemetry serve}'s choice of store: {@code --store jsonl} (the default, in {@code --dir})
 * or {@code --store postgres} with the {@link JdbcOptions}.
 */
final class StoreSelectionOptions {

    @Option(names = "--store", paramLabel = "KIND", defaultValue = "jsonl",
            description = "jsonl (default: files in --dir) or postgres (a database several servers share).")
    String store;

    @Mixin
    JdbcOptions jdbc = new JdbcOptions();

    /**
     * The options of the chosen store.
     *
     * @throws CliException (usage) for an unknown store, a missing URL or flags of the other store
     */
    StoreOptions options(CliEnvironment env, Supplier<Path> dir, String fsync, LongConsumer fsyncListener,
                         RetentionOptions retention) {
        switch (store.toLowerCase(Locale.ROOT)) {
            case "jsonl":
                if (jdbc.isSet()) {
                    throw usage("--jdbc-url and --jdbc-password-file need --store postgres");
                }
                return new StoreOptions.Jsonl(dir.get(), fsync, fsyncListener, retention.policy());
            case "postgres":
            case "postgresql":
                RetentionPolicy policy = retention.policy();
                if (policy.maxBytes() > 0 || retention.segmentBytes != null || retention.gzipSegments) {
                    throw usage("--retain-bytes, --segment-bytes and --gzip-segments apply to --store jsonl;"
                            + " PostgreSQL keeps events by age (--retain-age)");
                }
                return jdbc.postgres(env, "--store postgres", policy.maxAge());
            default:
                throw usage("--store must be jsonl or postgres, got '" + store + "'");
        }
    }

    private static CliException usage(String message) {
        return new CliException(CliException.USAGE, message);
    }
}
