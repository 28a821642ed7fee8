package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.core.StoreException;
import com.vrooli.telemetry.core.TelemetryStore;
import com.vrooli.telemetry.http.ServerMetrics;
import com.vrooli.telemetry.http.TelemetryServer;
import com.vrooli.telemetry.http.TelemetryServerBuilder;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code telemetry serve}: the server on the embedded JSONL store (or, with {@code --store postgres},
 * on a PostgreSQL database several servers share) until SIGTERM or Ctrl-C, which close the server
 * gracefully (in-flight uploads finish) and then the store. SIGHUP reloads the API tokens.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the telemetry server on the embedded JSONL store (or --store postgres) until stopped"
                + " (SIGTERM or Ctrl-C).")
final class ServeCommand implements Callable<Integer> {

    /** The document's default telemetry directory. */
    static final String DEFAULT_DIR = "~/.vrooli/deployment/telemetry";

    private static final Logger LOG = Logger.getLogger(ServeCommand.class.getName());

    private final CliEnvironment env;
    private final StoreOpener stores;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Port to listen on (default: $API_PORT, else 8080; 0 picks a free port).")
    Integer port;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Telemetry directory (default: $TELEMETRY_DIR, else " + DEFAULT_DIR + ").")
    String dir;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = TelemetryServer.DEFAULT_BIND_ADDRESS,
            description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String bind;

    @Option(names = "--max-body", paramLabel = "SIZE", defaultValue = "4MiB", converter = ByteSizeConverter.class,
            description = "Largest upload body as sent (default ${DEFAULT-VALUE}).")
    long maxBody;

    @Option(names = "--max-decompressed", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Largest gzip upload body once decompressed (default: the --max-body value).")
    Long maxDecompressed;

    @Mixin
    ServeSecurityOptions security = new ServeSecurityOptions();

    @Option(names = "--fsync", paramLabel = "POLICY", defaultValue = "batch",
            description = "always (each upload forces its scenario files), batch (default: concurrent uploads share"
                    + " one fsync of the store's write-ahead journal) or never (no fsync; a power loss may lose the"
                    + " last seconds).")
    String fsync;

    @Mixin
    RetentionOptions retention = new RetentionOptions();

    @Mixin
    StoreLimitOptions storeLimits = new StoreLimitOptions();

    @Mixin
    StoreSelectionOptions storeSelection = new StoreSelectionOptions();

    @Option(names = "--silent-after", paramLabel = "DURATION", defaultValue = "24h",
            converter = DurationArgument.Positive.class,
            description = "A deployment with no event for this long is shown as silent (default ${DEFAULT-VALUE}).")
    Duration silentAfter;

    ServeCommand(CliEnvironment env, StoreOpener stores) {
        this.env = env;
        this.stores = stores;
    }

    @Override
    public Integer call() throws InterruptedException {
        int listenPort = port != null ? port : env.apiPort();
        ServerMetrics metrics = new ServerMetrics();
        StoreOptions options = storeSelection.options(env, this::directory, fsync, metrics.fsyncListener(), retention);
        TelemetryStore store = openStore(options);
        PostgresMetrics.register(metrics, store);
        TelemetryServer server = startServer(store, listenPort, metrics);
        TokenReloader reloader = security.reloader(server, env);
        // SIGHUP would otherwise end the JVM; here it reloads the tokens, as operators expect of a daemon.
        HangupSignal.onHangup(() -> reloader.reload("SIGHUP"));
        CountDownLatch stopped = new CountDownLatch(1);
        env.onShutdown().accept(() -> {
            reloader.close();
            stop(server, store);
            stopped.countDown();
        });
        LOG.info("telemetry server listening on " + server.uri() + " with events in " + options.describe()
                + describeSettings(options));
        stopped.await();
        return 0;
    }

    private Path directory() {
        String chosen = dir != null ? dir : env.variable("TELEMETRY_DIR");
        return env.expandHome(chosen != null ? chosen : DEFAULT_DIR).toAbsolutePath().normalize();
    }

    private static String describeSettings(StoreOptions options) {
        if (options instanceof StoreOptions.Jsonl jsonl) {
            return " (fsync " + jsonl.fsync() + RetentionOptions.describe(jsonl.retention()) + ")";
        }
        Duration age = ((StoreOptions.Postgres) options).retention();
        return age == null ? "" : " (events kept " + age + ")";
    }

    private TelemetryStore openStore(StoreOptions options) {
        try {
            return stores.openForServing(options, storeLimits.limits(), storeLimits.maxOpenFiles);
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage(), e);
        } catch (StoreException e) {
            // Store messages name what failed and never carry a password (the database's are built so).
            throw new CliException(CliException.ERROR, "cannot use " + options.describe() + ": " + e.getMessage(), e);
        }
    }

    private TelemetryServer startServer(TelemetryStore store, int listenPort, ServerMetrics metrics) {
        try {
            TelemetryServerBuilder b = TelemetryServer.builder(store).port(listenPort).bindAddress(bind)
                    .maxBodyBytes(maxBody).maxFutureSkew(storeLimits.maxFutureSkew).metrics(metrics)
                    .silentAfter(silentAfter);
            security.applyTo(b, env);
            if (maxDecompressed != null) {
                b.maxDecompressedBytes(maxDecompressed);
            }
            return b.build().start();
        } catch (CliException e) {
            store.close();
            throw e;
        } catch (IllegalArgumentException e) {
            store.close();
            throw new CliException(CliException.USAGE, e.getMessage(), e);
        } catch (UncheckedIOException e) {
            store.close();
            throw new CliException(CliException.ERROR, e.getCause().getMessage(), e);
        }
    }

    private static void stop(TelemetryServer server, TelemetryStore store) {
        try {
            server.close();
        } finally {
            store.close();
            LOG.info("telemetry server stopped");
        }
    }
}
