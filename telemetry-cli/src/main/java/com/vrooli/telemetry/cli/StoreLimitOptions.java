package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.core.StoreLimits;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code telemetry serve}'s per-tenant bounds (see {@link StoreLimits} and the README's "Security
 * and operations"): every dimension a client holding an upload token could grow is capped, with a
 * default chosen for a public server with about 10,000 installs. Picocli fills the fields.
 */
final class StoreLimitOptions {

    @Option(names = "--max-scenarios", paramLabel = "N", defaultValue = "" + StoreLimits.DEFAULT_MAX_SCENARIOS,
            description = "Distinct scenarios the server holds; events of a new scenario past it are refused one by"
                    + " one (default ${DEFAULT-VALUE}).")
    int maxScenarios;

    @Option(names = "--max-failure-types", paramLabel = "N",
            defaultValue = "" + StoreLimits.DEFAULT_MAX_FAILURE_TYPES,
            description = "Failure types counted by name per scenario; failures of further types are still stored"
                    + " and counted in other_failures (default ${DEFAULT-VALUE}).")
    int maxFailureTypes;

    @Option(names = "--max-page-bytes", paramLabel = "SIZE", defaultValue = "4MiB", converter = ByteSizeConverter.class,
            description = "Stored bytes of one events page; a page ends early with next_cursor (default"
                    + " ${DEFAULT-VALUE}).")
    long maxPageBytes;

    @Option(names = "--max-deployments", paramLabel = "N", defaultValue = "" + StoreLimits.DEFAULT_MAX_DEPLOYMENTS,
            description = "Deployment rows (the fleet view) the server keeps across all scenarios; past it the"
                    + " deployments silent the longest are dropped, their events stay stored and counted (default"
                    + " ${DEFAULT-VALUE}).")
    int maxDeployments;

    @Option(names = "--max-open-files", paramLabel = "N", defaultValue = "512",
            description = "Scenario files kept open for appending; the least recently used idle ones are closed and"
                    + " reopened on demand (default ${DEFAULT-VALUE}).")
    int maxOpenFiles;

    @Option(names = "--max-future-skew", paramLabel = "AGE", defaultValue = "1d", converter = DurationArgument.Positive.class,
            description = "How far after the server's clock an event's timestamp may be; later ones are refused one"
                    + " by one (default ${DEFAULT-VALUE}).")
    Duration maxFutureSkew;

    /**
     * The store limits the flags give.
     *
     * @throws CliException (usage) when a value is out of range
     */
    StoreLimits limits() {
        if (maxOpenFiles < 1) {
            throw new CliException(CliException.USAGE, "--max-open-files must be at least 1, got " + maxOpenFiles);
        }
        try {
            return new StoreLimits(maxScenarios, maxFailureTypes, maxPageBytes, maxDeployments);
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage().replace("maxScenarios", "--max-scenarios")
                    .replace("maxFailureTypes", "--max-failure-types").replace("maxPageBytes", "--max-page-bytes")
                    .replace("maxDeployments", "--max-deployments"), e);
        }
    }
}
