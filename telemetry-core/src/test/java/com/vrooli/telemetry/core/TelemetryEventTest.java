package com.vrooli.telemetry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TelemetryEventTest {

    private static final Instant T = Instant.parse("2025-01-15T12:00:00Z");

    private static TelemetryEvent full() {
        return new TelemetryEvent(T, "picker-wheel", "deploy-1", "app_start", "id-1", Details.of(Map.of("a", 1)));
    }

    @Test
    @DisplayName("a value: equal, with equal hashes, exactly when every component is equal")
    void valueSemantics() {
        assertEquals(full(), full());
        assertEquals(full().hashCode(), full().hashCode());
        List<TelemetryEvent> others = List.of(
                new TelemetryEvent(T.plusNanos(1), "picker-wheel", "deploy-1", "app_start", "id-1", Details.of(Map.of("a", 1))),
                new TelemetryEvent(T, "picker-wheel2", "deploy-1", "app_start", "id-1", Details.of(Map.of("a", 1))),
                full().withDeploymentId(null),
                full().withDeploymentId("deploy-2"),
                new TelemetryEvent(T, "picker-wheel", "deploy-1", "app_stop", "id-1", Details.of(Map.of("a", 1))),
                full().withEventId(null),
                full().withEventId("id-2"),
                new TelemetryEvent(T, "picker-wheel", "deploy-1", "app_start", "id-1", Details.of(Map.of("a", 2))),
                new TelemetryEvent(T, "picker-wheel", "deploy-1", "app_start", "id-1", null));
        for (TelemetryEvent other : others) {
            assertNotEquals(full(), other, other.toString());
        }
        assertEquals("TelemetryEvent[timestamp=2025-01-15T12:00:00Z, scenario=picker-wheel, deploymentId=deploy-1,"
                + " event=app_start, eventId=id-1, details={\"a\":1}]", full().toString());
    }

    @Test
    @DisplayName("the public constructor and the copies check every name")
    void checksNames() {
        assertThrows(IllegalArgumentException.class, () -> TelemetryEvent.of(T, "../etc", "app_start"));
        assertThrows(IllegalArgumentException.class, () -> TelemetryEvent.of(T, "app", "bad event"));
        assertThrows(IllegalArgumentException.class, () -> full().withDeploymentId("tab\there"));
        assertThrows(IllegalArgumentException.class, () -> full().withEventId("no spaces"));
        assertThrows(NullPointerException.class, () -> TelemetryEvent.of(null, "app", "app_start"));
    }

    @Test
    @DisplayName("the kept line length is the length of the encoded line, for events decoded and built alike")
    void lineLength() {
        TelemetryEvent built = new TelemetryEvent(T, "app", "d\u00e9ploiement \"1\"", "app_start", "id-1",
                Details.of(Map.of("k", "v\u4e16")));
        assertEquals(EventLineCodec.encode(built).length - 1, EventLineCodec.encodedLength(built));
        assertEquals(EventLineCodec.encode(built).length - 1, EventLineCodec.encodedLength(built));
        byte[] line = EventLineCodec.encode(built);
        TelemetryEvent decoded = EventDecoder.create().decodeLine(line, 0, line.length - 1);
        assertEquals(built, decoded);
        assertEquals(EventLineCodec.encode(built).length - 1, EventLineCodec.encodedLength(decoded));
    }
}
