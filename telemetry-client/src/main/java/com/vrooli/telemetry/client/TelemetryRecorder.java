package com.vrooli.telemetry.client;

import com.vrooli.telemetry.core.StandardEvent;
import java.util.Collection;
import java.util.Map;

/**
 * Records deployment telemetry events: {@link #record(String, Map)} plus one typed method per
 * standard event of the API document, with the document's detail keys. Null arguments are left
 * out of the details. {@link TelemetryClient} is the implementation; apps may implement this
 * interface in their own tests.
 *
 * <p>Implementations never throw from these methods and never block the caller.
 */
public interface TelemetryRecorder {

    /**
     * Records one event. {@code details} may be null; its values may be strings, numbers,
     * booleans, null, maps, iterables and arrays of those (anything else is written with
     * {@code toString()}). The map is read later on another thread: do not change it afterwards.
     * An invalid event name or details that cannot be encoded make the event rejected (counted,
     * with a rate-limited warning), never an exception.
     */
    void record(String event, Map<String, ?> details);

    /** Records an event without details. */
    default void record(String event) {
        record(event, null);
    }

    // ---- lifecycle ----

    /** {@code app_start}: the application launched. */
    default void appStart(String version, String platform, String mode) {
        record(StandardEvent.APP_START.wireName(),
                EventDetails.of("version", version, "platform", platform, "mode", mode));
    }

    /** {@code ready}: all services are ready after {@code startupMs}. */
    default void ready(long startupMs, Collection<String> services) {
        record(StandardEvent.READY.wireName(), EventDetails.of("startup_ms", startupMs,
                "services", EventDetails.list(services)));
    }

    /** {@code shutdown}: a clean shutdown. */
    default void shutdown(String reason, long uptimeMs) {
        record(StandardEvent.SHUTDOWN.wireName(), EventDetails.of("reason", reason, "uptime_ms", uptimeMs));
    }

    /** {@code crash}: unexpected termination, with the error and its stack trace (both cut to a bounded size). */
    default void crash(Throwable error) {
        record(StandardEvent.CRASH.wireName(), EventDetails.crash(error));
    }

    // ---- services ----

    /** {@code service_started}. */
    default void serviceStarted(String serviceId, long pid, int port) {
        record(StandardEvent.SERVICE_STARTED.wireName(),
                EventDetails.of("service_id", serviceId, "pid", pid, "port", port));
    }

    /** {@code service_stopped}; a non-zero exit code makes it a warning. */
    default void serviceStopped(String serviceId, int exitCode) {
        record(StandardEvent.SERVICE_STOPPED.wireName(), EventDetails.of("service_id", serviceId, "exit_code", exitCode));
    }

    /** {@code service_crashed}. */
    default void serviceCrashed(String serviceId, String error) {
        record(StandardEvent.SERVICE_CRASHED.wireName(), EventDetails.of("service_id", serviceId, "error", error));
    }

    /** {@code dependency_unreachable}. */
    default void dependencyUnreachable(String serviceId, String dependency, String reason) {
        record(StandardEvent.DEPENDENCY_UNREACHABLE.wireName(),
                EventDetails.of("service_id", serviceId, "dependency", dependency, "reason", reason));
    }

    // ---- data ----

    /** {@code migration_started}; {@code direction} is typically {@code up} or {@code down}. */
    default void migrationStarted(String version, String direction) {
        record(StandardEvent.MIGRATION_STARTED.wireName(), EventDetails.of("version", version, "direction", direction));
    }

    /** {@code migration_completed}. */
    default void migrationCompleted(String version, long durationMs) {
        record(StandardEvent.MIGRATION_COMPLETED.wireName(),
                EventDetails.of("version", version, "duration_ms", durationMs));
    }

    /** {@code migration_failed}. */
    default void migrationFailed(String version, String error) {
        record(StandardEvent.MIGRATION_FAILED.wireName(), EventDetails.of("version", version, "error", error));
    }

    // ---- secrets ----

    /** {@code secrets_generated}: per-install secrets were created. */
    default void secretsGenerated(Collection<String> secretIds) {
        record(StandardEvent.SECRETS_GENERATED.wireName(), secretIds(secretIds));
    }

    /** {@code secrets_prompted}: the user was asked for secrets. */
    default void secretsPrompted(Collection<String> secretIds) {
        record(StandardEvent.SECRETS_PROMPTED.wireName(), secretIds(secretIds));
    }

    /** {@code secrets_missing}: required secrets were not provided. */
    default void secretsMissing(Collection<String> secretIds) {
        record(StandardEvent.SECRETS_MISSING.wireName(), secretIds(secretIds));
    }

    private static Map<String, Object> secretIds(Collection<String> ids) {
        return EventDetails.of("secret_ids", EventDetails.list(ids));
    }

    // ---- updates ----

    /** {@code update_check_started}. */
    default void updateCheckStarted(String channel, String currentVersion) {
        record(StandardEvent.UPDATE_CHECK_STARTED.wireName(),
                EventDetails.of("channel", channel, "current_version", currentVersion));
    }

    /** {@code update_available}. */
    default void updateAvailable(String newVersion, String channel) {
        record(StandardEvent.UPDATE_AVAILABLE.wireName(), EventDetails.of("new_version", newVersion, "channel", channel));
    }

    /** {@code update_downloaded}. */
    default void updateDownloaded(String version, long sizeBytes) {
        record(StandardEvent.UPDATE_DOWNLOADED.wireName(), EventDetails.of("version", version, "size_bytes", sizeBytes));
    }

    /** {@code update_installed}. */
    default void updateInstalled(String version, boolean restartRequired) {
        record(StandardEvent.UPDATE_INSTALLED.wireName(),
                EventDetails.of("version", version, "restart_required", restartRequired));
    }

    /** {@code update_error}; {@code stage} says where it failed (check, download, install...). */
    default void updateError(String error, String stage) {
        record(StandardEvent.UPDATE_ERROR.wireName(), EventDetails.of("error", error, "stage", stage));
    }

    // ---- health ----

    /** {@code health_check_failed}. */
    default void healthCheckFailed(String serviceId, String checkType, String error) {
        record(StandardEvent.HEALTH_CHECK_FAILED.wireName(),
                EventDetails.of("service_id", serviceId, "check_type", checkType, "error", error));
    }

    /** {@code readiness_timeout}: a service did not become ready within {@code timeoutMs}. */
    default void readinessTimeout(String serviceId, long timeoutMs) {
        record(StandardEvent.READINESS_TIMEOUT.wireName(),
                EventDetails.of("service_id", serviceId, "timeout_ms", timeoutMs));
    }
}
