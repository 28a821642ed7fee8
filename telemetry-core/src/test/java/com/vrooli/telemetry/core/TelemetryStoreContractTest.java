package com.vrooli.telemetry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every {@link TelemetryStore} passes. A store module extends this class and says how
 * to open a fresh, empty store, and, when it persists events, how to reopen one after closing it.
 *
 * <p>Summary semantics checked here (the wire fields of {@code GET /api/v1/telemetry}):
 * {@code total_events} counts stored events (not duplicates); {@code last_event} is the latest
 * event timestamp, whatever order events arrived in; {@code failure_counts} counts failure events
 * by type; {@code recent_failures} lists the {@value SummaryAggregator#RECENT_FAILURES} newest
 * failures by timestamp, newest first.
 */
public abstract class TelemetryStoreContractTest {

    protected static final Instant T0 = Instant.parse("2025-01-15T12:00:00Z");
    protected static final String SCENARIO = "picker-wheel";

    private final List<TelemetryStore> opened = new ArrayList<>();

    /** A new, empty store with the default limits; each call gives an independent one. */
    protected TelemetryStore createStore() {
        return createStore(StoreLimits.defaults());
    }

    /**
     * A new, empty store that enforces {@code limits}; each call gives an independent one. Every
     * store implements it: the limits are part of the contract (see {@link StoreLimits}).
     */
    protected abstract TelemetryStore createStore(StoreLimits limits);

    /** True when {@link #reopen} is supported: the store keeps its events across close and open. */
    protected boolean supportsReopen() {
        return false;
    }

    /** Closes {@code store} and opens it again on the same data, with the limits it was created with. */
    protected TelemetryStore reopen(TelemetryStore store) {
        throw new UnsupportedOperationException("this store does not persist events");
    }

    /**
     * A second handle on {@code store}'s data, as another server node over the same database opens
     * it; by default {@code store} itself, for a store that one process owns. Closed by the test's
     * end when it is another object.
     */
    protected TelemetryStore openOtherNode(TelemetryStore store) {
        return store;
    }

    /** A store closed by the test's end. */
    protected final TelemetryStore store() {
        return track(createStore());
    }

    /** A store with {@code limits}, closed by the test's end. */
    protected final TelemetryStore store(StoreLimits limits) {
        return track(createStore(limits));
    }

    private TelemetryStore track(TelemetryStore store) {
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() {
        for (TelemetryStore s : opened) {
            s.close();
        }
    }

    // ---- events ---------------------------------------------------------------------------------

    protected static TelemetryEvent event(String scenario, String type, int secondsAfterT0) {
        return TelemetryEvent.of(T0.plusSeconds(secondsAfterT0), scenario, type);
    }

    protected static TelemetryEvent event(String scenario, String type, int secondsAfterT0, String deploymentId,
                                          String eventId, Map<String, ?> details) {
        return new TelemetryEvent(T0.plusSeconds(secondsAfterT0), scenario, deploymentId, type, eventId,
                details == null ? null : Details.of(details));
    }

    protected static TelemetryEvent withId(String scenario, String type, String eventId) {
        return event(scenario, type, 0, null, eventId, null);
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** Ten events of one scenario with every level, three deployments and varied details. */
    private static List<TelemetryEvent> fixture() {
        return List.of(
                event(SCENARIO, "app_start", 0, "deploy-a", null, map("version", "1.0.0", "platform", "win-x64")),
                event(SCENARIO, "service_started", 1, "deploy-a", null, map("service_id", "api")),
                event(SCENARIO, "dependency_unreachable", 2, "deploy-a", null,
                        map("service", "sqlite", "reason", "connection timeout")),
                event(SCENARIO, "secrets_prompted", 3, "deploy-b", null, map("secret_ids", List.of("db"))),
                event(SCENARIO, "service_stopped", 4, "deploy-b", null, map("service_id", "worker", "exit_code", 1)),
                event(SCENARIO, "migration_failed", 5, "deploy-b", null, map("version", 12, "error", "Disk Quota")),
                event(SCENARIO, "ready", 6, "Deploy-C", null, map("startup_ms", 5000)),
                event(SCENARIO, "service_stopped", 7, null, null, map("exit_code", 0)),
                event(SCENARIO, "crash", 8, "deploy-c", null, map("error", "NullPointer in Sqlite driver")),
                event(SCENARIO, "custom_widget_missing", 9, "deploy-a", null, null));
    }

    private TelemetryStore storeWithFixture() {
        TelemetryStore s = store();
        s.append(fixture());
        return s;
    }

    /** The fixture events at these indexes, newest (highest index) first. */
    private static List<TelemetryEvent> newestFirst(int... indexes) {
        List<TelemetryEvent> all = fixture();
        List<TelemetryEvent> out = new ArrayList<>();
        for (int i = indexes.length - 1; i >= 0; i--) {
            out.add(all.get(indexes[i]));
        }
        return out;
    }

    private static EventQuery.Builder query() {
        return EventQuery.builder(SCENARIO);
    }

    // ---- append and summaries -------------------------------------------------------------------

    @Test
    @DisplayName("a new store has no summaries and is writable")
    void newStoreIsEmpty() {
        TelemetryStore s = store();

        assertEquals(List.of(), s.summaries());
        assertTrue(s.health().writable());
        assertEquals(AppendResult.empty(), s.append(List.of()));
    }

    @Test
    @DisplayName("append counts stored events by scenario and the summary has the document's fields")
    void appendAndSummary() {
        TelemetryStore s = store();
        List<TelemetryEvent> batch = List.of(
                event(SCENARIO, "app_start", 0),
                event(SCENARIO, "dependency_unreachable", 50, null, null, map("service", "sqlite")),
                event(SCENARIO, "ready", 100),
                event(SCENARIO, "migration_failed", 20),
                event(SCENARIO, "dependency_unreachable", 10));

        AppendResult result = s.append(batch);

        assertEquals(Map.of(SCENARIO, 5), result.storedByScenario());
        assertEquals(0, result.duplicates());
        ScenarioSummary summary = s.summary(SCENARIO).orElseThrow();
        assertEquals(SCENARIO, summary.scenario());
        assertEquals(5, summary.totalEvents());
        assertEquals(T0.plusSeconds(100), summary.lastEvent(), "last_event is the latest timestamp");
        assertEquals(Map.of("dependency_unreachable", 2L, "migration_failed", 1L), summary.failureCounts());
        assertEquals(List.of(FailureEntry.of(batch.get(1)), FailureEntry.of(batch.get(3)),
                FailureEntry.of(batch.get(4))), summary.recentFailures());
        assertEquals(List.of(summary), s.summaries());
    }

    @Test
    @DisplayName("last_event is the latest timestamp even when the latest event arrived first")
    void lastEventIsTheMaximumTimestamp() {
        TelemetryStore s = store();
        s.append(List.of(event(SCENARIO, "ready", 500)));
        s.append(List.of(event(SCENARIO, "app_start", 1)));

        assertEquals(T0.plusSeconds(500), s.summary(SCENARIO).orElseThrow().lastEvent());
    }

    @Test
    @DisplayName("recent_failures lists the 10 newest failures by timestamp, newest first")
    void recentFailuresAreTheTenNewestNewestFirst() {
        TelemetryStore s = store();
        List<Integer> seconds = List.of(7, 3, 11, 0, 5, 9, 1, 10, 2, 8, 4, 6);
        for (int second : seconds) {
            s.append(List.of(event(SCENARIO, "crash", second, null, null, map("n", second))));
        }

        List<FailureEntry> recent = s.summary(SCENARIO).orElseThrow().recentFailures();

        List<Instant> expected = IntStream.iterate(11, i -> i - 1).limit(10).mapToObj(T0::plusSeconds)
                .collect(Collectors.toList());
        assertEquals(expected, recent.stream().map(FailureEntry::timestamp).collect(Collectors.toList()));
        assertEquals(12L, s.summary(SCENARIO).orElseThrow().failureCounts().get("crash"));
    }

    @Test
    @DisplayName("an unknown scenario has no summary and no events")
    void unknownScenario() {
        TelemetryStore s = storeWithFixture();

        assertFalse(s.summary("nobody").isPresent());
        assertFalse(s.summaries().stream().anyMatch(x -> x.scenario().equals("nobody")));
        assertEquals(List.of(), s.query(EventQuery.builder("nobody").build()).events());
        assertNull(s.query(EventQuery.builder("nobody").build()).nextCursor());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../picker-wheel", "picker-wheel/..", ".", "..", "", "a b", "/etc/passwd"})
    @DisplayName("a scenario name that could not be stored is simply unknown")
    void invalidScenarioNamesAreUnknown(String name) {
        TelemetryStore s = storeWithFixture();

        assertFalse(s.summary(name).isPresent());
        assertEquals(List.of(), s.query(EventQuery.builder(name).build()).events());
    }

    @Test
    @DisplayName("one batch may hold several scenarios; summaries are sorted by scenario name")
    void severalScenariosInOneBatch() {
        TelemetryStore s = store();

        AppendResult result = s.append(List.of(event("zeta", "app_start", 1), event("alpha", "crash", 2),
                event("zeta", "ready", 3), event("mid.scenario_1", "app_start", 4)));

        assertEquals(Map.of("zeta", 2, "alpha", 1, "mid.scenario_1", 1), result.storedByScenario());
        assertEquals(4, result.stored());
        assertEquals(List.of("alpha", "mid.scenario_1", "zeta"),
                s.summaries().stream().map(ScenarioSummary::scenario).collect(Collectors.toList()));
        assertEquals(2, s.summary("zeta").orElseThrow().totalEvents());
        assertEquals(Map.of("crash", 1L), s.summary("alpha").orElseThrow().failureCounts());
    }

    // ---- de-duplication -------------------------------------------------------------------------

    @Test
    @DisplayName("an event id repeated within one batch is stored once")
    void dedupWithinABatch() {
        TelemetryStore s = store();

        AppendResult result = s.append(List.of(withId(SCENARIO, "app_start", "id-1"),
                withId(SCENARIO, "ready", "id-2"), withId(SCENARIO, "app_start", "id-1")));

        assertEquals(2, result.stored());
        assertEquals(Map.of(SCENARIO, 1), result.duplicatesByScenario());
        assertEquals(2, s.summary(SCENARIO).orElseThrow().totalEvents());
    }

    @Test
    @DisplayName("a retried batch is all duplicates and changes nothing")
    void dedupAcrossBatches() {
        TelemetryStore s = store();
        List<TelemetryEvent> batch = List.of(withId(SCENARIO, "app_start", "id-1"), withId(SCENARIO, "crash", "id-2"));
        s.append(batch);
        ScenarioSummary before = s.summary(SCENARIO).orElseThrow();

        AppendResult retry = s.append(batch);

        assertEquals(0, retry.stored());
        assertEquals(Map.of(SCENARIO, 2), retry.duplicatesByScenario());
        assertEquals(before, s.summary(SCENARIO).orElseThrow());
        assertEquals(2, s.query(query().build()).events().size());
    }

    @Test
    @DisplayName("the same event id in two scenarios is not a duplicate")
    void sameIdInAnotherScenarioIsNotADuplicate() {
        TelemetryStore s = store();
        s.append(List.of(withId("one", "app_start", "shared-id")));

        AppendResult result = s.append(List.of(withId("two", "app_start", "shared-id"),
                withId("one", "ready", "shared-id")));

        assertEquals(Map.of("two", 1), result.storedByScenario());
        assertEquals(Map.of("one", 1), result.duplicatesByScenario());
    }

    @Test
    @DisplayName("events without an id are never de-duplicated, even when identical")
    void eventsWithoutIdsAreAlwaysStored() {
        TelemetryStore s = store();
        TelemetryEvent e = event(SCENARIO, "app_start", 0);

        assertEquals(2, s.append(List.of(e, e)).stored());
        assertEquals(1, s.append(List.of(e)).stored());
        assertEquals(3, s.summary(SCENARIO).orElseThrow().totalEvents());
    }

    // ---- queries --------------------------------------------------------------------------------

    @Test
    @DisplayName("a query returns the stored events unchanged, newest stored first by default")
    void queryReturnsEventsNewestFirst() {
        TelemetryStore s = storeWithFixture();

        EventPage page = s.query(query().build());

        assertEquals(newestFirst(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), page.events());
        assertNull(page.nextCursor());
    }

    @Test
    @DisplayName("order follows storage, not timestamps: NEWEST_FIRST is the reverse of OLDEST_FIRST")
    void orderIsStoredOrder() {
        TelemetryStore s = store();
        List<TelemetryEvent> stored = List.of(event(SCENARIO, "a", 30), event(SCENARIO, "b", 10),
                event(SCENARIO, "c", 20));
        s.append(stored.subList(0, 2));
        s.append(stored.subList(2, 3));

        assertEquals(stored, s.query(query().order(EventQuery.Order.OLDEST_FIRST).build()).events());
        assertEquals(List.of(stored.get(2), stored.get(1), stored.get(0)),
                s.query(query().order(EventQuery.Order.NEWEST_FIRST).build()).events());
    }

    @Test
    @DisplayName("minLevel keeps events at that level and above")
    void minLevelFilter() {
        TelemetryStore s = storeWithFixture();

        assertEquals(newestFirst(2, 5, 8, 9), s.query(query().minLevel(EventLevel.ERROR).build()).events());
        assertEquals(newestFirst(2, 3, 4, 5, 8, 9), s.query(query().minLevel(EventLevel.WARN).build()).events());
        assertEquals(10, s.query(query().minLevel(EventLevel.INFO).build()).events().size());
    }

    @Test
    @DisplayName("eventTypes keeps only the listed types")
    void eventTypesFilter() {
        TelemetryStore s = storeWithFixture();

        assertEquals(newestFirst(4, 6, 7),
                s.query(query().eventTypes(Set.of("service_stopped", "ready")).build()).events());
        assertEquals(List.of(), s.query(query().eventTypes(Set.of("update_error")).build()).events());
    }

    @Test
    @DisplayName("search ignores case and looks in the event type, deployment id and details only")
    void searchFilter() {
        TelemetryStore s = storeWithFixture();

        assertEquals(newestFirst(2, 8), s.query(query().search("SQLITE").build()).events(), "details");
        assertEquals(newestFirst(6, 8), s.query(query().search("deploy-c").build()).events(), "deployment id");
        assertEquals(newestFirst(9), s.query(query().search("Widget").build()).events(), "event type");
        assertEquals(newestFirst(5), s.query(query().search("disk quota").build()).events(), "details value");
        assertEquals(List.of(), s.query(query().search("picker").build()).events(), "scenario is not searched");
        assertEquals(List.of(), s.query(query().search("2025-01").build()).events(), "timestamp is not searched");
    }

    @Test
    @DisplayName("search reads details as their canonical compact text, keys and values, not the event id")
    void searchCanonicalDetailsText() {
        TelemetryStore s = store();
        TelemetryEvent escaped = new TelemetryEvent(T0, SCENARIO, null, "note", "id-find-me",
                Details.parse("{ \"exit_code\" : 1, \"where\": \"caf\\u00e9 \\\"x\\\"\" }"));
        s.append(List.of(escaped));

        assertEquals(List.of(escaped), s.query(query().search("\"exit_code\":1").build()).events(), "key next to value");
        assertEquals(List.of(escaped), s.query(query().search("CAFÉ").build()).events(), "unescaped, any case");
        assertEquals(List.of(escaped), s.query(query().search("\\\"x\\\"").build()).events(), "JSON escapes");
        assertEquals(List.of(), s.query(query().search("find-me").build()).events(), "event id is not searched");
        assertEquals(List.of(), s.query(query().search("exit_code\": 1").build()).events(), "no whitespace");
    }

    @Test
    @DisplayName("since is inclusive and until exclusive")
    void timeRangeFilter() {
        TelemetryStore s = storeWithFixture();

        assertEquals(newestFirst(3, 4, 5),
                s.query(query().since(T0.plusSeconds(3)).until(T0.plusSeconds(6)).build()).events());
        assertEquals(newestFirst(8, 9), s.query(query().since(T0.plusSeconds(8)).build()).events());
        assertEquals(newestFirst(0), s.query(query().until(T0.plusSeconds(1)).build()).events());
    }

    @Test
    @DisplayName("deploymentId matches exactly")
    void deploymentFilter() {
        TelemetryStore s = storeWithFixture();

        assertEquals(newestFirst(3, 4, 5), s.query(query().deploymentId("deploy-b").build()).events());
        assertEquals(newestFirst(8), s.query(query().deploymentId("deploy-c").build()).events());
    }

    @Test
    @DisplayName("filters combine with AND")
    void combinedFilters() {
        TelemetryStore s = storeWithFixture();

        assertEquals(newestFirst(4, 5), s.query(query().minLevel(EventLevel.WARN).deploymentId("deploy-b")
                .since(T0.plusSeconds(4)).build()).events());
        assertEquals(newestFirst(5), s.query(query().search("quota").minLevel(EventLevel.ERROR).build()).events());
        assertEquals(List.of(), s.query(query().search("sqlite").deploymentId("deploy-b").build()).events());
        assertEquals(newestFirst(2), s.query(query().eventTypes(Set.of("dependency_unreachable", "crash"))
                .until(T0.plusSeconds(8)).build()).events());
    }

    @ParameterizedTest
    @EnumSource(EventQuery.Order.class)
    @DisplayName("limit gives the first events in the query's order and a cursor for the rest")
    void limit(EventQuery.Order order) {
        TelemetryStore s = storeWithFixture();

        EventPage page = s.query(query().order(order).limit(3).build());

        List<TelemetryEvent> expected = order == EventQuery.Order.OLDEST_FIRST
                ? fixture().subList(0, 3) : newestFirst(7, 8, 9);
        assertEquals(expected, page.events());
        assertNotNull(page.nextCursor());
    }

    @ParameterizedTest
    @EnumSource(EventQuery.Order.class)
    @DisplayName("paging with cursors visits every matching event exactly once, in order")
    void pagingVisitsEveryMatchOnce(EventQuery.Order order) {
        TelemetryStore s = store();
        List<TelemetryEvent> all = new ArrayList<>();
        for (int i = 0; i < 47; i++) {
            all.add(event(SCENARIO, i % 3 == 0 ? "crash" : "ready", i, "d-" + i, "id-" + i, map("i", i)));
        }
        s.append(all.subList(0, 20));
        s.append(all.subList(20, 47));
        List<TelemetryEvent> expected = all.stream().filter(e -> e.event().equals("crash"))
                .collect(Collectors.toList());
        if (order == EventQuery.Order.NEWEST_FIRST) {
            Collections.reverse(expected);
        }

        List<TelemetryEvent> seen = readAll(s, query().minLevel(EventLevel.ERROR).order(order).limit(4).build());

        assertEquals(expected, seen);
    }

    @Test
    @DisplayName("events appended while paging newest-first do not shift the pages")
    void appendsDuringNewestFirstPaging() {
        TelemetryStore s = storeWithFixture();
        EventQuery first = query().limit(3).build();

        List<TelemetryEvent> seen = new ArrayList<>();
        EventPage page = s.query(first);
        int extra = 100;
        while (true) {
            seen.addAll(page.events());
            s.append(List.of(event(SCENARIO, "crash", extra++)));
            if (page.nextCursor() == null) {
                break;
            }
            page = s.query(first.withCursor(page.nextCursor()));
        }

        assertEquals(newestFirst(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), seen);
    }

    @Test
    @DisplayName("events appended while paging oldest-first show up at the end")
    void appendsDuringOldestFirstPaging() {
        TelemetryStore s = storeWithFixture();
        EventQuery first = query().order(EventQuery.Order.OLDEST_FIRST).limit(4).build();
        EventPage page = s.query(first);
        TelemetryEvent late = event(SCENARIO, "shutdown", 99);
        s.append(List.of(late));

        List<TelemetryEvent> seen = new ArrayList<>(page.events());
        seen.addAll(readAll(s, first.withCursor(page.nextCursor())));

        List<TelemetryEvent> expected = new ArrayList<>(fixture());
        expected.add(late);
        assertEquals(expected, seen);
    }

    /** Reads every page from {@code first} on; fails if paging does not end. */
    protected static List<TelemetryEvent> readAll(TelemetryStore s, EventQuery first) {
        List<TelemetryEvent> seen = new ArrayList<>();
        EventQuery q = first;
        for (int pages = 0; pages < 10_000; pages++) {
            EventPage page = s.query(q);
            assertTrue(page.events().size() <= q.limit(), "page larger than the limit");
            seen.addAll(page.events());
            if (page.nextCursor() == null) {
                return seen;
            }
            q = q.withCursor(page.nextCursor());
        }
        throw new AssertionError("paging did not end");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "", "not a cursor", "%%%", "AAAAAAAAAAAAAAAAAAAAAAAA", "n99999", "o-1"})
    @DisplayName("a cursor the store did not issue is an invalid query")
    void garbageCursor(String cursor) {
        TelemetryStore s = storeWithFixture();

        assertThrows(InvalidQueryException.class, () -> s.query(query().cursor(cursor).build()));
        assertThrows(InvalidQueryException.class,
                () -> s.query(query().order(EventQuery.Order.OLDEST_FIRST).cursor(cursor).build()));
    }

    @Test
    @DisplayName("a cursor issued for the other order is an invalid query")
    void cursorOfTheOtherOrder() {
        TelemetryStore s = storeWithFixture();
        String newest = s.query(query().limit(2).build()).nextCursor();
        String oldest = s.query(query().order(EventQuery.Order.OLDEST_FIRST).limit(2).build()).nextCursor();

        assertThrows(InvalidQueryException.class,
                () -> s.query(query().order(EventQuery.Order.OLDEST_FIRST).cursor(newest).build()));
        assertThrows(InvalidQueryException.class,
                () -> s.query(query().order(EventQuery.Order.NEWEST_FIRST).cursor(oldest).build()));
    }

    // ---- lifecycle ------------------------------------------------------------------------------

    @Test
    @DisplayName("after close, appends and reads fail as unavailable and health says so")
    void closedStore() {
        TelemetryStore s = storeWithFixture();
        s.close();
        s.close();

        assertThrows(StoreUnavailableException.class, () -> s.append(List.of(event(SCENARIO, "ready", 1))));
        assertThrows(StoreUnavailableException.class, () -> s.query(query().build()));
        assertThrows(StoreUnavailableException.class, s::summaries);
        assertFalse(s.health().writable());
    }

    // ---- timeline ---------------------------------------------------------------------------------

    private static TimelineQuery timeline(TimelineResolution r) {
        return TimelineQuery.of(SCENARIO, r);
    }

    @Test
    @DisplayName("a timeline counts events and failures by type in each bucket")
    void timelineCountsByBucket() {
        TelemetryStore s = storeWithFixture();
        s.append(List.of(event(SCENARIO, "crash", 90), event(SCENARIO, "ready", 3 * 3600)));

        Timeline minutes = s.timeline(timeline(TimelineResolution.MINUTE)).orElseThrow();

        assertEquals(TimelineResolution.MINUTE, minutes.resolution());
        assertEquals(List.of(
                new TimelineBucket(T0, 10, 4, Map.of("crash", 1L, "custom_widget_missing", 1L,
                        "dependency_unreachable", 1L, "migration_failed", 1L)),
                new TimelineBucket(T0.plusSeconds(60), 1, 1, Map.of("crash", 1L)),
                new TimelineBucket(T0.plusSeconds(3 * 3600), 1, 0, Map.of())), minutes.buckets());
        Timeline hours = s.timeline(timeline(TimelineResolution.HOUR)).orElseThrow();
        assertEquals(List.of(T0, T0.plusSeconds(3 * 3600)),
                hours.buckets().stream().map(TimelineBucket::start).collect(Collectors.toList()));
        assertEquals(11, hours.buckets().get(0).events());
        assertEquals(2L, hours.buckets().get(0).failuresByType().get("crash"));
        Timeline days = s.timeline(timeline(TimelineResolution.DAY)).orElseThrow();
        assertEquals(List.of(new TimelineBucket(Instant.parse("2025-01-15T00:00:00Z"), 12, 5, Map.of("crash", 2L,
                "custom_widget_missing", 1L, "dependency_unreachable", 1L, "migration_failed", 1L))), days.buckets());
    }

    @Test
    @DisplayName("a timeline keeps the buckets starting in [since, until), and counts only the asked event")
    void timelineRangeAndEventFilter() {
        TelemetryStore s = store();
        s.append(List.of(event(SCENARIO, "crash", 0), event(SCENARIO, "ready", 60), event(SCENARIO, "crash", 120),
                event(SCENARIO, "crash", 125), event(SCENARIO, "crash", 180)));

        Timeline range = s.timeline(new TimelineQuery(SCENARIO, TimelineResolution.MINUTE, T0.plusSeconds(60),
                T0.plusSeconds(180), null)).orElseThrow();
        Timeline crashes = s.timeline(new TimelineQuery(SCENARIO, TimelineResolution.MINUTE, null, null, "crash"))
                .orElseThrow();
        Timeline readies = s.timeline(new TimelineQuery(SCENARIO, TimelineResolution.MINUTE, null, null, "ready"))
                .orElseThrow();

        assertEquals(List.of(new TimelineBucket(T0.plusSeconds(60), 1, 0, Map.of()),
                new TimelineBucket(T0.plusSeconds(120), 2, 2, Map.of("crash", 2L))), range.buckets());
        assertEquals(List.of(1L, 2L, 1L), crashes.buckets().stream().map(TimelineBucket::failures)
                .collect(Collectors.toList()));
        assertEquals(List.of(new TimelineBucket(T0.plusSeconds(60), 1, 0, Map.of())), readies.buckets());
    }

    @Test
    @DisplayName("fine buckets are kept for their window only; coarse ones keep the older events")
    void timelineWindowsAreBounded() {
        TelemetryStore s = store();
        int window = TimelineResolution.MINUTE.keptBuckets() * 60;
        s.append(List.of(event(SCENARIO, "crash", 0), event(SCENARIO, "crash", window + 60)));
        s.append(List.of(event(SCENARIO, "crash", 30)));

        assertEquals(List.of(T0.plusSeconds(window + 60)), s.timeline(timeline(TimelineResolution.MINUTE))
                .orElseThrow().buckets().stream().map(TimelineBucket::start).collect(Collectors.toList()));
        assertEquals(3, s.timeline(timeline(TimelineResolution.HOUR)).orElseThrow().buckets().stream()
                .mapToLong(TimelineBucket::events).sum());
    }

    @Test
    @DisplayName("a bucket counts at most its cap of event types by name, the rest together")
    void timelineTypesPerBucketAreBounded() {
        TelemetryStore s = store();
        List<TelemetryEvent> batch = new ArrayList<>();
        for (int i = 0; i < TimelineAggregator.MAX_TYPES_PER_BUCKET + 8; i++) {
            batch.add(event(SCENARIO, "kind" + i + "_failed", 0));
        }
        s.append(batch);

        TimelineBucket b = s.timeline(timeline(TimelineResolution.MINUTE)).orElseThrow().buckets().get(0);

        assertEquals(batch.size(), b.failures());
        assertEquals(TimelineAggregator.MAX_TYPES_PER_BUCKET + 1, b.failuresByType().size());
        assertEquals(8L, b.failuresByType().get(TimelineAggregator.OTHER));
    }

    @Test
    @DisplayName("an unknown scenario has no timeline and no deployments")
    void unknownScenarioActivity() {
        TelemetryStore s = storeWithFixture();
        assertTrue(s.timeline(TimelineQuery.of("nope", TimelineResolution.HOUR)).isEmpty());
        assertTrue(s.timeline(TimelineQuery.of("../etc", TimelineResolution.HOUR)).isEmpty());
        assertTrue(s.deployments("nope").isEmpty());
    }

    // ---- deployments ------------------------------------------------------------------------------

    @Test
    @DisplayName("deployments: one row per deployment id with its versions, starts, crashes and failures")
    void deploymentsRows() {
        TelemetryStore s = storeWithFixture();
        s.append(List.of(event(SCENARIO, "app_start", 20, "deploy-a", null, map("version", "1.1.0", "platform",
                "linux-x64"))));

        List<DeploymentState> rows = s.deployments(SCENARIO).orElseThrow();

        assertEquals(List.of("deploy-a", "deploy-c", "Deploy-C", "deploy-b"),
                rows.stream().map(DeploymentState::deploymentId).collect(Collectors.toList()));
        DeploymentState a = rows.get(0);
        assertEquals(T0, a.firstSeen());
        assertEquals(T0.plusSeconds(20), a.lastSeen());
        assertEquals(T0.plusSeconds(20), a.lastStart());
        assertEquals("1.1.0", a.lastVersion());
        assertEquals("linux-x64", a.lastPlatform());
        assertEquals(2, a.starts());
        assertEquals(0, a.crashes());
        assertEquals(Map.of("custom_widget_missing", 1L, "dependency_unreachable", 1L), a.failureCounts());
        assertEquals("custom_widget_missing", a.lastFailure().event());
        assertEquals(T0.plusSeconds(9), a.lastFailure().timestamp());
        DeploymentState c = rows.get(1);
        assertEquals(1, c.crashes());
        assertEquals(Map.of("crash", 1L), c.failureCounts());
        assertNull(c.lastVersion());
        DeploymentState b = rows.get(3);
        assertEquals("migration_failed", b.lastFailure().event());
        assertEquals(T0.plusSeconds(3), b.firstSeen());
    }

    @Test
    @DisplayName("deployment status: failing after a failure since the last start, ok after a restart, silent when quiet")
    void deploymentStatus() {
        TelemetryStore s = storeWithFixture();
        java.time.Duration hour = java.time.Duration.ofHours(1);
        Map<String, DeploymentState> rows = s.deployments(SCENARIO).orElseThrow().stream()
                .collect(Collectors.toMap(DeploymentState::deploymentId, d -> d));
        Instant soon = T0.plusSeconds(60);

        assertEquals(DeploymentStatus.FAILING, rows.get("deploy-a").status(soon, hour));
        assertEquals(DeploymentStatus.FAILING, rows.get("deploy-b").status(soon, hour));
        assertEquals(DeploymentStatus.OK, rows.get("Deploy-C").status(soon, hour));
        assertEquals(DeploymentStatus.SILENT, rows.get("deploy-a").status(T0.plusSeconds(9).plus(hour).plusSeconds(1),
                hour));

        s.append(List.of(event(SCENARIO, "app_start", 30, "deploy-a", null, null)));
        DeploymentState restarted = s.deployments(SCENARIO).orElseThrow().get(0);
        assertEquals(DeploymentStatus.OK, restarted.status(soon, hour));
    }

    @Test
    @DisplayName("timeline and deployments do not depend on the order events arrived in")
    void activityIgnoresArrivalOrder() {
        TelemetryStore forward = store();
        TelemetryStore backward = store();
        List<TelemetryEvent> events = new ArrayList<>(fixture());
        events.add(event(SCENARIO, "app_start", 7, "deploy-a", null, map("version", "0.9.0")));
        forward.append(events);
        List<TelemetryEvent> reversed = new ArrayList<>(events);
        Collections.reverse(reversed);
        for (TelemetryEvent e : reversed) {
            backward.append(List.of(e));
        }

        assertEquals(forward.deployments(SCENARIO), backward.deployments(SCENARIO));
        for (TimelineResolution r : TimelineResolution.values()) {
            assertEquals(forward.timeline(timeline(r)), backward.timeline(timeline(r)));
        }
    }

    // ---- persistence ----------------------------------------------------------------------------

    @Test
    @DisplayName("after reopening, summaries and query results are the same")
    void reopenKeepsEverything() {
        assumeTrue(supportsReopen());
        TelemetryStore s = storeWithFixture();
        s.append(List.of(event("other", "crash", 3), event("other", "ready", 4)));
        List<ScenarioSummary> summaries = s.summaries();
        Map<TimelineResolution, Timeline> timelines = new java.util.EnumMap<>(TimelineResolution.class);
        for (TimelineResolution r : TimelineResolution.values()) {
            timelines.put(r, s.timeline(timeline(r)).orElseThrow());
        }
        List<DeploymentState> deployments = s.deployments(SCENARIO).orElseThrow();
        assertFalse(deployments.isEmpty());
        List<TelemetryEvent> newest = s.query(query().build()).events();
        List<TelemetryEvent> errors = s.query(query().minLevel(EventLevel.ERROR)
                .order(EventQuery.Order.OLDEST_FIRST).build()).events();

        TelemetryStore again = track(reopen(s));

        assertEquals(summaries, again.summaries());
        for (TimelineResolution r : TimelineResolution.values()) {
            assertEquals(timelines.get(r), again.timeline(timeline(r)).orElseThrow(), r.wireName());
        }
        assertEquals(deployments, again.deployments(SCENARIO).orElseThrow());
        assertEquals(newest, again.query(query().build()).events());
        assertEquals(errors, again.query(query().minLevel(EventLevel.ERROR)
                .order(EventQuery.Order.OLDEST_FIRST).build()).events());
    }

    @Test
    @DisplayName("after reopening, event ids stored before are still duplicates")
    void dedupSurvivesReopen() {
        assumeTrue(supportsReopen());
        TelemetryStore s = store();
        s.append(List.of(withId(SCENARIO, "app_start", "id-1"), withId("other", "ready", "id-2")));

        TelemetryStore again = track(reopen(s));
        AppendResult retry = again.append(List.of(withId(SCENARIO, "app_start", "id-1"),
                withId("other", "ready", "id-2"), withId(SCENARIO, "ready", "id-3")));

        assertEquals(Map.of(SCENARIO, 1, "other", 1), retry.duplicatesByScenario());
        assertEquals(Map.of(SCENARIO, 1), retry.storedByScenario());
        assertEquals(2, again.summary(SCENARIO).orElseThrow().totalEvents());
    }

    // ---- concurrency ----------------------------------------------------------------------------

    @Test
    @DisplayName("many threads appending to shared scenarios: totals are exact")
    void concurrentAppends() throws Exception {
        TelemetryStore s = store();
        int threads = 8;
        int batches = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    int stored = 0;
                    int duplicates = 0;
                    for (int b = 0; b < batches; b++) {
                        List<TelemetryEvent> batch = new ArrayList<>();
                        batch.add(withId("shared-a", "crash", "t" + thread + "-b" + b + "-0"));
                        batch.add(withId("shared-a", "ready", "t" + thread + "-b" + b + "-1"));
                        batch.add(event("shared-b", "app_start", b));
                        batch.add(withId("shared-b", "ready", "t" + thread + "-b" + b + "-0"));
                        if (b > 0) {
                            batch.add(withId("shared-a", "crash", "t" + thread + "-b" + (b - 1) + "-0"));
                        }
                        AppendResult r = s.append(batch);
                        stored += r.stored();
                        duplicates += r.duplicates();
                    }
                    return new int[] {stored, duplicates};
                }));
            }
            start.countDown();
            int stored = 0;
            int duplicates = 0;
            for (Future<int[]> f : results) {
                int[] r = f.get(2, TimeUnit.MINUTES);
                stored += r[0];
                duplicates += r[1];
            }

            assertEquals(threads * batches * 4, stored);
            assertEquals(threads * (batches - 1), duplicates);
            ScenarioSummary a = s.summary("shared-a").orElseThrow();
            assertEquals(threads * batches * 2L, a.totalEvents());
            assertEquals(threads * (long) batches, a.failureCounts().get("crash"));
            assertEquals(threads * batches * 2L, s.summary("shared-b").orElseThrow().totalEvents());
            List<TelemetryEvent> events = readAll(s, EventQuery.builder("shared-a").limit(EventQuery.MAX_LIMIT).build());
            assertEquals(threads * batches * 2, events.size());
            Set<String> ids = new HashSet<>();
            assertTrue(events.stream().map(TelemetryEvent::eventId).allMatch(ids::add), "no id stored twice");
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- limits ---------------------------------------------------------------------------------

    @Test
    @DisplayName("past the scenario cap, events of new scenarios are refused one by one and existing ones go on")
    void scenarioCap() {
        StoreLimits limits = StoreLimits.defaults().withMaxScenarios(2);
        TelemetryStore s = store(limits);
        s.append(List.of(event("alpha", "app_start", 0), event("beta", "app_start", 0)));

        AppendResult result = s.append(List.of(event("gamma", "app_start", 1), event("alpha", "ready", 1),
                event("delta", "crash", 1), event("beta", "ready", 1), event("gamma", "ready", 2)));

        assertEquals(Map.of("alpha", 1, "beta", 1), result.storedByScenario());
        assertEquals(List.of(new EventError(0, limits.scenarioLimitError("gamma")),
                new EventError(2, limits.scenarioLimitError("delta")),
                new EventError(4, limits.scenarioLimitError("gamma"))), result.rejected());
        assertTrue(limits.scenarioLimitError("gamma").contains("limit of 2 scenarios"));
        assertEquals(List.of("alpha", "beta"),
                s.summaries().stream().map(ScenarioSummary::scenario).collect(Collectors.toList()));
        assertFalse(s.summary("gamma").isPresent());
        assertEquals(List.of(), s.query(EventQuery.builder("gamma").build()).events());
    }

    @Test
    @DisplayName("concurrent batches of new scenarios, through two nodes where a store has them, never pass the cap together")
    void scenarioCapUnderConcurrency() throws Exception {
        TelemetryStore s = store(StoreLimits.defaults().withMaxScenarios(5));
        TelemetryStore other = openOtherNode(s);
        if (other != s) {
            track(other);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<AppendResult>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                TelemetryStore node = t % 2 == 0 ? s : other;
                int thread = t;
                results.add(pool.submit(() -> node.append(IntStream.range(0, 10)
                        .mapToObj(i -> event("s" + thread + "-" + i, "app_start", i)).collect(Collectors.toList()))));
            }
            int stored = 0;
            for (Future<AppendResult> f : results) {
                AppendResult r = f.get(1, TimeUnit.MINUTES);
                stored += r.stored();
                assertEquals(10, r.stored() + r.rejected().size());
            }
            assertEquals(5, stored);
            assertEquals(5, other.summaries().size());

            AppendResult later = other.append(List.of(event("brand-new", "ready", 0),
                    event(s.summaries().get(0).scenario(), "ready", 0)));
            assertEquals(1, later.stored(), "existing scenarios go on");
            assertTrue(later.rejected().get(0).error().contains("limit of 5 scenarios"), later.rejected().toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("past the failure-type cap, failures are stored and counted in other_failures, not as new keys")
    void failureTypeCap() {
        TelemetryStore s = store(StoreLimits.defaults().withMaxFailureTypes(2));
        s.append(List.of(event(SCENARIO, "a_failed", 0), event(SCENARIO, "b_failed", 1),
                event(SCENARIO, "c_failed", 2), event(SCENARIO, "ready", 3)));
        s.append(List.of(event(SCENARIO, "d_failed", 4), event(SCENARIO, "a_failed", 5)));

        ScenarioSummary summary = s.summary(SCENARIO).orElseThrow();

        assertEquals(Map.of("a_failed", 2L, "b_failed", 1L), summary.failureCounts());
        assertEquals(2, summary.otherFailures());
        assertEquals(6, summary.totalEvents());
        assertEquals(5, summary.totalFailures());
        assertEquals(List.of("a_failed", "d_failed", "c_failed", "b_failed", "a_failed"),
                summary.recentFailures().stream().map(FailureEntry::event).collect(Collectors.toList()),
                "failures past the cap still enter recent_failures");
        assertEquals(6, s.query(query().build()).events().size(), "every event is stored");
    }

    @Test
    @DisplayName("the failure-type cap holds after reopening")
    void failureTypeCapSurvivesReopen() {
        assumeTrue(supportsReopen());
        TelemetryStore s = store(StoreLimits.defaults().withMaxFailureTypes(1));
        s.append(List.of(event(SCENARIO, "a_failed", 0), event(SCENARIO, "b_failed", 1)));
        ScenarioSummary before = s.summary(SCENARIO).orElseThrow();

        TelemetryStore again = track(reopen(s));
        again.append(List.of(event(SCENARIO, "c_failed", 2)));

        assertEquals(Map.of("a_failed", 1L), before.failureCounts());
        ScenarioSummary after = again.summary(SCENARIO).orElseThrow();
        assertEquals(Map.of("a_failed", 1L), after.failureCounts());
        assertEquals(2, after.otherFailures());
    }

    /** The deployment ids of {@code scenario}'s fleet view, most recently seen first; empty when it has none. */
    private static List<String> deploymentIds(TelemetryStore s, String scenario) {
        return s.deployments(scenario).orElse(List.of()).stream().map(DeploymentState::deploymentId)
                .collect(Collectors.toList());
    }

    private static TelemetryEvent ready(String scenario, int secondsAfterT0, String deploymentId) {
        return event(scenario, "ready", secondsAfterT0, deploymentId, null, null);
    }

    @Test
    @DisplayName("past the store-wide deployment cap, the deployments silent the longest in any scenario are dropped"
            + " first; their events stay stored and counted")
    void deploymentCapDropsTheLongestSilentAcrossScenarios() {
        TelemetryStore s = store(StoreLimits.defaults().withMaxDeployments(3));
        s.append(List.of(ready("alpha", 1, "a-old"), ready("alpha", 5, "a-mid"), ready("beta", 3, "b-mid")));
        assertEquals(List.of("a-mid", "a-old"), deploymentIds(s, "alpha"));

        s.append(List.of(ready("beta", 10, "b-new")));

        assertEquals(List.of("a-mid"), deploymentIds(s, "alpha"), "a-old was the longest silent in the store");
        assertEquals(List.of("b-new", "b-mid"), deploymentIds(s, "beta"));
        assertEquals(2, s.summary("alpha").orElseThrow().totalEvents(), "events of a dropped row are still counted");
        assertEquals(2, s.query(EventQuery.builder("alpha").deploymentId("a-old").build()).events().size()
                + s.query(EventQuery.builder("alpha").deploymentId("a-mid").build()).events().size());

        // Heard from again, a dropped deployment gets a new row counted from then on; b-mid goes.
        s.append(List.of(event("alpha", "crash", 20, "a-old", null, null)));

        assertEquals(List.of("a-old", "a-mid"), deploymentIds(s, "alpha"));
        assertEquals(List.of("b-new"), deploymentIds(s, "beta"));
        DeploymentState back = s.deployments("alpha").orElseThrow().get(0);
        assertEquals(T0.plusSeconds(20), back.firstSeen());
        assertEquals(Map.of("crash", 1L), back.failureCounts());
        assertEquals(3, s.summary("alpha").orElseThrow().totalEvents());
    }

    @Test
    @DisplayName("a new deployment older than every row held is itself the one dropped at the store-wide cap")
    void deploymentCapDropsABackfilledNewcomer() {
        TelemetryStore s = store(StoreLimits.defaults().withMaxDeployments(2));
        s.append(List.of(ready("alpha", 10, "a-1"), ready("beta", 20, "b-1")));

        s.append(List.of(ready("beta", 1, "b-old")));

        assertEquals(List.of("a-1"), deploymentIds(s, "alpha"));
        assertEquals(List.of("b-1"), deploymentIds(s, "beta"));
        assertEquals(2, s.summary("beta").orElseThrow().totalEvents());
    }

    @Test
    @DisplayName("the store-wide deployment cap holds after reopening")
    void deploymentCapSurvivesReopen() {
        assumeTrue(supportsReopen());
        TelemetryStore s = store(StoreLimits.defaults().withMaxDeployments(3));
        s.append(List.of(ready("alpha", 1, "a-1"), ready("beta", 2, "b-1"), ready("alpha", 3, "a-2"),
                ready("beta", 4, "b-2")));
        assertEquals(List.of("a-2"), deploymentIds(s, "alpha"));

        TelemetryStore again = track(reopen(s));

        assertEquals(List.of("a-2"), deploymentIds(again, "alpha"));
        assertEquals(List.of("b-2", "b-1"), deploymentIds(again, "beta"));
        again.append(List.of(ready("gamma", 5, "g-1")));
        assertEquals(List.of("a-2"), deploymentIds(again, "alpha"));
        assertEquals(List.of("b-2"), deploymentIds(again, "beta"), "b-1 was the longest silent after the reopen");
        assertEquals(List.of("g-1"), deploymentIds(again, "gamma"));
        assertEquals(2, again.summary("alpha").orElseThrow().totalEvents());
    }

    @Test
    @DisplayName("concurrent batches of new deployments in many scenarios never leave the store past its cap")
    void deploymentCapUnderConcurrency() throws Exception {
        int cap = 40;
        TelemetryStore s = store(StoreLimits.defaults().withMaxDeployments(cap));
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<AppendResult>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    AppendResult last = null;
                    for (int b = 0; b < 10; b++) {
                        int batch = b;
                        last = s.append(IntStream.range(0, 10).mapToObj(i -> ready("s" + (i % 3),
                                batch * 100 + i, "t" + thread + "-b" + batch + "-d" + i)).collect(Collectors.toList()));
                    }
                    return last;
                }));
            }
            for (Future<AppendResult> f : results) {
                assertEquals(10, f.get(2, TimeUnit.MINUTES).stored());
            }

            int rows = 0;
            long events = 0;
            for (int i = 0; i < 3; i++) {
                rows += deploymentIds(s, "s" + i).size();
                events += s.summary("s" + i).orElseThrow().totalEvents();
            }
            assertTrue(rows <= cap && rows > 0, rows + " rows held");
            assertEquals(threads * 10 * 10L, events, "every event is counted");
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(EventQuery.Order.class)
    @DisplayName("a page ends within the byte budget, with a cursor, and paging still visits every event once")
    void pageByteBudget(EventQuery.Order order) {
        long budget = 2048;
        TelemetryStore s = store(StoreLimits.defaults().withMaxPageBytes(budget));
        List<TelemetryEvent> stored = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            stored.add(event(SCENARIO, "ready", i, null, "id-" + i, map("pad", "x".repeat(100 + 50 * (i % 5)))));
        }
        stored.add(event(SCENARIO, "crash", 30, null, "big", map("pad", "y".repeat(5000))));
        s.append(stored);

        List<TelemetryEvent> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            EventPage page = s.query(query().order(order).limit(EventQuery.MAX_LIMIT).cursor(cursor).build());
            long bytes = page.events().stream().mapToLong(EventLineCodec::encodedLength).sum();
            assertTrue(page.events().size() == 1 || bytes <= budget, "page of " + bytes + " bytes");
            assertFalse(page.events().isEmpty());
            seen.addAll(page.events());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 100);

        List<TelemetryEvent> expected = new ArrayList<>(stored);
        if (order == EventQuery.Order.NEWEST_FIRST) {
            Collections.reverse(expected);
        }
        assertEquals(expected, seen);
        assertTrue(pages >= 5, "the budget split " + stored.size() + " events into " + pages + " pages");
    }
}
