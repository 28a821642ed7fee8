package com.vrooli.telemetry.core;

import static com.vrooli.telemetry.core.Decoding.text;
import static com.vrooli.telemetry.core.Decoding.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one ingest path: decode, validate, fill timestamps, de-duplicate, append, answer. */
class IngestServiceTest {

    private static final Instant NOW = Instant.parse("2025-01-15T13:00:00Z");

    private final InMemoryTelemetryStore store = InMemoryTelemetryStore.create();
    private final IngestService ingest = IngestService.create(store, Clock.fixed(NOW, ZoneOffset.UTC));

    private IngestResult upload(String body) {
        return ingest.ingest(utf8(body), BodyFormat.JSON, null);
    }

    private List<TelemetryEvent> stored(String scenario) {
        return store.query(EventQuery.builder(scenario).order(EventQuery.Order.OLDEST_FIRST).build()).events();
    }

    @Test
    void aBodyOfValidEventsIsAcceptedAndStored() {
        IngestResult r = upload("[{\"scenario\":\"a\",\"event\":\"app_start\"},{\"scenario\":\"b\",\"event\":\"ready\"},"
                + "{\"scenario\":\"a\",\"event\":\"ready\"}]");

        assertEquals(IngestResult.Status.ACCEPTED, r.status());
        assertEquals(3, r.received());
        assertEquals(3, r.stored());
        assertEquals(Map.of("a", 2, "b", 1), r.storedByScenario());
        assertEquals(List.of("app_start", "ready"), stored("a").stream().map(TelemetryEvent::event).toList());
    }

    @Test
    void someInvalidEventsMakeAPartialUploadAndTheValidOnesAreStored() {
        IngestResult r = upload("[{\"scenario\":\"a\",\"event\":\"app_start\"},{\"scenario\":\"../a\",\"event\":\"x\"}]");

        assertEquals(IngestResult.Status.PARTIAL, r.status());
        assertEquals(1, r.stored());
        assertEquals(1, r.rejected());
        assertEquals(List.of(new EventError(1, "scenario '../a' must start with a letter or digit")), r.errors());
        assertEquals(1, stored("a").size());
    }

    @Test
    void onlyInvalidEventsMakeARejectedUploadAndNothingIsStored() {
        IngestResult r = upload("[{\"event\":\"app_start\"},null]");

        assertEquals(IngestResult.Status.REJECTED, r.status());
        assertEquals(0, r.stored());
        assertEquals(2, r.rejected());
        assertEquals(List.of(), store.summaries());
    }

    @Test
    void anEmptyArrayIsAcceptedWithNothingStored() {
        IngestResult r = upload("[]");

        assertEquals(IngestResult.Status.ACCEPTED, r.status());
        assertEquals("{\"status\":\"accepted\",\"events_received\":0,\"events_stored\":0}", text(WireJson.ingestResult(r)));
        assertEquals(List.of(), store.summaries());
    }

    @Test
    void aMalformedBodyStoresNothing() {
        assertThrows(MalformedBodyException.class, () -> upload("[{\"scenario\":\"a\",\"event\":\"app_start\"},"));

        assertEquals(List.of(), store.summaries());
    }

    @Test
    void missingTimestampsAreFilledFromTheClockAndGivenOnesKept() {
        upload("[{\"scenario\":\"a\",\"event\":\"app_start\"},"
                + "{\"scenario\":\"a\",\"event\":\"ready\",\"timestamp\":\"2025-01-15T12:00:05+01:00\"}]");

        assertEquals(List.of(NOW, Instant.parse("2025-01-15T11:00:05Z")),
                stored("a").stream().map(TelemetryEvent::timestamp).toList());
    }

    @Test
    void theClockIsReadOncePerBodySoEventsOfOneBodyShareTheirTime() {
        SteppingClock clock = new SteppingClock(NOW, Duration.ofSeconds(1));
        IngestService stepping = IngestService.create(store, clock);

        stepping.ingest(utf8("{\"scenario\":\"a\",\"event\":\"x\"}\n{\"scenario\":\"a\",\"event\":\"y\"}"),
                BodyFormat.NDJSON, null);
        stepping.ingest(utf8("{\"scenario\":\"a\",\"event\":\"z\"}"), BodyFormat.JSON, null);

        assertEquals(List.of(NOW, NOW, NOW.plusSeconds(1)), stored("a").stream().map(TelemetryEvent::timestamp).toList());
    }

    @Test
    void theDefaultScenarioReachesTheDecoder() {
        ingest.ingest(utf8("{\"ts\":\"2025-01-15T12:00:00Z\",\"event\":\"app_start\"}"), BodyFormat.NDJSON, "from-query");

        assertEquals(1, stored("from-query").size());
    }

    @Test
    void theSameEventIdTwiceInOneBatchIsStoredOnceAndCountedAsADuplicate() {
        IngestResult r = upload("[{\"scenario\":\"a\",\"event\":\"crash\",\"event_id\":\"e-1\"},"
                + "{\"scenario\":\"a\",\"event\":\"crash\",\"event_id\":\"e-1\"},{\"scenario\":\"a\",\"event\":\"ready\"}]");

        assertEquals(IngestResult.Status.ACCEPTED, r.status());
        assertEquals(2, r.stored());
        assertEquals(1, r.duplicates());
        assertEquals(2, stored("a").size());
        assertEquals(Map.of("crash", 1L), store.summary("a").orElseThrow().failureCounts());
    }

    @Test
    void aRetriedBatchIsASuccessWithEverythingCountedAsDuplicates() {
        String batch = "[{\"scenario\":\"a\",\"event\":\"crash\",\"event_id\":\"e-1\"},"
                + "{\"scenario\":\"a\",\"event\":\"ready\",\"event_id\":\"e-2\"}]";
        upload(batch);

        IngestResult retry = upload(batch);

        assertEquals(IngestResult.Status.ACCEPTED, retry.status());
        assertEquals("{\"status\":\"accepted\",\"events_received\":2,\"events_stored\":0,\"duplicates\":2}",
                text(WireJson.ingestResult(retry)));
        assertEquals(Map.of("a", 2), retry.duplicatesByScenario());
        assertEquals(2, store.summary("a").orElseThrow().totalEvents());
    }

    @Test
    void eventIdsAreUniquePerScenarioAndEventsWithoutAnIdAreAlwaysStored() {
        IngestResult r = upload("[{\"scenario\":\"a\",\"event\":\"x\",\"event_id\":\"same\"},"
                + "{\"scenario\":\"b\",\"event\":\"x\",\"event_id\":\"same\"},"
                + "{\"scenario\":\"a\",\"event\":\"x\"},{\"scenario\":\"a\",\"event\":\"x\"}]");

        assertEquals(4, r.stored());
        assertEquals(0, r.duplicates());
    }

    @Test
    void aRetryWithOneNewInvalidEventIsPartialAndNotRejected() {
        upload("[{\"scenario\":\"a\",\"event\":\"x\",\"event_id\":\"e-1\"}]");

        IngestResult r = upload("[{\"scenario\":\"a\",\"event\":\"x\",\"event_id\":\"e-1\"},{\"scenario\":\"a\"}]");

        assertEquals(IngestResult.Status.PARTIAL, r.status());
        assertEquals(0, r.stored());
        assertEquals(1, r.duplicates());
    }

    @Test
    void eventsBuiltInProcessAreStoredAndHeldToTheSizeLimit() {
        IngestService small = IngestService.create(store, Clock.fixed(NOW, ZoneOffset.UTC), new DecodeLimits(4096, 256));
        TelemetryEvent fits = TelemetryEvent.of(NOW, "a", "app_start");
        TelemetryEvent tooLarge = TelemetryEvent.of(NOW, "a", "crash", Map.of("stack", "x".repeat(300)));

        IngestResult r = small.ingest(List.of(fits, tooLarge, fits));

        assertEquals(IngestResult.Status.PARTIAL, r.status());
        assertEquals(3, r.received());
        assertEquals(2, r.stored());
        assertEquals(List.of(new EventError(1, "event is " + EventLineCodec.encodedLength(tooLarge)
                + " bytes when stored; the limit is 256")), r.errors());
        assertEquals(new DecodeLimits(4096, 256), small.limits());
    }

    @Test
    void anEmptyListIsAcceptedWithoutTouchingTheStore() {
        store.close();

        IngestResult r = ingest.ingest(List.of());

        assertEquals(IngestResult.Status.ACCEPTED, r.status());
        assertEquals(0, r.received());
    }

    @Test
    void aStoreThatCannotWriteIsReportedAsUnavailable() {
        store.close();

        assertThrows(StoreUnavailableException.class, () -> upload("[{\"scenario\":\"a\",\"event\":\"x\"}]"));
    }

    @Test
    void theDocumentsLimitsAreTheDefaults() {
        assertEquals(new DecodeLimits(4L * 1024 * 1024, 64 * 1024), ingest.limits());
        assertThrows(IllegalArgumentException.class, () -> new DecodeLimits(1023, 256));
        assertThrows(IllegalArgumentException.class, () -> new DecodeLimits(1024, 255));
        assertThrows(NullPointerException.class, () -> IngestService.create(null, Clock.systemUTC()));
        assertThrows(NullPointerException.class, () -> IngestService.create(store, null));
    }

    /** A clock that moves forward by a fixed step each time it is read. */
    private static final class SteppingClock extends Clock {
        private Instant next;
        private final Duration step;

        SteppingClock(Instant start, Duration step) {
            this.next = start;
            this.step = step;
        }

        @Override
        public Instant instant() {
            Instant now = next;
            next = next.plus(step);
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
