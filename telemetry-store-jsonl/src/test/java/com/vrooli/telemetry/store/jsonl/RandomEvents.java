package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.core.Details;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random but valid events for property-style tests: standard and custom types (failures among
 * them), timestamps out of order and repeated, ids that repeat (retries), deployment ids that need
 * escaping, details of varied shapes. Deterministic for a seed.
 */
public final class RandomEvents {

    private static final String[] TYPES = {"app_start", "ready", "crash", "migration_failed", "dependency_unreachable",
        "service_stopped", "custom_timeout", "update_error", "secrets_prompted", "note"};

    private final SplittableRandom random;
    private final String[] scenarios;

    public RandomEvents(long seed, String... scenarios) {
        this.random = new SplittableRandom(seed);
        this.scenarios = scenarios;
    }

    public SplittableRandom random() {
        return random;
    }

    public TelemetryEvent next() {
        String scenario = scenarios[random.nextInt(scenarios.length)];
        TelemetryEvent e = StoreTestSupport.event(scenario, TYPES[random.nextInt(TYPES.length)], random.nextInt(5_000));
        if (random.nextInt(3) == 0) {
            e = e.withDeploymentId(random.nextBoolean() ? "deploy-" + random.nextInt(5) : "dé\"ploy\\" + random.nextInt(3));
        }
        if (random.nextInt(4) != 0) {
            e = e.withEventId("id-" + random.nextInt(400));
        }
        int details = random.nextInt(4);
        if (details == 1) {
            e = new TelemetryEvent(e.timestamp(), e.scenario(), e.deploymentId(), e.event(), e.eventId(),
                    Details.of(Map.of("exit_code", random.nextInt(2), "reason", "why \"not\" ü")));
        } else if (details == 2) {
            e = new TelemetryEvent(e.timestamp(), e.scenario(), e.deploymentId(), e.event(), e.eventId(),
                    Details.parse("{\"n\":" + random.nextInt(1000) + ",\"list\":[1,2,{\"x\":null}]}"));
        }
        return e;
    }

    public List<TelemetryEvent> batch(int max) {
        int n = 1 + random.nextInt(max);
        List<TelemetryEvent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(next());
        }
        return out;
    }
}
