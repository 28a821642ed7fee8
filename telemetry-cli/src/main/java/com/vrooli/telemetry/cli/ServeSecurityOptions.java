package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.http.ApiTokens;
import com.vrooli.telemetry.http.RateLimits;
import com.vrooli.telemetry.http.TelemetryServer;
import com.vrooli.telemetry.http.TelemetryServerBuilder;
import com.vrooli.telemetry.http.TokenSources;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import picocli.CommandLine.Option;

/**
 * The options of {@code telemetry serve} that guard the server: API tokens (from
 * {@code --tokens-file} and the environment, reloaded on SIGHUP and when the file changes),
 * {@code --insecure}, browser origins and host names, rate limits and timeouts. A picocli mixin,
 * so that {@link ServeCommand} stays about serving.
 */
final class ServeSecurityOptions {

    private static final Logger LOG = Logger.getLogger(ServeSecurityOptions.class.getName());

    @Option(names = "--tokens-file", paramLabel = "FILE",
            description = "API tokens, one per line: 'upload TOKEN [PATTERN,...]' or 'read TOKEN'; # comments."
                    + " Must not be readable by other users. Also read: $" + TokenSources.UPLOAD_VARIABLE + ", $"
                    + TokenSources.READ_VARIABLE + ".")
    String tokensFile;

    @Option(names = "--insecure",
            description = "Allow a non-loopback --bind without API tokens (logs a warning).")
    boolean insecure;

    @Option(names = "--requests-per-second", paramLabel = "RATE", defaultValue = "5000",
            description = "Requests per second per client, 0 for no limit (default ${DEFAULT-VALUE}).")
    double requestsPerSecond;

    @Option(names = "--request-burst", paramLabel = "N", defaultValue = "10000",
            description = "Requests a client may send at once (default ${DEFAULT-VALUE}).")
    long requestBurst;

    @Option(names = "--bytes-per-second", paramLabel = "SIZE", defaultValue = "256MiB",
            converter = ByteSizeConverter.class,
            description = "Request body bytes per second per client, 0 for no limit (default ${DEFAULT-VALUE}).")
    long bytesPerSecond;

    @Option(names = "--byte-burst", paramLabel = "SIZE", defaultValue = "64MiB", converter = ByteSizeConverter.class,
            description = "Body bytes a client may send at once; at least --max-body (default ${DEFAULT-VALUE}).")
    long byteBurst;

    @Option(names = "--max-in-flight", paramLabel = "SIZE", defaultValue = "128MiB",
            converter = ByteSizeConverter.class,
            description = "Upload bytes in flight over all clients, 0 for no limit (default ${DEFAULT-VALUE}).")
    long maxInFlight;

    @Option(names = "--header-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationArgument.Converter.class,
            description = "Time to send a request's headers (default ${DEFAULT-VALUE}).")
    Duration headerTimeout;

    @Option(names = "--body-timeout", paramLabel = "DURATION", defaultValue = "60s",
            converter = DurationArgument.Converter.class,
            description = "Time to send a request's body, answered 408 after it (default ${DEFAULT-VALUE}).")
    Duration bodyTimeout;

    @Option(names = "--min-body-rate", paramLabel = "SIZE", defaultValue = "1KiB",
            converter = ByteSizeConverter.class,
            description = "Slowest average body rate per second once --body-rate-grace has passed, answered 408"
                    + " below it; 0 for no minimum (default ${DEFAULT-VALUE}).")
    long minBodyRate;

    @Option(names = "--body-rate-grace", paramLabel = "DURATION", defaultValue = "5s",
            converter = DurationArgument.Converter.class,
            description = "Time a body may take before its rate is checked (default ${DEFAULT-VALUE}).")
    Duration bodyRateGrace;

    @Option(names = "--allow-origin", paramLabel = "ORIGIN",
            description = "A web origin (https://host[:port]) whose pages may call the server, with CORS;"
                    + " repeatable. Other sites' pages are refused (403).")
    List<String> allowOrigins = new ArrayList<>();

    @Option(names = "--allow-host", paramLabel = "HOST",
            description = "A Host name a server without tokens answers besides loopback names; repeatable.")
    List<String> allowHosts = new ArrayList<>();

    @Option(names = "--tokens-check-interval", paramLabel = "DURATION", defaultValue = "5s",
            converter = DurationArgument.Converter.class,
            description = "How often --tokens-file is checked for changes, which reload the tokens like SIGHUP"
                    + " does; 0 to reload on SIGHUP only (default ${DEFAULT-VALUE}).")
    Duration tokensCheckInterval;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "60s",
            converter = DurationArgument.Converter.class,
            description = "Time a connection may stay open between requests (default ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    /**
     * Applies these options to a server builder.
     *
     * @throws CliException (usage) for malformed tokens, a tokens file others may read, or a bad
     *                      limit; (error) when the tokens file cannot be read
     */
    void applyTo(TelemetryServerBuilder server, CliEnvironment env) {
        ApiTokens tokens = tokens(env);
        if (!tokens.isEmpty()) {
            LOG.info("API tokens required: " + tokens.uploadCount() + " upload, " + tokens.readCount() + " read");
        }
        server.tokens(tokens).insecure(insecure)
                .headerTimeout(headerTimeout).bodyTimeout(bodyTimeout).idleTimeout(idleTimeout);
        try {
            server.minBodyRate(minBodyRate, bodyRateGrace);
            allowOrigins.forEach(server::allowOrigin);
            allowHosts.forEach(server::allowHost);
            server.rateLimits(RateLimits.builder().requestsPerSecond(requestsPerSecond).requestBurst(requestBurst)
                    .bytesPerSecond(bytesPerSecond).byteBurst(byteBurst).maxInFlightBytes(maxInFlight).build());
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage(), e);
        }
    }

    /**
     * A reloader of the running {@code server}'s tokens from the same sources, watching the tokens
     * file every {@code --tokens-check-interval}; SIGHUP is wired by the caller.
     */
    TokenReloader reloader(TelemetryServer server, CliEnvironment env) {
        Path file = tokensFile == null ? null : env.expandHome(tokensFile);
        return new TokenReloader(file, () -> tokens(env), server::replaceTokens).watchEvery(tokensCheckInterval);
    }

    private ApiTokens tokens(CliEnvironment env) {
        ApiTokens.Builder tokens = ApiTokens.builder();
        try {
            if (tokensFile != null) {
                TokenSources.readFile(env.expandHome(tokensFile), tokens, LOG::warning);
            }
            TokenSources.readEnvironment(env::variable, tokens);
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new CliException(CliException.ERROR, e.getMessage(), e);
        }
        return tokens.build();
    }
}
