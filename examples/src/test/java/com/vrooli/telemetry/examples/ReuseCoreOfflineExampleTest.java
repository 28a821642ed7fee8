package com.vrooli.telemetry.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.EventLevel;
import com.vrooli.telemetry.core.FailureEntry;
import com.vrooli.telemetry.core.ScenarioSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The offline core example")
class ReuseCoreOfflineExampleTest {

    /** A crash line cut short: the app died while writing it. */
    private static final String TORN_TAIL = "{\"ts\":\"2025-01-15T12:00:06Z\",\"scenario\":\"picker-wheel\",\"event\":\"crash\",\"details\":{\"err";

    private static final String FILE = String.join("\n",
            "{\"ts\":\"2025-01-15T12:00:00Z\",\"scenario\":\"picker-wheel\",\"event\":\"app_start\",\"details\":{\"version\":\"1.0.0\"}}",
            "{\"ts\":\"2025-01-15T12:00:01Z\",\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-1\",\"event\":\"migration_failed\",\"details\":{\"version\":\"42\"}}",
            "",
            "not json at all",
            "{\"ts\":\"2025-01-15T12:00:02Z\",\"scenario\":\"picker-wheel\",\"event\":\"service_stopped\",\"details\":{\"service_id\":\"api\",\"exit_code\":1}}",
            "{\"ts\":\"2025-01-15T12:00:03Z\",\"scenario\":\"picker-wheel\",\"event\":\"migration_failed\",\"details\":{\"version\":\"43\"}}",
            "{\"scenario\":\"picker-wheel\",\"event\":\"ready\"}",
            "{\"ts\":\"2025-01-15T12:00:04Z\",\"scenario\":\"shared-auth\",\"event\":\"token_refresh_timeout\"}",
            "{\"ts\":\"2025-01-15T12:00:05Z\",\"scenario\":\"shared-auth\",\"event\":\"ready\"}",
            TORN_TAIL);

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    @DisplayName("counts failures per scenario and type, skips bad lines and leaves out an unfinished last line")
    void summarisesAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("telemetry.jsonl"), FILE);

        ReuseCoreOfflineExample.Report r = ReuseCoreOfflineExample.read(file);

        assertEquals(6, r.events());
        assertEquals(2, r.skippedLines(), "the line that is not JSON and the one without a timestamp");
        assertTrue(r.skipReasons().get(0).startsWith("line 4: "), r.skipReasons().toString());
        assertTrue(r.skipReasons().get(1).startsWith("line 7: ") && r.skipReasons().get(1).contains("timestamp"),
                r.skipReasons().toString());
        assertEquals(TORN_TAIL.length(), r.tailBytes());
        assertEquals(List.of("picker-wheel", "shared-auth"),
                r.scenarios().stream().map(s -> s.summary().scenario()).collect(Collectors.toList()));

        ReuseCoreOfflineExample.ScenarioReport wheel = r.scenarios().get(0);
        ScenarioSummary summary = wheel.summary();
        assertEquals(4, summary.totalEvents());
        assertEquals(Map.of("migration_failed", 2L), summary.failureCounts());
        assertEquals(List.of("43", "42"), summary.recentFailures().stream()
                .map(f -> f.details().get("version")).collect(Collectors.toList()));
        assertEquals(Map.of(EventLevel.INFO, 1L, EventLevel.WARN, 1L, EventLevel.ERROR, 2L), wheel.levels());

        ReuseCoreOfflineExample.ScenarioReport auth = r.scenarios().get(1);
        assertEquals(Map.of("token_refresh_timeout", 1L), auth.summary().failureCounts(),
                "a custom event ending in _timeout is a failure");

        ReuseCoreOfflineExample.print(file, r, out);
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains(": 6 events in 2 scenario(s); 2 line(s) skipped; an unfinished last line left out"), text);
        assertTrue(text.contains("picker-wheel: 4 events (1 info, 1 warn, 2 error), last at 2025-01-15T12:00:03Z"), text);
        assertTrue(text.contains("    migration_failed                  2  (data)"), text);
        assertTrue(text.contains("2025-01-15T12:00:01Z  migration_failed  deploy-1  {\"version\":\"42\"}"), text);
        assertTrue(text.contains("    token_refresh_timeout             1  (custom)"), text);
    }

    @Test
    @DisplayName("skips a line too long to hold and goes on with the next one")
    void skipsAnOverlongLine(@TempDir Path dir) throws IOException {
        String huge = "{\"ts\":\"2025-01-15T12:00:00Z\",\"scenario\":\"a\",\"event\":\"x\",\"details\":{\"pad\":\""
                + "p".repeat(3 * 1024 * 1024) + "\"}}";
        String ok = "{\"ts\":\"2025-01-15T12:00:01Z\",\"scenario\":\"a\",\"event\":\"asset_missing\"}";
        Path file = Files.writeString(dir.resolve("big.jsonl"), huge + "\n" + ok + "\n");

        ReuseCoreOfflineExample.Report r = ReuseCoreOfflineExample.read(file);

        assertEquals(1, r.events());
        assertEquals(1, r.skippedLines());
        assertEquals("line 1: is longer than 1048576 bytes", r.skipReasons().get(0));
        assertEquals(0, r.tailBytes());
        assertEquals(Map.of("asset_missing", 1L), r.scenarios().get(0).summary().failureCounts());
    }

    @Test
    @DisplayName("reads the desktop app's own local file: what failed there")
    void readsTheDesktopAppsFile(@TempDir Path appData) throws IOException {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        DesktopAppExample.Run run = DesktopAppExample.run(null, appData, quiet);

        ReuseCoreOfflineExample.Report r = ReuseCoreOfflineExample.read(run.telemetryFile());

        assertEquals(6, r.events());
        assertEquals(0, r.skippedLines());
        assertEquals(0, r.tailBytes());
        ReuseCoreOfflineExample.ScenarioReport wheel = r.scenarios().get(0);
        assertEquals("picker-wheel", wheel.summary().scenario());
        assertEquals(Map.of("dependency_unreachable", 1L, "migration_failed", 1L), wheel.summary().failureCounts());
        assertEquals(Map.of(EventLevel.INFO, 4L, EventLevel.WARN, 0L, EventLevel.ERROR, 2L), wheel.levels());
        // Both may carry the same millisecond, so the order between them is not asserted.
        assertEquals(Set.of("migration_failed", "dependency_unreachable"), wheel.summary().recentFailures().stream()
                .map(FailureEntry::event).collect(Collectors.toSet()));
    }
}
