package com.vrooli.telemetry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The standard catalogue and the one failure and level rule of DESIGN.md. */
class EventCatalogueTest {

    /** Every row of the API document's standard event tables: name, category, detail keys. */
    static Stream<Arguments> documentTables() {
        return Stream.of(
                row("app_start", EventCategory.LIFECYCLE, "version", "platform", "mode"),
                row("ready", EventCategory.LIFECYCLE, "startup_ms", "services"),
                row("shutdown", EventCategory.LIFECYCLE, "reason", "uptime_ms"),
                row("crash", EventCategory.LIFECYCLE, "error", "stack"),
                row("service_started", EventCategory.SERVICE, "service_id", "pid", "port"),
                row("service_stopped", EventCategory.SERVICE, "service_id", "exit_code"),
                row("service_crashed", EventCategory.SERVICE, "service_id", "error"),
                row("dependency_unreachable", EventCategory.SERVICE, "service_id", "dependency", "reason"),
                row("migration_started", EventCategory.DATA, "version", "direction"),
                row("migration_completed", EventCategory.DATA, "version", "duration_ms"),
                row("migration_failed", EventCategory.DATA, "version", "error"),
                row("secrets_generated", EventCategory.SECRET, "secret_ids"),
                row("secrets_prompted", EventCategory.SECRET, "secret_ids"),
                row("secrets_missing", EventCategory.SECRET, "secret_ids"),
                row("update_check_started", EventCategory.UPDATE, "channel", "current_version"),
                row("update_available", EventCategory.UPDATE, "new_version", "channel"),
                row("update_downloaded", EventCategory.UPDATE, "version", "size_bytes"),
                row("update_installed", EventCategory.UPDATE, "version", "restart_required"),
                row("update_error", EventCategory.UPDATE, "error", "stage"),
                row("health_check_failed", EventCategory.HEALTH, "service_id", "check_type", "error"),
                row("readiness_timeout", EventCategory.HEALTH, "service_id", "timeout_ms"));
    }

    private static Arguments row(String name, EventCategory category, String... keys) {
        return Arguments.of(name, category, List.of(keys));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("documentTables")
    void everyDocumentedEventHasItsCategoryAndDetailKeys(String name, EventCategory category, List<String> keys) {
        StandardEvent e = StandardEvent.fromWireName(name).orElseThrow();

        assertEquals(name, e.wireName());
        assertEquals(category, e.category());
        assertEquals(keys, e.detailKeys());
        assertEquals(category, EventCatalogue.categoryOf(name));
    }

    @Test
    void theCatalogueHoldsTheDocumentsTablesAndTheRuntimeFailuresAndNothingElse() {
        Stream<String> documented = documentTables().map(a -> (String) a.get()[0]);
        List<String> expected = Stream.concat(documented, RUNTIME_FAILURES.stream()).sorted().toList();

        assertEquals(expected, Arrays.stream(StandardEvent.values()).map(StandardEvent::wireName).sorted().toList());
    }

    private static final List<String> RUNTIME_FAILURES = List.of("runtime_error", "service_start_failed",
            "service_not_ready", "asset_missing", "asset_checksum_mismatch", "swap_missing_asset", "api_unreachable",
            "health_failed", "secrets_generation_failed", "gpu_required_missing");

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"crash", "service_crashed", "dependency_unreachable", "migration_failed",
            "secrets_missing", "update_error", "health_check_failed", "readiness_timeout"})
    void theDocumentsFailuresAreErrors(String name) {
        assertFailure(name);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"runtime_error", "service_start_failed", "service_not_ready", "asset_missing",
            "asset_checksum_mismatch", "swap_missing_asset", "api_unreachable", "health_failed",
            "secrets_generation_failed", "gpu_required_missing"})
    void everyRuntimeFailureNameIsAnError(String name) {
        assertFailure(name);
        assertTrue(StandardEvent.fromWireName(name).orElseThrow().detailKeys().isEmpty());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"app_start", "ready", "shutdown", "service_started", "service_stopped",
            "migration_started", "migration_completed", "secrets_generated", "update_check_started",
            "update_available", "update_downloaded", "update_installed"})
    void theOtherDocumentedEventsAreInfo(String name) {
        assertFalse(EventCatalogue.isFailure(name));
        assertEquals(EventLevel.INFO, EventCatalogue.levelOf(name));
        assertEquals(EventLevel.INFO, TelemetryEvent.of(Instant.EPOCH, "s", name).level());
    }

    @Test
    void secretsPromptedIsAWarningButNotAFailure() {
        assertFalse(EventCatalogue.isFailure("secrets_prompted"));
        assertEquals(EventLevel.WARN, EventCatalogue.levelOf("secrets_prompted"));
        assertEquals(EventLevel.WARN, TelemetryEvent.of(Instant.EPOCH, "s", "secrets_prompted").level());
    }

    static Stream<Arguments> stoppedDetails() {
        return Stream.of(
                Arguments.of("no details", null, EventLevel.INFO),
                Arguments.of("no exit_code", "{\"service_id\":\"api\"}", EventLevel.INFO),
                Arguments.of("exit_code null", "{\"exit_code\":null}", EventLevel.INFO),
                Arguments.of("exit_code 0", "{\"exit_code\":0}", EventLevel.INFO),
                Arguments.of("exit_code 0.0", "{\"exit_code\":0.0}", EventLevel.INFO),
                Arguments.of("exit_code \"0\"", "{\"exit_code\":\"0\"}", EventLevel.INFO),
                Arguments.of("exit_code \" 0 \"", "{\"exit_code\":\" 0 \"}", EventLevel.INFO),
                Arguments.of("exit_code 1", "{\"exit_code\":1}", EventLevel.WARN),
                Arguments.of("exit_code -1", "{\"exit_code\":-1}", EventLevel.WARN),
                Arguments.of("exit_code 137", "{\"service_id\":\"db\",\"exit_code\":137}", EventLevel.WARN),
                Arguments.of("exit_code \"1\"", "{\"exit_code\":\"1\"}", EventLevel.WARN),
                Arguments.of("exit_code \"SIGKILL\"", "{\"exit_code\":\"SIGKILL\"}", EventLevel.WARN),
                Arguments.of("exit_code huge", "{\"exit_code\":123456789012345678901234567890}", EventLevel.WARN));
    }

    @ParameterizedTest(name = "[{index}] service_stopped with {0}")
    @MethodSource("stoppedDetails")
    void serviceStoppedIsAWarningOnlyWithANonZeroExitCode(String name, String details, EventLevel expected) {
        TelemetryEvent e = new TelemetryEvent(Instant.EPOCH, "s", null, "service_stopped", null,
                details == null ? null : Details.parse(details));

        assertEquals(expected, e.level());
        assertFalse(e.isFailure(), "a stop is never a failure, whatever its exit code");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"plugin_load_failed", "cache_error", "worker_crashed", "sync_timeout", "license_unreachable",
            "config_missing", "x_failed", "_error"})
    void customEventsEndingInAFailureSuffixAreFailures(String name) {
        assertFailure(name);
        assertEquals(EventCategory.CUSTOM, EventCatalogue.categoryOf(name));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"user_login", "failed_login", "error_dialog_shown", "timeout_configured", "missing",
            "failed", "task_fail", "job_errors", "crashed_before", "upload_FAILED", "x_failedx", "unreachable"})
    void customEventsWithoutAFailureSuffixAreInfo(String name) {
        assertFalse(EventCatalogue.isFailure(name));
        assertEquals(EventLevel.INFO, EventCatalogue.levelOf(name));
        assertEquals(EventCategory.CUSTOM, EventCatalogue.categoryOf(name));
        assertEquals(Optional.empty(), StandardEvent.fromWireName(name));
    }

    @Test
    void theFailureRuleIsTheOneTheSummariesUse() {
        SummaryAggregator a = new SummaryAggregator("s");
        for (String name : List.of("app_start", "secrets_prompted", "service_stopped", "crash", "gpu_required_missing",
                "plugin_load_failed", "failed_login")) {
            a.add(TelemetryEvent.of(Instant.EPOCH, "s", name, Map.of("exit_code", 1)));
        }

        assertEquals(Map.of("crash", 1L, "gpu_required_missing", 1L, "plugin_load_failed", 1L),
                a.snapshot().failureCounts());
    }

    @Test
    void levelsAreOrderedAndReadFromTheirWireNames() {
        assertTrue(EventLevel.ERROR.isAtLeast(EventLevel.WARN));
        assertTrue(EventLevel.WARN.isAtLeast(EventLevel.WARN));
        assertFalse(EventLevel.INFO.isAtLeast(EventLevel.WARN));
        assertEquals(Optional.of(EventLevel.WARN), EventLevel.fromWireName(" Warning "));
        assertEquals(Optional.of(EventLevel.ERROR), EventLevel.fromWireName("ERROR"));
        assertEquals(Optional.empty(), EventLevel.fromWireName("fatal"));
        assertEquals("warn", EventLevel.WARN.wireName());
        assertEquals("lifecycle", EventCategory.LIFECYCLE.wireName());
    }

    @Test
    void everyStandardTypeIsClassifiedWhetherOrNotItIsTheCataloguesOwnString() {
        for (StandardEvent e : StandardEvent.values()) {
            String copy = new String(e.wireName().toCharArray());
            assertEquals(e.isFailure(), EventCatalogue.isFailure(e.wireName()), e.wireName());
            assertEquals(e.isFailure(), EventCatalogue.isFailure(copy), e.wireName() + " as another String");
            assertEquals(e.category(), EventCatalogue.categoryOf(copy));
        }
        // Custom types whose names share a hash slot or a prefix with standard ones are not standard.
        assertFalse(EventCatalogue.isFailure("crashes"));
        assertTrue(EventCatalogue.isFailure("crash_report_failed"));
        assertFalse(EventCatalogue.isFailure("app_start "));
        assertFalse(EventCatalogue.isFailure(""));
    }

    private static void assertFailure(String name) {
        assertTrue(EventCatalogue.isFailure(name), name + " is a failure");
        assertEquals(EventLevel.ERROR, EventCatalogue.levelOf(name));
        TelemetryEvent e = TelemetryEvent.of(Instant.EPOCH, "s", name);
        assertEquals(EventLevel.ERROR, e.level());
        assertTrue(e.isFailure());
    }
}
