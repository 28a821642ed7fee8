package com.vrooli.telemetry.store.jsonl;

import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.T0;
import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.jimfsDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.testing.SteppingClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Summary snapshots and retention segments together: a scenario with segments is always rebuilt. */
class RetentionSnapshotTest {

    private final Path dir = jimfsDir();
    private final SteppingClock clock = new SteppingClock(T0);

    private static List<TelemetryEvent> range(String scenario, int from, int to) {
        List<TelemetryEvent> out = new ArrayList<>();
        for (int n = from; n < to; n++) {
            out.add(RetentionTest.numbered(scenario, n));
        }
        return out;
    }

    private JsonlTelemetryStore open(RetentionPolicy policy) {
        return JsonlTelemetryStore.builder(dir).fsync(FsyncPolicy.NEVER).retention(policy).clock(clock).open();
    }

    private List<Path> segments(String scenario) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String name : SegmentFiles.names(dir)) {
            if (name.startsWith(scenario + ".jsonl.") && !name.endsWith(".corrupt")) {
                out.add(dir.resolve(name));
            }
        }
        return out;
    }

    @Test
    @DisplayName("a rotated scenario is rebuilt on open, segments included; one without segments resumes from its snapshot")
    void rotatedScenarioIsRebuilt() throws IOException {
        RetentionPolicy policy = RetentionPolicy.builder().segmentBytes(2048).build();
        try (JsonlTelemetryStore store = open(policy)) {
            for (int i = 0; i < 200; i += 10) {
                store.append(range("app", i, i + 10));
                store.runRetention();
            }
            store.append(range("quiet", 0, 3));
        }
        assertFalse(segments("app").isEmpty(), "the test needs segments");

        try (JsonlTelemetryStore store = open(policy)) {
            assertEquals(1, store.stats().scenariosRestored());
            assertEquals(1, store.stats().scenariosRebuilt());
            assertEquals(200, store.summary("app").orElseThrow().totalEvents());
            assertEquals(3, store.summary("quiet").orElseThrow().totalEvents());
            assertEquals(200, store.append(range("app", 0, 200)).duplicates());
        }
    }

    @Test
    @DisplayName("segments deleted while the store was closed never leave their events in a resumed summary")
    void deletedSegmentsAreNotCounted() throws IOException {
        RetentionPolicy policy = RetentionPolicy.builder().segmentBytes(2048).build();
        try (JsonlTelemetryStore store = open(policy)) {
            for (int i = 0; i < 200; i += 10) {
                store.append(range("app", i, i + 10));
                store.runRetention();
            }
        }
        // A few events in the live file, with the segments there: this close captures no entry for it.
        try (JsonlTelemetryStore store = open(RetentionPolicy.none())) {
            store.append(range("app", 200, 205));
        }
        List<Path> sealed = segments("app");
        assertFalse(sealed.isEmpty(), "the test needs segments");
        for (Path segment : sealed) {
            Files.delete(segment);
        }
        long live = SegmentFiles.eventsOnDisk(dir, "app").size();
        assertTrue(live >= 5 && live < 205, "the live file holds only the newest events");

        // No retention now: the live file stays as it is, and the summary counts what is left.
        try (JsonlTelemetryStore store = open(RetentionPolicy.none())) {
            assertEquals(0, store.stats().scenariosRestored());
            assertEquals(live, store.summary("app").orElseThrow().totalEvents());
            assertEquals(live, store.query(EventQuery.builder("app").limit(1000).build()).events().size());
        }
        // Without segments the scenario is snapshotted again and resumes with the same count.
        try (JsonlTelemetryStore store = open(RetentionPolicy.none())) {
            assertEquals(1, store.stats().scenariosRestored());
            assertEquals(live, store.summary("app").orElseThrow().totalEvents());
        }
    }

    @Test
    @DisplayName("a scenario rotated after its snapshot was written loses its entry and is rebuilt")
    void rotationAfterSnapshot() throws IOException {
        try (JsonlTelemetryStore store = open(RetentionPolicy.none())) {
            store.append(range("app", 0, 5));
        }
        RetentionPolicy policy = RetentionPolicy.builder().segmentBytes(2048).build();
        try (JsonlTelemetryStore store = open(policy)) {
            assertEquals(1, store.stats().scenariosRestored());
            for (int i = 5; i < 200; i += 10) {
                store.append(range("app", i, Math.min(200, i + 10)));
                store.runRetention();
            }
        }
        assertFalse(segments("app").isEmpty(), "the test needs segments");
        try (JsonlTelemetryStore store = open(policy)) {
            assertEquals(0, store.stats().scenariosRestored());
            assertEquals(200, store.summary("app").orElseThrow().totalEvents());
        }
    }
}
