package com.vrooli.telemetry.store.jsonl;

import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.jimfsDir;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.EventLineCodec;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.core.TimelineQuery;
import com.vrooli.telemetry.core.TimelineResolution;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A store resumed from its snapshots must be indistinguishable from one that read every file
 * whole: the same summaries, the same unreadable-line count and the same de-duplication window,
 * over random data, across several restarts and with lines written after the last snapshot.
 */
class JsonlSnapshotRestoreTest {

    private static final String[] SCENARIOS = {"app", "shared-auth", "photo.vault", "x"};
    private static final int WINDOW = 60;

    @TempDir
    Path realDir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    @DisplayName("restoring from snapshots equals a full rebuild on random data (jimfs)")
    void restoreEqualsRebuildOnJimfs(long seed) throws IOException {
        assertRestoreEqualsRebuild(jimfsDir(), seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 8})
    @DisplayName("restoring from snapshots equals a full rebuild on random data (real directory)")
    void restoreEqualsRebuildOnDisk(long seed) throws IOException {
        assertRestoreEqualsRebuild(realDir.resolve("telemetry"), seed);
    }

    private static void assertRestoreEqualsRebuild(Path dir, long seed) throws IOException {
        RandomEvents random = new RandomEvents(seed, SCENARIOS);
        for (int restart = 0; restart < 3; restart++) {
            try (JsonlTelemetryStore store = open(dir, true)) {
                if (restart > 0) {
                    assertTrue(store.stats().scenariosRestored() > 0, "restart " + restart + " used snapshots");
                    assertEquals(0, store.stats().scenariosRebuilt());
                }
                int batches = 1 + random.random().nextInt(30);
                for (int i = 0; i < batches; i++) {
                    store.append(random.batch(40));
                }
            }
        }
        // Lines written after the last snapshot, as if the server crashed before its next one.
        int extra = random.random().nextInt(3 * WINDOW);
        for (int i = 0; i < extra; i++) {
            TelemetryEvent e = random.next();
            Files.write(dir.resolve(e.scenario() + ".jsonl"), EventLineCodec.encode(e), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        appendRaw(dir.resolve("app.jsonl"), "not json at all\n{\"ts\":\"2025-01-15T12:00:00Z\",\"scenario\":\"app\",\"ev");
        // With one scenario fewer, each keeps a larger share of the window than its snapshot holds.
        boolean dropOne = seed % 2 == 0;
        if (dropOne) {
            Files.delete(dir.resolve("x.jsonl"));
        }
        int expected = dropOne ? SCENARIOS.length - 1 : SCENARIOS.length;

        List<ScenarioSummary> restoredSummaries;
        long[] restoredWindow;
        long restoredBadLines;
        List<Object> restoredActivity;
        try (JsonlTelemetryStore store = open(dir, true)) {
            assertEquals(expected, store.stats().scenariosRestored(), "every scenario resumed");
            assertEquals(1, store.stats().tornTailsRecovered(), "the torn tail after the snapshot is still repaired");
            restoredSummaries = store.summaries();
            restoredActivity = activity(store);
            restoredWindow = store.dedupWindowContents();
            restoredBadLines = store.stats().badLinesSkipped();
        }
        try (JsonlTelemetryStore store = open(dir, false)) {
            assertEquals(expected, store.stats().scenariosRebuilt());
            assertEquals(store.summaries(), restoredSummaries);
            assertEquals(activity(store), restoredActivity, "same timelines and deployments");
            assertArrayEquals(store.dedupWindowContents(), restoredWindow, "same ids, same order");
            assertEquals(store.stats().badLinesSkipped(), restoredBadLines);
            assertTrue(restoredBadLines >= 1);
        }
    }

    /** Every scenario's timelines at each resolution and its deployments. */
    private static List<Object> activity(JsonlTelemetryStore store) {
        List<Object> out = new ArrayList<>();
        for (String scenario : SCENARIOS) {
            for (TimelineResolution r : TimelineResolution.values()) {
                out.add(store.timeline(TimelineQuery.of(scenario, r)));
            }
            out.add(store.deployments(scenario));
        }
        return out;
    }

    private static JsonlTelemetryStore open(Path dir, boolean snapshots) {
        return JsonlTelemetryStore.builder(dir).fsync(FsyncPolicy.NEVER).dedupWindow(WINDOW).snapshots(snapshots)
                .snapshotInterval(Duration.ofHours(1)).open();
    }

    private static void appendRaw(Path file, String text) throws IOException {
        Files.write(file, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
