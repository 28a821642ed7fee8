package com.vrooli.telemetry.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.DeploymentAggregator;
import com.vrooli.telemetry.core.DeploymentState;
import com.vrooli.telemetry.core.Details;
import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import com.vrooli.telemetry.core.StoreException;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.core.Timeline;
import com.vrooli.telemetry.core.TimelineBucket;
import com.vrooli.telemetry.core.TimelineQuery;
import com.vrooli.telemetry.core.TimelineResolution;
import com.vrooli.telemetry.testing.SteppingClock;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the V5 tables add beyond the store contract: several nodes, pruning, retention and the caps. */
class ActivityTablesTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    private static final Instant NOW = Instant.parse("2026-03-10T08:00:00Z");

    private final SteppingClock clock = new SteppingClock(NOW);

    private PostgresStoreBuilder builder(String url) {
        return PostgresTelemetryStore.builder(url).clock(clock).maintenancePeriod(Duration.ofDays(365));
    }

    private static TelemetryEvent event(int second, String scenario, String deployment, String type, String id) {
        Details details = type.equals("app_start") ? Details.of(Map.of("version", "v" + second)) : null;
        return new TelemetryEvent(NOW.plusSeconds(second), scenario, deployment, type, id, details);
    }

    @Test
    @DisplayName("two nodes writing and folding the same deployments and buckets at once lose no update and count none twice")
    void concurrentNodesGiveExactCounts() throws Exception {
        String url = PG.newDatabase();
        int perWriter = 40;
        String[] types = {"app_start", "crash", "ready", "disk_failed"};
        // Both nodes also fold in the background every few milliseconds, while the writers run.
        try (PostgresTelemetryStore a = builder(url).foldPeriod(Duration.ofMillis(3)).open();
             PostgresTelemetryStore b = builder(url).foldPeriod(Duration.ofMillis(3)).open()) {
            InMemoryTelemetryStore reference = InMemoryTelemetryStore.create();
            List<List<TelemetryEvent>> uploads = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                for (int i = 0; i < perWriter; i++) {
                    List<TelemetryEvent> batch = new ArrayList<>();
                    for (int k = 0; k < 5; k++) {
                        int n = (w * perWriter + i) * 5 + k;
                        batch.add(event(n % 200, "shared", "d-" + (n % 3), types[n % types.length], "e" + n));
                        batch.add(event(n % 200, "other-" + (n % 2), "d-0", types[(n + 1) % types.length], "f" + n));
                    }
                    uploads.add(batch);
                    reference.append(batch);
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                PostgresTelemetryStore node = w % 2 == 0 ? a : b;
                List<List<TelemetryEvent>> mine = uploads.subList(w * perWriter, (w + 1) * perWriter);
                done.add(pool.submit((Callable<Object>) () -> {
                    start.await();
                    mine.forEach(node::append);
                    return null;
                }));
            }
            start.countDown();
            for (Future<Object> f : done) {
                f.get();
            }
            pool.shutdown();

            for (String scenario : List.of("shared", "other-0", "other-1")) {
                assertEquals(reference.deployments(scenario), a.deployments(scenario), scenario);
                assertEquals(reference.deployments(scenario), b.deployments(scenario), scenario);
                for (TimelineResolution r : TimelineResolution.values()) {
                    assertEquals(reference.timeline(TimelineQuery.of(scenario, r)), b.timeline(TimelineQuery.of(scenario, r)));
                }
            }
        }
    }

    @Test
    @DisplayName("an upload's activity waits in the pending tables until a read on any node folds it, once")
    void pendingUntilFolded() throws SQLException {
        String url = PG.newDatabase();
        try (PostgresTelemetryStore a = builder(url).foldPeriod(Duration.ofDays(1)).open();
             PostgresTelemetryStore b = builder(url).foldPeriod(Duration.ofDays(1)).open()) {
            InMemoryTelemetryStore reference = InMemoryTelemetryStore.create();
            List<TelemetryEvent> first = List.of(event(0, "a", "d-1", "app_start", "p1"),
                    event(70, "a", "d-1", "crash", "p2"), event(70, "b", "d-2", "ready", "p3"));
            List<TelemetryEvent> second = List.of(event(71, "a", "d-1", "crash", "p4"), event(72, "a", null, "ready", "p5"));
            a.append(first);
            a.append(second);
            a.append(first); // all duplicates: no share at all
            reference.append(first);
            reference.append(second);
            assertEquals(2, rows(url, "telemetry_timeline_pending"));
            assertEquals(2, rows(url, "telemetry_deployment_pending"));
            assertEquals(0, rows(url, "telemetry_timeline"), "nothing live before a fold");

            // the other node's read folds a's uploads before it answers
            assertEquals(reference.timeline(TimelineQuery.of("a", TimelineResolution.MINUTE)),
                    b.timeline(TimelineQuery.of("a", TimelineResolution.MINUTE)));
            assertEquals(0, rows(url, "telemetry_timeline_pending"));
            assertEquals(0, rows(url, "telemetry_deployment_pending"));
            long live = rows(url, "telemetry_timeline");
            for (PostgresTelemetryStore node : List.of(a, b, a)) {
                node.maintainPartitions();
                for (String scenario : List.of("a", "b")) {
                    assertEquals(reference.deployments(scenario), node.deployments(scenario), scenario);
                    for (TimelineResolution r : TimelineResolution.values()) {
                        assertEquals(reference.timeline(TimelineQuery.of(scenario, r)), node.timeline(TimelineQuery.of(scenario, r)));
                    }
                }
            }
            assertEquals(live, rows(url, "telemetry_timeline"), "folding again adds nothing");
        }
    }

    @Test
    @DisplayName("several pending uploads of the same deployments fold in one go as they would one by one, ties included")
    void pendingUploadsMerge() {
        String url = PG.newDatabase();
        InMemoryTelemetryStore reference = InMemoryTelemetryStore.create();
        Instant t = NOW.plusSeconds(30);
        try (PostgresTelemetryStore s = builder(url).foldPeriod(Duration.ofDays(1)).open()) {
            List<List<TelemetryEvent>> uploads = List.of(
                    List.of(start(t, "d-1", "2.0", "linux", "m1"), failure(t, "d-1", "disk_failed", "m2", "{\"a\":1}"),
                            failure(t.plusSeconds(1), "d-2", "crash", null, null), event(0, "s", "d-3", "ready", "m3")),
                    // the same start time: the larger version wins; the same failure time: the smaller event
                    List.of(start(t, "d-1", "10.0", "mac", "m4"), start(t, "d-1", "2.0", "windows", "m5"),
                            failure(t, "d-1", "crash", "m6", null), failure(t, "d-1", "disk_failed", "m7", "{\"a\":0}"),
                            failure(t.minusSeconds(5), "d-2", "crash", "m8", null), event(-10, "s", "d-3", "ready", "m9")),
                    List.of(start(t, "d-1", null, "bsd", "m10"), failure(t.plusSeconds(1), "d-2", "crash", null, null),
                            failure(t.plusSeconds(2), "d-3", "net_unreachable", "m11", null), event(5, "s", "d-4", "ready", "m12")));
            for (List<TelemetryEvent> upload : uploads) {
                s.append(upload);
                reference.append(upload);
            }
            assertEquals(reference.deployments("s"), s.deployments("s"));
        }
    }

    private static TelemetryEvent start(Instant at, String deployment, String version, String platform, String id) {
        Map<String, Object> details = new HashMap<>();
        if (version != null) {
            details.put("version", version);
        }
        details.put("platform", platform);
        return new TelemetryEvent(at, "s", deployment, "app_start", id, Details.of(details));
    }

    private static TelemetryEvent failure(Instant at, String deployment, String type, String id, String details) {
        return new TelemetryEvent(at, "s", deployment, type, id, details == null ? null : Details.parse(details));
    }

    @Test
    @DisplayName("a fold that fails leaves the pending rows for the next one")
    void failedFoldKeepsPending() throws SQLException {
        String url = PG.newDatabase();
        try (PostgresTelemetryStore s = builder(url).foldPeriod(Duration.ofDays(1)).open()) {
            s.append(List.of(event(0, "a", "d-1", "crash", "f1")));
            // A live row the fold cannot write (a check it violates) makes the fold's upsert fail.
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("ALTER TABLE telemetry_deployments ADD CONSTRAINT no_crashes CHECK (crashes = 0) NOT VALID");
            }
            assertThrows(StoreException.class, () -> s.deployments("a"));
            assertEquals(1, rows(url, "telemetry_timeline_pending"));
            assertEquals(1, rows(url, "telemetry_deployment_pending"));
            assertEquals(0, rows(url, "telemetry_timeline"), "the timeline part of the failed fold was rolled back");
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("ALTER TABLE telemetry_deployments DROP CONSTRAINT no_crashes");
            }
            assertEquals(1, s.deployments("a").orElseThrow().get(0).crashes());
            assertEquals(1, s.timeline(TimelineQuery.of("a", TimelineResolution.DAY)).orElseThrow().buckets().get(0).events());
            assertEquals(0, rows(url, "telemetry_timeline_pending") + rows(url, "telemetry_deployment_pending"));
        }
    }

    @Test
    @DisplayName("buckets past their window are left out at once and deleted by the maintenance")
    void timelinePruning() throws SQLException {
        String url = PG.newDatabase();
        int window = TimelineResolution.MINUTE.keptBuckets() * 60;
        try (PostgresTelemetryStore s = builder(url).open()) {
            s.append(List.of(event(0, "a", null, "crash", null), event(window + 60, "a", null, "crash", null)));
            Timeline before = s.timeline(TimelineQuery.of("a", TimelineResolution.MINUTE)).orElseThrow();
            assertEquals(List.of(NOW.plusSeconds(window + 60)),
                    before.buckets().stream().map(TimelineBucket::start).collect(Collectors.toList()));
            assertEquals(4, rows(url, "telemetry_timeline WHERE width = 60"), "two headers, two type rows");

            s.maintainPartitions();

            assertEquals(2, rows(url, "telemetry_timeline WHERE width = 60"));
            assertEquals(before, s.timeline(TimelineQuery.of("a", TimelineResolution.MINUTE)).orElseThrow());
            assertEquals(2, s.timeline(TimelineQuery.of("a", TimelineResolution.HOUR)).orElseThrow().buckets().size());
        }
    }

    @Test
    @DisplayName("retention takes the dropped days' buckets and deployments out with their events")
    void retentionDropsActivity() throws SQLException {
        String url = PG.newDatabase();
        // No background fold: retention itself must fold what is pending before it drops.
        try (PostgresTelemetryStore s = builder(url).retention(Duration.ofDays(5)).foldPeriod(Duration.ofDays(1)).open()) {
            Instant old = NOW.minus(Duration.ofDays(8));
            s.append(List.of(new TelemetryEvent(old, "a", "gone", "crash", null, null),
                    new TelemetryEvent(old, "a", "both", "app_start", null, null),
                    new TelemetryEvent(NOW, "a", "both", "crash", null, null)));
            s.append(List.of(new TelemetryEvent(old.plusSeconds(60), "a", "gone", "crash", null, null),
                    new TelemetryEvent(NOW, "a", "new", "ready", null, null)));
            assertEquals(2, rows(url, "telemetry_deployment_pending"), "both uploads still pending");

            s.maintainPartitions();

            assertEquals(0, rows(url, "telemetry_deployment_pending") + rows(url, "telemetry_timeline_pending"));

            assertEquals(List.of("both", "new"), s.deployments("a").orElseThrow().stream()
                    .map(DeploymentState::deploymentId).collect(Collectors.toList()));
            assertEquals(1, s.deployments("a").orElseThrow().get(0).starts(), "a deployment seen on both sides keeps its counts");
            for (TimelineResolution r : TimelineResolution.values()) {
                List<TimelineBucket> buckets = s.timeline(TimelineQuery.of("a", r)).orElseThrow().buckets();
                assertEquals(2, buckets.stream().mapToLong(TimelineBucket::events).sum(), r.wireName());
            }
            assertEquals(2, rows(url, "telemetry_deployment_counts c JOIN telemetry_deployments d USING (scenario)"
                    + " WHERE c.deployments = 2"));
        }
    }

    @Test
    @DisplayName("a read waits at most a second for another fold's lock, then answers from the rows folded so far")
    void readDoesNotWaitOnAStalledFold() throws Exception {
        String url = PG.newDatabase();
        try (PostgresTelemetryStore s = builder(url).foldPeriod(Duration.ofDays(1)).open();
             Connection stalled = DriverManager.getConnection(url)) {
            s.append(List.of(event(0, "a", "d-1", "crash", "f1")));
            assertEquals(1, s.deployments("a").orElseThrow().get(0).crashes());
            s.append(List.of(event(1, "a", "d-1", "crash", "f2")));
            // Another node's fold, stalled while it holds the lock.
            try (PreparedStatement ps = stalled.prepareStatement("SELECT pg_advisory_lock(?)")) {
                ps.setLong(1, ActivityFold.LOCK);
                ps.execute();
            }
            long start = System.nanoTime();
            List<DeploymentState> meanwhile = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> s.deployments("a").orElseThrow());
            long waited = System.nanoTime() - start;
            assertEquals(1, meanwhile.get(0).crashes(), "the folded rows, without the pending upload");
            assertTrue(waited >= ActivityFold.READ_WAIT.toNanos(), "waited " + waited + " ns for the lock first");
            assertEquals(1, rows(url, "telemetry_deployment_pending"), "still pending, not lost");

            try (PreparedStatement ps = stalled.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                ps.setLong(1, ActivityFold.LOCK);
                ps.execute();
            }
            assertEquals(2, s.deployments("a").orElseThrow().get(0).crashes());
            assertEquals(2, s.timeline(TimelineQuery.of("a", TimelineResolution.DAY)).orElseThrow().buckets().get(0).events());
        }
    }

    @Test
    @DisplayName("a backlog of more pending uploads than one fold transaction takes is folded whole, each once")
    void backlogFoldsInBatches() throws SQLException {
        String url = PG.newDatabase();
        int uploads = 2 * ActivityFold.BATCH + 7;
        try (PostgresTelemetryStore s = builder(url).foldPeriod(Duration.ofDays(1)).open()) {
            InMemoryTelemetryStore reference = InMemoryTelemetryStore.create();
            for (int i = 0; i < uploads; i++) {
                List<TelemetryEvent> batch = List.of(event(i % 90, "a", "d-" + (i % 4), i % 3 == 0 ? "crash" : "ready", "b" + i));
                s.append(batch);
                reference.append(batch);
            }
            assertEquals(uploads, rows(url, "telemetry_timeline_pending"));

            assertEquals(reference.deployments("a"), s.deployments("a"));
            assertEquals(0, rows(url, "telemetry_timeline_pending") + rows(url, "telemetry_deployment_pending"));
            for (TimelineResolution r : TimelineResolution.values()) {
                assertEquals(reference.timeline(TimelineQuery.of("a", r)), s.timeline(TimelineQuery.of("a", r)), r.wireName());
            }
        }
    }

    @Test
    @DisplayName("past the store-wide cap the deployments silent the longest go first, in any scenario")
    void storeWideCap() {
        String url = PG.newDatabase();
        try (PostgresTelemetryStore s = builder(url).maxDeployments(4).open()) {
            s.append(List.of(event(10, "a", "a-old", "ready", null), event(20, "b", "b-mid", "ready", null),
                    event(30, "a", "a-new", "ready", null), event(40, "b", "b-new", "ready", null)));
            s.append(List.of(event(50, "c", "c-1", "ready", null)));

            assertEquals(List.of("a-new"), ids(s, "a"));
            assertEquals(List.of("b-new", "b-mid"), ids(s, "b"));
            assertEquals(List.of("c-1"), ids(s, "c"));
            // an existing deployment seen again is no new row: nothing is evicted
            s.append(List.of(event(5, "b", "b-mid", "crash", null)));
            assertEquals(List.of("b-new", "b-mid"), ids(s, "b"));
        }
    }

    @Test
    @DisplayName("a lower store-wide cap at the next open is applied by the maintenance pass")
    void lowerCapAtOpen() {
        String url = PG.newDatabase();
        try (PostgresTelemetryStore s = builder(url).open()) {
            List<TelemetryEvent> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                batch.add(event(i, i % 2 == 0 ? "a" : "b", "d" + i, "ready", null));
            }
            s.append(batch);
        }
        try (PostgresTelemetryStore s = builder(url).maxDeployments(4).open()) {
            assertEquals(List.of("d8", "d6"), ids(s, "a"));
            assertEquals(List.of("d9", "d7"), ids(s, "b"));
            s.append(List.of(event(100, "a", "d100", "ready", null)));
            assertEquals(List.of("d100", "d8"), ids(s, "a"));
        }
    }

    @Test
    @DisplayName("one scenario keeps at most MAX_DEPLOYMENTS rows, dropping 1% of the oldest at a time")
    void perScenarioCap() throws SQLException {
        String url = PG.newDatabase();
        int cap = DeploymentAggregator.MAX_DEPLOYMENTS;
        try (PostgresTelemetryStore s = builder(url).open()) {
            List<TelemetryEvent> batch = new ArrayList<>();
            for (int i = 0; i <= cap; i++) {
                batch.add(event(i, "fleet", String.format("d%05d", i), "ready", null));
            }
            s.append(batch);

            List<DeploymentState> rows = s.deployments("fleet").orElseThrow();
            assertEquals(cap - cap / 100 + 1, rows.size());
            assertEquals(String.format("d%05d", cap / 100), rows.get(rows.size() - 1).deploymentId());
            assertEquals(1, rows(url, "telemetry_deployment_counts WHERE deployments = " + rows.size()));
            assertTrue(s.summary("fleet").orElseThrow().totalEvents() > cap, "the events stay");
        }
    }

    @Test
    @DisplayName("a deployment's failure types past the cap are counted as the aggregator counts them, in one upload or across uploads")
    void failureTypeCap() {
        String url = PG.newDatabase();
        int cap = DeploymentAggregator.MAX_FAILURE_TYPES;
        InMemoryTelemetryStore reference = InMemoryTelemetryStore.create();
        try (PostgresTelemetryStore s = builder(url).open()) {
            // d-1: 20 types, then 10 of them again with 20 new ones (the merge passes the cap), then
            // a known type, a new one (counted in (other)) and no failure at all (an empty delta).
            List<List<TelemetryEvent>> uploads = List.of(
                    failures("d-1", 0, 20, 0), failures("d-1", 10, 40, 100),
                    List.of(event(200, "fleet", "d-1", "t05_error", "x1"), event(201, "fleet", "d-1", "t77_error", "x2")),
                    List.of(event(202, "fleet", "d-1", "ready", "x3")),
                    // d-2: 40 types in one upload, a new row past the cap at once; then more of them.
                    failures("d-2", 0, 40, 300), failures("d-2", 30, 45, 400));
            for (List<TelemetryEvent> upload : uploads) {
                s.append(upload);
                reference.append(upload);
            }
            List<DeploymentState> rows = s.deployments("fleet").orElseThrow();
            assertEquals(reference.deployments("fleet").orElseThrow(), rows);
            for (DeploymentState d : rows) {
                assertEquals(cap + 1, d.failureCounts().size(), d.deploymentId() + ": the cap's types and (other)");
            }
        }
    }

    /** One event of each failure type {@code tFROM_error} .. {@code tTO-1_error}, ids from {@code second}. */
    private static List<TelemetryEvent> failures(String deployment, int from, int to, int second) {
        List<TelemetryEvent> out = new ArrayList<>();
        for (int t = from; t < to; t++) {
            out.add(event(second + t, "fleet", deployment, String.format("t%02d_error", t), deployment + "-" + second + "-" + t));
        }
        return out;
    }

    private static List<String> ids(PostgresTelemetryStore s, String scenario) {
        return s.deployments(scenario).orElseThrow().stream().map(DeploymentState::deploymentId)
                .collect(Collectors.toList());
    }

    private static long rows(String url, String from) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + from);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
