package com.vrooli.telemetry.core;

import static com.vrooli.telemetry.core.Decoding.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Timestamps more than the tolerance after the server's clock are refused one by one. */
class FutureTimestampTest {

    private static final Instant NOW = Instant.parse("2025-01-15T13:00:00Z");

    private final InMemoryTelemetryStore store = InMemoryTelemetryStore.create();
    private final IngestService ingest = IngestService.create(store, Clock.fixed(NOW, ZoneOffset.UTC));

    private static String line(String ts) {
        return "{\"scenario\":\"a\",\"event\":\"crash\",\"timestamp\":\"" + ts + "\"}";
    }

    @ParameterizedTest
    @EnumSource(value = BodyFormat.class, names = {"JSON", "NDJSON"})
    @DisplayName("an event dated more than one day ahead is refused with a clear error; the others are stored")
    void farFutureIsRefused(BodyFormat format) {
        String[] lines = {line("2025-01-16T13:00:00Z"), line("9999-12-31T23:59:59Z"), line("2025-01-16T13:00:01Z"),
                line("2025-01-15T12:00:00Z")};
        String body = format == BodyFormat.JSON ? "[" + String.join(",", lines) + "]" : String.join("\n", lines);

        IngestResult r = ingest.ingest(utf8(body), format, null);

        assertEquals(IngestResult.Status.PARTIAL, r.status());
        assertEquals(2, r.stored());
        assertEquals(List.of(
                new EventError(1, "timestamp 9999-12-31T23:59:59Z is more than 1 day ahead of the server's clock"
                        + " (2025-01-15T13:00:00Z); check the sender's clock"),
                new EventError(2, "timestamp 2025-01-16T13:00:01Z is more than 1 day ahead of the server's clock"
                        + " (2025-01-15T13:00:00Z); check the sender's clock")), r.errors());
        assertEquals(Instant.parse("2025-01-16T13:00:00Z"), store.summary("a").orElseThrow().lastEvent(),
                "exactly the tolerance is accepted; nothing later pins last_event");
    }

    @Test
    @DisplayName("the tolerance is configurable, and events built in-process are held to it too")
    void configurableAndInProcess() {
        IngestService strict = IngestService.create(store, Clock.fixed(NOW, ZoneOffset.UTC),
                DecodeLimits.defaults().withMaxFutureSkew(Duration.ofHours(2)));

        IngestResult r = strict.ingest(List.of(TelemetryEvent.of(NOW.plusSeconds(7200), "b", "ready"),
                TelemetryEvent.of(NOW.plusSeconds(7201), "b", "crash")));

        assertEquals(1, r.stored());
        assertEquals(List.of(new EventError(1, "timestamp 2025-01-15T15:00:01Z is more than 2 hours ahead of the"
                + " server's clock (2025-01-15T13:00:00Z); check the sender's clock")), r.errors());
    }

    @Test
    @DisplayName("a stored line is read back whatever its date: the check applies to uploads only")
    void storedLinesAreNotJudgedAgainstAClock() {
        byte[] stored = (line("9999-12-31T23:59:59Z")).getBytes(StandardCharsets.UTF_8);

        TelemetryEvent e = EventDecoder.create(DecodeLimits.defaults()).decodeLine(stored, 0, stored.length);

        assertEquals(Instant.parse("9999-12-31T23:59:59Z"), e.timestamp());
    }

    @Test
    @DisplayName("a negative tolerance is a configuration error")
    void negativeToleranceIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> DecodeLimits.defaults().withMaxFutureSkew(Duration.ofSeconds(-1)));
    }
}
