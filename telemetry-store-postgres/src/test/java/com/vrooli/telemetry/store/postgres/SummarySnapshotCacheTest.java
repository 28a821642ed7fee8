package com.vrooli.telemetry.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.AppendResult;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.StoreUnavailableException;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.testing.SteppingClock;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The list of summaries a node keeps with the database state it was read at: reused while no
 * transaction commits, on any node, and never once one has.
 */
class SummarySnapshotCacheTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    private static final Instant NOW = Instant.parse("2026-03-10T08:00:00Z");

    @Test
    @DisplayName("reads with no commit between them return the same list; a write through another node is in the next read")
    void sameListUntilAnotherNodeCommits() {
        String url = PG.newDatabase();
        SteppingClock clock = new SteppingClock(NOW);
        try (PostgresTelemetryStore reader = PostgresTelemetryStore.builder(url).clock(clock).open();
             PostgresTelemetryStore writer = PostgresTelemetryStore.builder(url).clock(clock).open()) {
            writer.append(List.of(TelemetryEvent.of(NOW, "a", "crash"), TelemetryEvent.of(NOW, "b", "ready")));
            List<ScenarioSummary> first = reader.summaries();
            assertSame(first, reader.summaries(), "nothing committed: the kept list");
            assertEquals(first, writer.summaries(), "both nodes read the same summaries");

            writer.append(List.of(TelemetryEvent.of(NOW.plusSeconds(1), "b", "crash")));
            List<ScenarioSummary> second = reader.summaries();

            assertNotSame(first, second);
            assertEquals(Map.of("a", 1L, "b", 2L), totals(second));
            assertSame(first.get(0), second.get(0), "a did not change: its summary instance is kept too");
            assertSame(second, reader.summaries());
        }
    }

    @Test
    @DisplayName("after any acknowledged append, on either node, the other node's next read counts it")
    void neverStaleAfterACommit() {
        String url = PG.newDatabase();
        SteppingClock clock = new SteppingClock(NOW);
        try (PostgresTelemetryStore n1 = PostgresTelemetryStore.builder(url).clock(clock).open();
             PostgresTelemetryStore n2 = PostgresTelemetryStore.builder(url).clock(clock).open()) {
            PostgresTelemetryStore[] nodes = {n1, n2};
            long[] expected = new long[3];
            for (int i = 0; i < 60; i++) {
                PostgresTelemetryStore writer = nodes[i % 2];
                PostgresTelemetryStore reader = nodes[(i + 1) % 2];
                int scenario = (i * 7) % 3;
                writer.append(List.of(TelemetryEvent.of(NOW.plusMillis(i), "s" + scenario, "ready")));
                expected[scenario]++;
                List<ScenarioSummary> read = reader.summaries();
                assertEquals(Math.min(i + 1, 3), read.size());
                for (ScenarioSummary s : read) {
                    assertEquals(expected[s.scenario().charAt(1) - '0'], s.totalEvents(), "read " + i + ": " + s);
                }
                assertSame(read, reader.summaries(), "no commit since: the kept list");
            }
        }
    }

    @Test
    @DisplayName("a transaction that began first and commits last, on another node, is seen once it commits")
    void outOfOrderCommits() throws Exception {
        String url = PG.newDatabase();
        SteppingClock clock = new SteppingClock(NOW);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (PostgresTelemetryStore n1 = PostgresTelemetryStore.builder(url).clock(clock).open();
             PostgresTelemetryStore n2 = PostgresTelemetryStore.builder(url).clock(clock).open();
             Connection blocker = DriverManager.getConnection(url);
             Connection monitor = DriverManager.getConnection(url)) {
            n1.append(List.of(TelemetryEvent.of(NOW, "a", "ready"), TelemetryEvent.of(NOW, "b", "ready")));
            assertEquals(Map.of("a", 1L, "b", 1L), totals(n2.summaries()));

            // Holding a's totals row makes n1's append wait after it has copied its event, that is
            // after its transaction took its id, so that transaction commits after a later one.
            blocker.setAutoCommit(false);
            try (Statement st = blocker.createStatement()) {
                st.execute("SELECT 1 FROM telemetry_scenarios WHERE scenario = 'a' FOR UPDATE");
            }
            CompletableFuture<AppendResult> first = CompletableFuture.supplyAsync(
                    () -> n1.append(List.of(TelemetryEvent.of(NOW.plusSeconds(1), "a", "crash"))), pool);
            awaitAppendWaitingOnLock(monitor, first);
            long firstXid = xidWaitingOnLock(monitor);

            n2.append(List.of(TelemetryEvent.of(NOW.plusSeconds(2), "b", "crash")));
            long secondXid = writerOf(monitor, "b");
            assertTrue(firstXid > 0 && firstXid < secondXid,
                    firstXid + " < " + secondXid + ": n2's transaction took a later id than the waiting one");
            List<ScenarioSummary> before = n2.summaries();
            assertEquals(Map.of("a", 1L, "b", 2L), totals(before), "b committed, a not yet");
            assertEquals(totals(before), totals(n1.summaries()));
            assertSame(before, n2.summaries(), "the waiting transaction does not change the state");

            blocker.commit();
            assertEquals(1, first.get(30, TimeUnit.SECONDS).stored());

            List<ScenarioSummary> after = n2.summaries();
            assertNotSame(before, after);
            assertEquals(Map.of("a", 2L, "b", 2L), totals(after));
            assertEquals(1L, after.get(0).failureCounts().get("crash"));
            assertEquals(totals(after), totals(n1.summaries()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("a closed store refuses to read even with a kept list")
    void closedStoreDoesNotServeTheKeptList() {
        String url = PG.newDatabase();
        PostgresTelemetryStore store = PostgresTelemetryStore.builder(url).clock(new SteppingClock(NOW)).open();
        store.append(List.of(TelemetryEvent.of(NOW, "a", "ready")));
        assertFalse(store.summaries().isEmpty());
        store.close();
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class, store::summaries);
        assertEquals("the store is closed", e.getMessage());
    }

    private static Map<String, Long> totals(List<ScenarioSummary> summaries) {
        return summaries.stream().collect(Collectors.toMap(ScenarioSummary::scenario, ScenarioSummary::totalEvents));
    }

    /** Waits (at most 30 s) until a session of the database waits for a lock. */
    private static void awaitAppendWaitingOnLock(Connection c, CompletableFuture<?> append) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (xidWaitingOnLock(c) == 0) {
            if (append.isDone() || System.nanoTime() > deadline) {
                throw new AssertionError("the append did not wait for the held row: " + append);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** The transaction id of the session waiting for a lock in this database, or 0. */
    private static long xidWaitingOnLock(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(max(backend_xid::text::bigint), 0) FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The id of the transaction that wrote the scenario's totals row as it is now. */
    private static long writerOf(Connection c, String scenario) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT xmin::text::bigint FROM telemetry_scenarios WHERE scenario = '"
                     + scenario + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
