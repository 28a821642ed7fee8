package com.vrooli.telemetry.store.jsonl.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.EventDecoder;
import com.vrooli.telemetry.core.EventFilter;
import com.vrooli.telemetry.core.EventLevel;
import com.vrooli.telemetry.core.EventLineCodec;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.RandomEvents;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The raw pre-check never refuses a line that matches, and does refuse the plain non-matches. */
class RawLineFilterTest {

    private static final String[] TYPES = {"app_start", "crash", "service_stopped", "migration_failed", "ready",
        "secrets_prompted", "custom_timeout"};
    private static final String[] DEPLOYMENTS = {"deploy-1", "deploy-2", "dé\"ploy\\", "ü"};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2})
    @DisplayName("a line the pre-check refuses never matches the query (random lines and queries)")
    void neverRefusesAMatch(long seed) {
        RandomEvents events = new RandomEvents(seed, "app");
        SplittableRandom random = events.random();
        EventDecoder decoder = EventDecoder.create();
        int refused = 0;
        for (int q = 0; q < 60; q++) {
            EventQuery query = randomQuery(random);
            RawLineFilter raw = RawLineFilter.of(query);
            EventFilter filter = EventFilter.of(query);
            for (int i = 0; i < 100; i++) {
                TelemetryEvent e = events.next();
                if (random.nextInt(3) == 0) {
                    e = new TelemetryEvent(e.timestamp(), e.scenario(), e.deploymentId(),
                            TYPES[random.nextInt(TYPES.length)], e.eventId(), e.details());
                }
                byte[] line = EventLineCodec.encode(e);
                boolean matches = filter.matches(decoder.decodeLine(line, 0, line.length - 1));
                boolean may = raw == null || raw.mayMatch(line, 0, line.length - 1);
                assertTrue(may || !matches, () -> "refused a match: " + new String(line, StandardCharsets.UTF_8));
                refused += may ? 0 : 1;
            }
        }
        assertTrue(refused > 300, "the pre-check refused only " + refused + " lines");
    }

    private static EventQuery randomQuery(SplittableRandom random) {
        EventQuery.Builder b = EventQuery.builder("app");
        if (random.nextBoolean()) {
            b.eventTypes(new HashSet<>(List.of(TYPES[random.nextInt(TYPES.length)], TYPES[random.nextInt(TYPES.length)])));
        }
        if (random.nextBoolean()) {
            b.minLevel(EventLevel.values()[random.nextInt(EventLevel.values().length)]);
        }
        if (random.nextInt(3) == 0) {
            b.deploymentId(DEPLOYMENTS[random.nextInt(DEPLOYMENTS.length)]);
        }
        return b.build();
    }

    @Test
    @DisplayName("lines in another key order or with escapes are left to the decoder")
    void otherShapesAreDecoded() {
        RawLineFilter crashes = RawLineFilter.of(EventQuery.builder("app").eventTypes(Set.of("crash")).build());
        assertFalse(crashes.mayMatch(bytes("{\"ts\":\"2025-01-15T12:00:00Z\",\"scenario\":\"app\",\"event\":\"ready\"}"),
                0, 62));
        for (String line : new String[] {
            "{\"scenario\":\"app\",\"ts\":\"2025-01-15T12:00:00Z\",\"event\":\"ready\"}",
            "{\"ts\":\"2025-01-15T12:00:00Z\",\"scenario\":\"app\",\"event\":\"re\\u0061dy\"}",
            "{\"ts\":\"2025-01-15T12:00:00Z\",\"scenario\":\"a\\\"pp\",\"event\":\"ready\"}",
            "{\"ts\":\"2025-01-15T12:00:00Z\",\"scenario\":\"app\",\"event_id\":\"x\",\"event\":\"ready\"}",
            "{\"ts\":\"2025-01-15T12:00:00Z\",\"scenario\":\"app\"",
            "not json"}) {
            byte[] b = bytes(line);
            assertTrue(crashes.mayMatch(b, 0, b.length), line);
        }
    }

    @Test
    @DisplayName("service_stopped's level depends on its exit code, so a level filter decodes it")
    void serviceStoppedIsDecoded() {
        RawLineFilter warnings = RawLineFilter.of(EventQuery.builder("app").minLevel(EventLevel.WARN).build());
        byte[] stopped = bytes("{\"ts\":\"2025-01-15T12:00:00Z\",\"scenario\":\"app\",\"event\":\"service_stopped\"}");
        byte[] ready = bytes("{\"ts\":\"2025-01-15T12:00:00Z\",\"scenario\":\"app\",\"event\":\"ready\"}");
        assertTrue(warnings.mayMatch(stopped, 0, stopped.length));
        assertFalse(warnings.mayMatch(ready, 0, ready.length));
    }

    @Test
    @DisplayName("a deployment filter refuses other ids, and decodes lines with escapes or without an id")
    void deploymentFilter() {
        RawLineFilter deploy = RawLineFilter.of(EventQuery.builder("app").deploymentId("deploy-1").build());
        String head = "{\"ts\":\"2025-01-15T12:00:00Z\",\"scenario\":\"app\",";
        assertFalse(may(deploy, head + "\"deployment_id\":\"deploy-2\",\"event\":\"ready\"}"));
        assertTrue(may(deploy, head + "\"deployment_id\":\"deploy-1\",\"event\":\"ready\"}"));
        assertTrue(may(deploy, head + "\"deployment_id\":\"deploy\\u002d1\",\"event\":\"ready\"}"));
        assertTrue(may(deploy, head + "\"event\":\"ready\"}"));
    }

    @Test
    @DisplayName("a query without type, level or deployment filters has no pre-check")
    void noFilterNoPreCheck() {
        assertNull(RawLineFilter.of(EventQuery.builder("app").search("x").build()));
        assertNull(RawLineFilter.of(EventQuery.builder("app").minLevel(EventLevel.INFO).build()));
        assertEquals(RawLineFilter.class, RawLineFilter.of(EventQuery.builder("app").minLevel(EventLevel.ERROR).build())
                .getClass());
    }

    private static boolean may(RawLineFilter f, String line) {
        byte[] b = bytes(line);
        return f.mayMatch(b, 0, b.length);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
