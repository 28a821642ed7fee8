package com.vrooli.telemetry.store.jsonl;

import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.T0;
import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.jimfsDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.EventLevel;
import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.SummaryAggregator;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.testing.SteppingClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rotation into segments, deletion beyond the limits, and queries and summaries across segments. */
class RetentionTest {

    private final Path dir = jimfsDir();
    private final SteppingClock clock = new SteppingClock(T0);

    /** Event {@code n} of a scenario: every third one a failure, each with a distinct id. */
    static TelemetryEvent numbered(String scenario, int n) {
        return TelemetryEvent.of(T0.plusSeconds(n), scenario, n % 3 == 0 ? "dependency_unreachable" : "ready",
                Map.of("n", n)).withEventId("id-" + n);
    }

    private static List<TelemetryEvent> range(String scenario, int from, int to) {
        List<TelemetryEvent> out = new ArrayList<>();
        for (int n = from; n < to; n++) {
            out.add(numbered(scenario, n));
        }
        return out;
    }

    private JsonlTelemetryStore open(RetentionPolicy policy) {
        return JsonlTelemetryStore.builder(dir).retention(policy).clock(clock).open();
    }

    /** Appends events one batch of ten at a time, letting retention run after each batch. */
    private static void appendInBatches(JsonlTelemetryStore store, List<TelemetryEvent> events) {
        for (int i = 0; i < events.size(); i += 10) {
            store.append(events.subList(i, Math.min(events.size(), i + 10)));
            store.runRetention();
        }
    }

    private List<String> files() throws IOException {
        return SegmentFiles.names(dir);
    }

    private List<TelemetryEvent> eventsOnDisk(String scenario) throws IOException {
        return SegmentFiles.eventsOnDisk(dir, scenario);
    }

    /** Every event of a query, page by page through its cursors. */
    private static List<TelemetryEvent> allPages(JsonlTelemetryStore store, EventQuery.Builder query) {
        return allPages(store, query, null);
    }

    /** Every event of a query from the cursor {@code first} on, page by page. */
    private static List<TelemetryEvent> allPages(JsonlTelemetryStore store, EventQuery.Builder query, String first) {
        List<TelemetryEvent> out = new ArrayList<>();
        String cursor = first;
        do {
            EventPage page = store.query(query.cursor(cursor).build());
            out.addAll(page.events());
            cursor = page.nextCursor();
        } while (cursor != null);
        return out;
    }

    private static ScenarioSummary recount(String scenario, List<TelemetryEvent> events) {
        SummaryAggregator a = new SummaryAggregator(scenario);
        events.forEach(a::add);
        return a.snapshot();
    }

    @ParameterizedTest(name = "gzip {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("the live file rotates into numbered segments; queries of both orders page across them")
    void rotationAndQueries(boolean gzip) throws IOException {
        List<TelemetryEvent> all = range("app", 0, 200);
        try (JsonlTelemetryStore store = open(RetentionPolicy.builder().segmentBytes(2048).gzipSegments(gzip)
                .build())) {
            appendInBatches(store, all);

            List<String> names = files();
            assertTrue(names.contains("app.jsonl"), names.toString());
            assertTrue(names.contains(gzip ? "app.jsonl.1.gz" : "app.jsonl.1"), names.toString());
            assertFalse(names.contains(gzip ? "app.jsonl.1" : "app.jsonl.1.gz"), names.toString());
            assertTrue(store.retentionStats().rotations() >= 5, store.retentionStats().toString());
            assertEquals(all, eventsOnDisk("app"));

            List<TelemetryEvent> newestFirst = new ArrayList<>(all);
            Collections.reverse(newestFirst);
            for (int limit : new int[] {1, 7, 10, 33, 200, 500}) {
                assertEquals(all, allPages(store, EventQuery.builder("app").order(EventQuery.Order.OLDEST_FIRST)
                        .limit(limit)), "oldest first, limit " + limit);
                assertEquals(newestFirst, allPages(store, EventQuery.builder("app").limit(limit)),
                        "newest first, limit " + limit);
            }
            List<TelemetryEvent> failures = all.stream().filter(e -> e.event().equals("dependency_unreachable"))
                    .toList();
            List<TelemetryEvent> failuresNewestFirst = new ArrayList<>(failures);
            Collections.reverse(failuresNewestFirst);
            assertEquals(failuresNewestFirst, allPages(store, EventQuery.builder("app").minLevel(EventLevel.ERROR)
                    .limit(9)));
            assertEquals(failures, allPages(store, EventQuery.builder("app").order(EventQuery.Order.OLDEST_FIRST)
                    .eventTypes(java.util.Set.of("dependency_unreachable")).limit(4)));
            assertEquals(recount("app", all), store.summary("app").orElseThrow());
        }
    }

    @ParameterizedTest(name = "gzip {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("a cursor stays valid when the file it points into is rotated and compressed")
    void cursorAcrossRotation(boolean gzip) {
        List<TelemetryEvent> all = range("app", 0, 40);
        try (JsonlTelemetryStore store = open(RetentionPolicy.builder().segmentBytes(1 << 20).gzipSegments(gzip)
                .segmentAge(Duration.ofMinutes(1)).build())) {
            store.append(all);
            EventPage newest = store.query(EventQuery.builder("app").limit(15).build());
            EventPage oldest = store.query(EventQuery.builder("app").order(EventQuery.Order.OLDEST_FIRST).limit(15)
                    .build());

            store.runRetention();
            clock.advance(Duration.ofMinutes(2));
            store.runRetention();
            assertEquals(1, store.retentionStats().rotations());
            store.append(range("app", 40, 45));

            List<TelemetryEvent> restNewest = allPages(store, EventQuery.builder("app").limit(15),
                    newest.nextCursor());
            List<TelemetryEvent> restOldest = allPages(store, EventQuery.builder("app")
                    .order(EventQuery.Order.OLDEST_FIRST).limit(15), oldest.nextCursor());

            List<TelemetryEvent> expectedNewest = new ArrayList<>(all.subList(0, 25));
            Collections.reverse(expectedNewest);
            assertEquals(expectedNewest, restNewest);
            assertEquals(range("app", 15, 45), restOldest);
        }
    }

    @Test
    @DisplayName("the size limit deletes the oldest segments; summaries then count what is retained")
    void sizeLimit() throws IOException {
        List<TelemetryEvent> all = range("app", 0, 300);
        try (JsonlTelemetryStore store = open(RetentionPolicy.builder().maxBytes(8 * 1024).segmentBytes(2048)
                .build())) {
            appendInBatches(store, all);
            store.append(range("other", 0, 5));

            List<TelemetryEvent> retained = eventsOnDisk("app");
            assertTrue(store.retentionStats().segmentsDeleted() > 0, store.retentionStats().toString());
            assertFalse(files().contains("app.jsonl.1"), files().toString());
            assertEquals(all.subList(all.size() - retained.size(), all.size()), retained, "the newest are kept");
            long bytes = 0;
            for (String name : files()) {
                if (name.startsWith("app.")) {
                    bytes += Files.size(dir.resolve(name));
                }
            }
            assertTrue(bytes <= 8 * 1024, "kept " + bytes + " bytes");
            assertEquals(recount("app", retained), store.summary("app").orElseThrow());
            assertEquals(retained.size() + 5, store.stats().events());
            List<TelemetryEvent> oldestFirst = allPages(store, EventQuery.builder("app")
                    .order(EventQuery.Order.OLDEST_FIRST).limit(50));
            assertEquals(retained, oldestFirst);
            assertEquals(5, store.summary("other").orElseThrow().totalEvents(), "other scenarios are untouched");
        }
    }

    @Test
    @DisplayName("the age limit rotates an idle live file and deletes segments older than the limit")
    void ageLimit() throws IOException {
        RetentionPolicy policy = RetentionPolicy.builder().maxAge(Duration.ofHours(8)).build();
        assertEquals(Duration.ofHours(1), policy.segmentAge());
        try (JsonlTelemetryStore store = open(policy)) {
            store.append(range("app", 0, 10));
            store.runRetention();
            clock.advance(Duration.ofMinutes(59));
            store.runRetention();
            assertEquals(List.of("app.jsonl"), files(), "not an hour old yet");

            clock.advance(Duration.ofMinutes(1));
            store.runRetention();
            assertEquals(List.of("app.jsonl", "app.jsonl.1"), files(), "an empty live file takes the old one's place");
            assertEquals(0, Files.size(dir.resolve("app.jsonl")));
            store.append(range("app", 10, 20));
            store.runRetention();
            clock.advance(Duration.ofHours(1));
            store.runRetention();
            assertEquals(List.of("app.jsonl", "app.jsonl.1", "app.jsonl.2"), files());

            clock.advance(Duration.ofHours(7));
            store.runRetention();
            assertEquals(List.of("app.jsonl", "app.jsonl.1", "app.jsonl.2"), files(), "segment 1 is exactly 8 hours old");
            clock.advance(Duration.ofSeconds(1));
            store.runRetention();

            assertEquals(List.of("app.jsonl", "app.jsonl.2"), files());
            assertEquals(range("app", 10, 20), eventsOnDisk("app"));
            assertEquals(recount("app", range("app", 10, 20)), store.summary("app").orElseThrow());
            store.append(range("app", 20, 21));
            assertEquals(11, store.summary("app").orElseThrow().totalEvents());
            assertEquals(range("app", 10, 21), allPages(store, EventQuery.builder("app")
                    .order(EventQuery.Order.OLDEST_FIRST)));
        }
    }

    @Test
    @DisplayName("a cursor into a deleted segment ends newest-first results and resumes oldest-first at the oldest kept")
    void cursorIntoDeletedSegment() {
        try (JsonlTelemetryStore store = open(RetentionPolicy.builder().maxBytes(4 * 1024).segmentBytes(1024)
                .build())) {
            appendInBatches(store, range("app", 0, 20));
            EventPage newest = store.query(EventQuery.builder("app").limit(19).build());
            assertEquals(numbered("app", 1), newest.events().get(18));
            EventPage oldest = store.query(EventQuery.builder("app").order(EventQuery.Order.OLDEST_FIRST).limit(2)
                    .build());

            appendInBatches(store, range("app", 20, 200));

            assertTrue(store.query(EventQuery.builder("app").limit(5).cursor(newest.nextCursor()).build()).events()
                    .isEmpty());
            assertTrue(store.retentionStats().segmentsDeleted() > 2, store.retentionStats().toString());
            List<TelemetryEvent> rest = allPages(store, EventQuery.builder("app").order(EventQuery.Order.OLDEST_FIRST)
                    .limit(5), oldest.nextCursor());
            assertEquals(allPages(store, EventQuery.builder("app").order(EventQuery.Order.OLDEST_FIRST)), rest);
        }
    }

    @Test
    @DisplayName("a restart reads the segments: summaries, queries and de-duplication cover them")
    void restart() throws IOException {
        List<TelemetryEvent> all = range("app", 0, 100);
        RetentionPolicy policy = RetentionPolicy.builder().segmentBytes(2048).gzipSegments(true).build();
        try (JsonlTelemetryStore store = open(policy)) {
            appendInBatches(store, all);
        }
        try (JsonlTelemetryStore store = open(policy)) {
            assertEquals(recount("app", all), store.summary("app").orElseThrow());
            assertEquals(0, store.append(all.subList(0, 10)).stored(), "ids in segments are remembered");
            assertEquals(all, allPages(store, EventQuery.builder("app").order(EventQuery.Order.OLDEST_FIRST)
                    .limit(30)));
        }
        try (JsonlTelemetryStore reader = JsonlTelemetryStore.builder(dir).readOnly(true).open()) {
            assertEquals(recount("app", all), reader.summary("app").orElseThrow());
            assertEquals(all.get(99), reader.query(EventQuery.builder("app").limit(1).build()).events().get(0));
        }
    }

    @Test
    @DisplayName("a reader beside the writer follows rotations and deletions")
    void readerFollowsTheWriter() throws IOException {
        try (JsonlTelemetryStore store = open(RetentionPolicy.builder().maxBytes(4096).segmentBytes(1024).build());
             JsonlTelemetryStore reader = JsonlTelemetryStore.builder(dir).readOnly(true).open()) {
            appendInBatches(store, range("app", 0, 15));
            assertEquals(store.summary("app"), reader.summary("app"));

            appendInBatches(store, range("app", 15, 120));

            assertTrue(store.retentionStats().segmentsDeleted() > 0);
            assertEquals(store.summary("app"), reader.summary("app"));
            assertEquals(eventsOnDisk("app"), allPages(reader, EventQuery.builder("app")
                    .order(EventQuery.Order.OLDEST_FIRST).limit(7)));
        }
    }

    @Test
    @DisplayName("retention is off by default: one live file, never rotated")
    void offByDefault() throws IOException {
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            store.append(range("app", 0, 500));
            store.runRetention();
            assertEquals(List.of("app.jsonl"), files());
            assertEquals(0, store.retentionStats().rotations());
            assertNull(store.retentionStats().lastFailure());
        }
    }
}
