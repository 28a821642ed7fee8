package com.vrooli.telemetry.core;

/**
 * What a store's bounds ({@link StoreLimits}, and a file store's open-file limit) did since it was
 * opened, for {@code /metrics}. A store without a counter reports 0 for it.
 *
 * @param scenariosRefused new scenarios refused because the store held its limit of scenarios
 * @param openFiles        files the store holds open for appending now
 * @param filesClosedIdle  files closed to respect the open-file limit
 * @param filesReopened    files opened again after such a close
 * @param pagesCutByBytes  query pages that ended early at the page byte budget
 * @param deploymentsDropped deployment rows dropped by the store-wide cap
 *                         ({@link StoreLimits#maxDeployments()}, see {@link DeploymentBudget})
 */
public record StoreLimitCounters(long scenariosRefused, long openFiles, long filesClosedIdle, long filesReopened,
                                 long pagesCutByBytes, long deploymentsDropped) {

    /** Nothing counted. */
    public static final StoreLimitCounters NONE = new StoreLimitCounters(0, 0, 0, 0, 0, 0);

    /** Counters of a store without a store-wide deployment cap. */
    public StoreLimitCounters(long scenariosRefused, long openFiles, long filesClosedIdle, long filesReopened,
                              long pagesCutByBytes) {
        this(scenariosRefused, openFiles, filesClosedIdle, filesReopened, pagesCutByBytes, 0);
    }
}
