package com.vrooli.telemetry.core;

/**
 * The per-tenant bounds every {@link TelemetryStore} enforces, whatever it keeps its events in, so
 * that no client holding an upload token can grow the store's memory, files or answers without
 * limit. The values and their meaning live here so that each store (and the contract test in
 * core's test jar) applies the same ones.
 *
 * <ul>
 *   <li>{@code maxScenarios}: distinct scenarios a store holds. An event of a scenario the store
 *       does not hold yet, once it holds this many, is refused by its index in
 *       {@link AppendResult#rejected()} with {@link #scenarioLimitError}; events of the scenarios
 *       it holds are stored as before.</li>
 *   <li>{@code maxFailureTypes}: distinct failure types counted by name in one scenario's
 *       {@code failure_counts}. A failure of another type past the cap is still stored and counted
 *       in {@code total_events} and, when recent enough, in {@code recent_failures}, but in
 *       {@code failure_counts} it adds to {@link ScenarioSummary#otherFailures()} (the wire field
 *       {@code other_failures}) instead of a new key.</li>
 *   <li>{@code maxPageBytes}: the stored-line bytes (see {@link EventLineCodec}) of one page of
 *       {@link TelemetryStore#query}. A page ends early, with a {@code next_cursor}, before the
 *       event that would pass this budget; it always holds at least one event, so a page is at
 *       most this budget plus one event line.</li>
 *   <li>{@code maxDeployments}: deployment rows (see {@link TelemetryStore#deployments}) a store
 *       keeps across all its scenarios, on top of the per-scenario cap of
 *       {@link DeploymentAggregator#MAX_DEPLOYMENTS}. When a new deployment would pass it, the
 *       deployments silent the longest (oldest {@code last_seen}) anywhere in the store are dropped
 *       first; their events stay stored and counted in the summaries.</li>
 * </ul>
 *
 * @param maxScenarios    distinct scenarios a store holds (default {@value #DEFAULT_MAX_SCENARIOS})
 * @param maxFailureTypes failure types counted by name per scenario (default
 *                        {@value #DEFAULT_MAX_FAILURE_TYPES})
 * @param maxPageBytes    stored-line bytes of one events page (default 4 MiB)
 * @param maxDeployments  deployment rows kept across the store (default
 *                        {@value #DEFAULT_MAX_DEPLOYMENTS})
 */
public record StoreLimits(int maxScenarios, int maxFailureTypes, long maxPageBytes, int maxDeployments) {

    /**
     * 10,000 scenarios. A scenario is an app (a bundle name), not an install: 10,000 installs of a
     * few hundred apps need a few hundred; the cap leaves ample room while bounding the summaries
     * answer, the memory of the aggregates and the number of files in a directory.
     */
    public static final int DEFAULT_MAX_SCENARIOS = 10_000;
    /**
     * 256 failure types per scenario: the catalogue has about 20 and an app adds a few dozen of its
     * own; 256 keys keep one summary near 10 KB, where unbounded names reached megabytes.
     */
    public static final int DEFAULT_MAX_FAILURE_TYPES = 256;
    /** 4 MiB per page: the same bound as an upload body, so a page costs what an upload may. */
    public static final long DEFAULT_MAX_PAGE_BYTES = 4L * 1024 * 1024;
    /**
     * 100,000 deployment rows in the whole store: a row costs a few hundred bytes, so the fleet
     * view stays in the tens of megabytes, where 10,000 per scenario times 10,000 scenarios would
     * allow a hundred million rows.
     */
    public static final int DEFAULT_MAX_DEPLOYMENTS = 100_000;

    public StoreLimits {
        if (maxScenarios < 1) {
            throw new IllegalArgumentException("maxScenarios must be at least 1, got " + maxScenarios);
        }
        if (maxFailureTypes < 0) {
            throw new IllegalArgumentException("maxFailureTypes must not be negative, got " + maxFailureTypes);
        }
        if (maxPageBytes < 1024) {
            throw new IllegalArgumentException("maxPageBytes must be at least 1024, got " + maxPageBytes);
        }
        if (maxDeployments < 1) {
            throw new IllegalArgumentException("maxDeployments must be at least 1, got " + maxDeployments);
        }
    }

    /** Limits with the default deployment cap. */
    public StoreLimits(int maxScenarios, int maxFailureTypes, long maxPageBytes) {
        this(maxScenarios, maxFailureTypes, maxPageBytes, DEFAULT_MAX_DEPLOYMENTS);
    }

    /** The documented defaults. */
    public static StoreLimits defaults() {
        return new StoreLimits(DEFAULT_MAX_SCENARIOS, DEFAULT_MAX_FAILURE_TYPES, DEFAULT_MAX_PAGE_BYTES,
                DEFAULT_MAX_DEPLOYMENTS);
    }

    /** These limits with another scenario cap. */
    public StoreLimits withMaxScenarios(int n) {
        return new StoreLimits(n, maxFailureTypes, maxPageBytes, maxDeployments);
    }

    /** These limits with another failure-type cap. */
    public StoreLimits withMaxFailureTypes(int n) {
        return new StoreLimits(maxScenarios, n, maxPageBytes, maxDeployments);
    }

    /** These limits with another page budget. */
    public StoreLimits withMaxPageBytes(long bytes) {
        return new StoreLimits(maxScenarios, maxFailureTypes, bytes, maxDeployments);
    }

    /** These limits with another store-wide deployment cap. */
    public StoreLimits withMaxDeployments(int n) {
        return new StoreLimits(maxScenarios, maxFailureTypes, maxPageBytes, n);
    }

    /** The per-event error for an event of a new scenario once {@code maxScenarios} are held. */
    public String scenarioLimitError(String scenario) {
        return "scenario '" + scenario + "' is new and this server already holds its limit of " + maxScenarios
                + " scenarios; events of existing scenarios are still stored";
    }
}
