package com.vrooli.telemetry.http;

import com.vrooli.telemetry.store.jsonl.RetentionPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * {@code telemetry serve}'s choice of store: {@code --store jsonl} (the default, in {@code --dir})
 * or {@code --store postgres} with {@code --jdbc-url}. The database user and password come from
 * the URL's parameters, the environment ({@code TELEMETRY_JDBC_USER} / {@code TELEMETRY_JDBC_PASSWORD},
 * else {@code PGUSER} / {@code PGPASSWORD}) or {@code --jdbc-password-file}; they are never printed.
 */
final class StoreSelectionOptions {

    @Option(names = "--store", paramLabel = "KIND", defaultValue = "jsonl",
            description = "jsonl (default: files in --dir) or postgres (a database several servers share).")
    String store;

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "With --store postgres: jdbc:postgresql://HOST[:PORT]/DB (default: $TELEMETRY_JDBC_URL).")
    String jdbcUrl;

    @Option(names = "--jdbc-password-file", paramLabel = "FILE",
            description = "With --store postgres: read the database password from FILE"
                    + " (default: $TELEMETRY_JDBC_PASSWORD, else $PGPASSWORD, else the URL's).")
    Path passwordFile;

    /**
     * The options of the chosen store.
     *
     * @throws CliException (usage) for an unknown store, a missing URL or flags of the other store
     */
    StoreOptions options(CliEnvironment env, Supplier<Path> dir, String fsync, LongConsumer fsyncListener,
                         RetentionOptions retention) {
        switch (store.toLowerCase(Locale.ROOT)) {
            case "jsonl":
                if (jdbcUrl != null || passwordFile != null) {
                    throw usage("--jdbc-url and --jdbc-password-file need --store postgres");
                }
                return new StoreOptions.Jsonl(dir.get(), fsync, fsyncListener, retention.policy());
            case "postgres":
            case "postgresql":
                return postgres(env, retention);
            default:
                throw usage("--store must be jsonl or postgres, got '" + store + "'");
        }
    }

    private StoreOptions postgres(CliEnvironment env, RetentionOptions retention) {
        String url = jdbcUrl != null ? jdbcUrl : env.variable("TELEMETRY_JDBC_URL");
        if (url == null) {
            throw usage("--store postgres needs --jdbc-url or $TELEMETRY_JDBC_URL");
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw usage("--jdbc-url must start with jdbc:postgresql:, got '" + JdbcUrls.withoutParameters(url) + "'");
        }
        RetentionPolicy policy = retention.policy();
        if (policy.maxBytes() > 0 || retention.segmentBytes != null || retention.gzipSegments) {
            throw usage("--retain-bytes, --segment-bytes and --gzip-segments apply to --store jsonl;"
                    + " PostgreSQL keeps events by age (--retain-age)");
        }
        String user = first(env.variable("TELEMETRY_JDBC_USER"), env.variable("PGUSER"));
        return new StoreOptions.Postgres(url, user, password(env), policy.maxAge());
    }

    private String password(CliEnvironment env) {
        if (passwordFile != null) {
            try {
                return Files.readString(passwordFile).strip();
            } catch (IOException e) {
                throw new CliException(CliException.ERROR, "cannot read --jdbc-password-file " + passwordFile + ": "
                        + e.getClass().getSimpleName(), e);
            }
        }
        return first(env.variable("TELEMETRY_JDBC_PASSWORD"), env.variable("PGPASSWORD"));
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static CliException usage(String message) {
        return new CliException(CliException.USAGE, message);
    }
}
