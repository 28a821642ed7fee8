package com.vrooli.telemetry.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One row of the fleet view: what is known about one {@code deployment_id} of a scenario.
 *
 * @param deploymentId  the deployment
 * @param firstSeen     its oldest event timestamp
 * @param lastSeen      its newest event timestamp
 * @param lastStart     the timestamp of its newest {@code app_start}, or null when none was seen
 * @param lastVersion   {@code details.version} of that {@code app_start}, or null
 * @param lastPlatform  {@code details.platform} of that {@code app_start}, or null
 * @param starts        how many {@code app_start} events it sent
 * @param crashes       how many {@code crash} events it sent
 * @param failureCounts failure type to count, sorted by type (at most
 *                      {@value DeploymentAggregator#MAX_FAILURE_TYPES} types, the rest under
 *                      {@value TimelineAggregator#OTHER})
 * @param lastFailure   its newest failure, or null
 */
public record DeploymentState(String deploymentId, Instant firstSeen, Instant lastSeen, Instant lastStart,
                              String lastVersion, String lastPlatform, long starts, long crashes,
                              Map<String, Long> failureCounts, FailureEntry lastFailure) {

    public DeploymentState {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        failureCounts = Collections.unmodifiableMap(new TreeMap<>(failureCounts));
    }

    /**
     * Its status at {@code now}: {@link DeploymentStatus#SILENT} when nothing newer than
     * {@code silentAfter} before {@code now} arrived, otherwise {@link DeploymentStatus#FAILING}
     * when its newest failure is not older than its newest start, otherwise {@link DeploymentStatus#OK}.
     */
    public DeploymentStatus status(Instant now, Duration silentAfter) {
        if (lastSeen.isBefore(now.minus(silentAfter))) {
            return DeploymentStatus.SILENT;
        }
        if (lastFailure != null && (lastStart == null || !lastFailure.timestamp().isBefore(lastStart))) {
            return DeploymentStatus.FAILING;
        }
        return DeploymentStatus.OK;
    }

    /** Total failures of all types. */
    public long totalFailures() {
        long n = 0;
        for (long c : failureCounts.values()) {
            n += c;
        }
        return n;
    }
}
