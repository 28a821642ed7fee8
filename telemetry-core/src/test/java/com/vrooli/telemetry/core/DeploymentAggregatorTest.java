package com.vrooli.telemetry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The fleet view's bounds: the cap on deployments (oldest-silent dropped first) and on labels and types. */
class DeploymentAggregatorTest {

    private static final Instant T0 = Instant.parse("2025-01-15T12:00:00Z");

    private static TelemetryEvent event(String deployment, String type, int seconds, Map<String, ?> details) {
        return new TelemetryEvent(T0.plusSeconds(seconds), "app", deployment, type, null,
                details == null ? null : Details.of(details));
    }

    @Test
    @DisplayName("past the cap, the deployments silent the longest are dropped first, one percent at a time")
    void capDropsTheOldestSilentFirst() {
        DeploymentAggregator fleet = new DeploymentAggregator(200);
        for (int i = 0; i < 200; i++) {
            // d-0 was heard from last of all, so it is kept; d-1 and d-2 are the longest silent.
            fleet.add(event("d-" + i, "ready", i == 0 ? 10_000 : i, null));
        }
        fleet.add(event("d-new", "ready", 20_000, null));

        List<String> ids = fleet.rows().stream().map(DeploymentState::deploymentId).collect(Collectors.toList());
        assertEquals(199, ids.size());
        assertTrue(ids.contains("d-0"));
        assertTrue(ids.contains("d-new"));
        assertFalse(ids.contains("d-1"));
        assertFalse(ids.contains("d-2"));
        assertTrue(ids.contains("d-3"));
    }

    @Test
    @DisplayName("a deployment counts 32 failure types by name and the rest together; labels are cut at 128 chars")
    void typesAndLabelsAreBounded() {
        DeploymentAggregator fleet = new DeploymentAggregator();
        fleet.add(event("d", "app_start", 0, Map.of("version", "v".repeat(1000), "platform", "linux")));
        for (int i = 0; i < DeploymentAggregator.MAX_FAILURE_TYPES + 5; i++) {
            fleet.add(event("d", "kind" + i + "_failed", 1 + i, null));
        }

        DeploymentState d = fleet.rows().get(0);
        assertEquals(DeploymentAggregator.MAX_FAILURE_TYPES + 1, d.failureCounts().size());
        assertEquals(5L, d.failureCounts().get(TimelineAggregator.OTHER));
        assertEquals(DeploymentAggregator.MAX_FAILURE_TYPES + 5L, d.totalFailures());
        assertEquals(DeploymentAggregator.MAX_LABEL, d.lastVersion().length());
        assertEquals("linux", d.lastPlatform());
    }

    @Test
    @DisplayName("events without a deployment id are not part of the fleet view")
    void eventsWithoutDeploymentAreLeftOut() {
        DeploymentAggregator fleet = new DeploymentAggregator();
        fleet.add(event(null, "crash", 0, null));
        assertTrue(fleet.rows().isEmpty());
    }
}
