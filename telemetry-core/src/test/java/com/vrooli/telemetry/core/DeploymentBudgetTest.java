package com.vrooli.telemetry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The store-wide deployment cap shared by the fleet views of several scenarios. */
class DeploymentBudgetTest {

    private static final Instant T0 = Instant.parse("2025-01-15T12:00:00Z");

    private static TelemetryEvent ready(String deployment, int seconds) {
        return new TelemetryEvent(T0.plusSeconds(seconds), "app", deployment, "ready", null, null);
    }

    private static List<String> ids(ActivityAggregator a) {
        return a.deployments().stream().map(DeploymentState::deploymentId).collect(Collectors.toList());
    }

    @Test
    @DisplayName("past the cap, one percent under it is freed at once, the longest silent first in any member")
    void dropsDownToOnePercentUnderTheCap() {
        DeploymentBudget budget = DeploymentBudget.create(200);
        ActivityAggregator a = ActivityAggregator.create();
        ActivityAggregator b = ActivityAggregator.create();
        budget.attach(a);
        budget.attach(b);
        for (int i = 0; i < 100; i++) {
            a.add(ready("a-" + i, 2 * i));
            b.add(ready("b-" + i, 2 * i + 1));
        }
        assertEquals(200, budget.size());

        b.add(ready("b-new", 1_000));

        assertEquals(198, budget.size(), "201 rows, 3 dropped: the excess and the 2 rows of slack");
        assertEquals(3, budget.dropped());
        assertEquals(List.of("a-99", "a-98"), ids(a).subList(0, 2));
        assertEquals(98, ids(a).size(), "a-0 (0 s) and a-1 (2 s) went");
        assertEquals(100, ids(b).size(), "b-0 (1 s) went, b-new came");
    }

    @Test
    @DisplayName("attaching rows resumed past a lower cap drops the oldest at once; detaching gives their room back")
    void attachEnforcesAndDetachFrees() {
        DeploymentBudget budget = DeploymentBudget.create(2);
        ActivityAggregator a = ActivityAggregator.create();
        a.add(ready("a-1", 1));
        a.add(ready("a-2", 2));
        a.add(ready("a-3", 3));

        budget.attach(a);

        assertEquals(List.of("a-3", "a-2"), ids(a));
        assertEquals(2, budget.size());
        budget.detach(a);
        assertEquals(0, budget.size());
        a.add(ready("a-4", 4));
        assertEquals(3, ids(a).size(), "a detached fleet view is bound only by its own cap");
        budget.detach(a);
        assertEquals(0, budget.size());
    }

    @Test
    @DisplayName("the per-scenario cap's drops are taken off the store-wide count")
    void perScenarioDropsAreCounted() {
        DeploymentBudget budget = DeploymentBudget.create(2 * DeploymentAggregator.MAX_DEPLOYMENTS);
        ActivityAggregator a = ActivityAggregator.create();
        budget.attach(a);
        for (int i = 0; i < DeploymentAggregator.MAX_DEPLOYMENTS + 1; i++) {
            a.add(ready("d-" + i, i));
        }

        assertEquals(DeploymentAggregator.MAX_DEPLOYMENTS * 99 / 100 + 1, a.deployments().size());
        assertEquals(a.deployments().size(), budget.size());
        assertEquals(0, budget.dropped(), "those drops are the scenario's, not the store's");
    }

    @Test
    @DisplayName("a fleet view counts against one budget only, and a budget holds at least one row")
    void misuseIsRefused() {
        DeploymentBudget budget = DeploymentBudget.create(5);
        ActivityAggregator a = ActivityAggregator.create();
        budget.attach(a);
        assertThrows(IllegalStateException.class, () -> DeploymentBudget.create(5).attach(a));
        assertThrows(IllegalArgumentException.class, () -> DeploymentBudget.create(0));
    }
}
