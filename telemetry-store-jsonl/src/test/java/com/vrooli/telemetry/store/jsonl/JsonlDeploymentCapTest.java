package com.vrooli.telemetry.store.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vrooli.telemetry.core.DeploymentState;
import com.vrooli.telemetry.core.StoreLimits;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The store-wide deployment cap ({@link StoreLimits#maxDeployments()}) across a restart of the
 * JSONL store, whether it resumes from snapshots or rebuilds from the files; the contract test
 * covers the cap itself.
 */
class JsonlDeploymentCapTest {

    private static final List<String> SCENARIOS = List.of("alpha", "beta", "gamma");

    private static JsonlTelemetryStore open(Path dir, int maxDeployments, boolean snapshots) {
        return JsonlTelemetryStore.builder(dir).fsync(FsyncPolicy.NEVER).snapshots(snapshots)
                .limits(StoreLimits.defaults().withMaxDeployments(maxDeployments)).open();
    }

    /** Every deployment row of the store, as scenario/deployment, sorted. */
    private static TreeSet<String> rows(JsonlTelemetryStore store) {
        TreeSet<String> out = new TreeSet<>();
        for (String scenario : SCENARIOS) {
            for (DeploymentState d : store.deployments(scenario).orElse(List.of())) {
                out.add(scenario + "/" + d.deploymentId());
            }
        }
        return out;
    }

    @ParameterizedTest(name = "snapshots {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("reopened with a lower cap, the store keeps the newest rows across its scenarios and counts the drop")
    void reopenWithALowerCap(boolean snapshots) {
        Path dir = StoreTestSupport.jimfsDir();
        List<TelemetryEvent> events = new ArrayList<>();
        // Deployment d<i> of scenario i % 3 was last heard from at second i: d5 is the newest.
        for (int i = 0; i < 6; i++) {
            events.add(new TelemetryEvent(StoreTestSupport.T0.plusSeconds(i), SCENARIOS.get(i % 3), "d" + i, "ready",
                    null, null));
        }
        try (JsonlTelemetryStore store = open(dir, 100, snapshots)) {
            store.append(events);
            assertEquals(6, rows(store).size());
        }

        try (JsonlTelemetryStore again = open(dir, 4, snapshots)) {
            assertEquals(new TreeSet<>(List.of("alpha/d3", "beta/d4", "gamma/d2", "gamma/d5")), rows(again));
            assertEquals(2, again.limitCounters().deploymentsDropped());
            assertEquals(6, SCENARIOS.stream().mapToLong(s -> again.summary(s).orElseThrow().totalEvents()).sum(),
                    "every event is still counted");

            again.append(List.of(new TelemetryEvent(StoreTestSupport.T0.plusSeconds(10), "beta", "d-new", "crash",
                    null, null)));
            assertEquals(new TreeSet<>(List.of("alpha/d3", "beta/d4", "beta/d-new", "gamma/d5")), rows(again));
            assertEquals(3, again.limitCounters().deploymentsDropped());
        }
    }
}
