package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.http.ApiTokens;
import com.vrooli.telemetry.http.RateLimits;
import com.vrooli.telemetry.http.TelemetryServer;
import com.vrooli.telemetry.http.TokenSources;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.logging.Logger;
import picocli.CommandLine.Option;

/**
 * The options of {@code telemetry serve} that guard the server: API tokens (from
 * {@code --tokens-file} and the environment), {@code --insecure}, rate limits and timeouts. A
 * picocli mixin, so that {@link ServeCommand} stays about serving.
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
    void applyTo(TelemetryServer.Builder server, CliEnvironment env) {
        ApiTokens tokens = tokens(env);
        if (!tokens.isEmpty()) {
            LOG.info("API tokens required: " + tokens.uploadCount() + " upload, " + tokens.readCount() + " read");
        }
        server.tokens(tokens).insecure(insecure)
                .headerTimeout(headerTimeout).bodyTimeout(bodyTimeout).idleTimeout(idleTimeout);
        try {
            server.rateLimits(RateLimits.builder().requestsPerSecond(requestsPerSecond).requestBurst(requestBurst)
                    .bytesPerSecond(bytesPerSecond).byteBurst(byteBurst).maxInFlightBytes(maxInFlight).build());
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage(), e);
        }
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
