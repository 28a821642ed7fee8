package com.vrooli.telemetry.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The standard event catalogue: every event type of the API document's tables, plus the failure
 * events that bundle runtimes already emit. Each has a category, the detail keys the document
 * lists for it, and a base level.
 *
 * <p>The level of a single event can depend on its details ({@code service_stopped} with a
 * non-zero {@code exit_code} is a warning): use {@link EventCatalogue#levelOf} for that.
 */
public enum StandardEvent {
    // Lifecycle
    APP_START("app_start", EventCategory.LIFECYCLE, EventLevel.INFO, "version", "platform", "mode"),
    READY("ready", EventCategory.LIFECYCLE, EventLevel.INFO, "startup_ms", "services"),
    SHUTDOWN("shutdown", EventCategory.LIFECYCLE, EventLevel.INFO, "reason", "uptime_ms"),
    CRASH("crash", EventCategory.LIFECYCLE, EventLevel.ERROR, "error", "stack"),
    // Service
    SERVICE_STARTED("service_started", EventCategory.SERVICE, EventLevel.INFO, "service_id", "pid", "port"),
    SERVICE_STOPPED("service_stopped", EventCategory.SERVICE, EventLevel.INFO, "service_id", "exit_code"),
    SERVICE_CRASHED("service_crashed", EventCategory.SERVICE, EventLevel.ERROR, "service_id", "error"),
    DEPENDENCY_UNREACHABLE("dependency_unreachable", EventCategory.SERVICE, EventLevel.ERROR,
            "service_id", "dependency", "reason"),
    // Data
    MIGRATION_STARTED("migration_started", EventCategory.DATA, EventLevel.INFO, "version", "direction"),
    MIGRATION_COMPLETED("migration_completed", EventCategory.DATA, EventLevel.INFO, "version", "duration_ms"),
    MIGRATION_FAILED("migration_failed", EventCategory.DATA, EventLevel.ERROR, "version", "error"),
    // Secrets
    SECRETS_GENERATED("secrets_generated", EventCategory.SECRET, EventLevel.INFO, "secret_ids"),
    SECRETS_PROMPTED("secrets_prompted", EventCategory.SECRET, EventLevel.WARN, "secret_ids"),
    SECRETS_MISSING("secrets_missing", EventCategory.SECRET, EventLevel.ERROR, "secret_ids"),
    // Updates
    UPDATE_CHECK_STARTED("update_check_started", EventCategory.UPDATE, EventLevel.INFO, "channel", "current_version"),
    UPDATE_AVAILABLE("update_available", EventCategory.UPDATE, EventLevel.INFO, "new_version", "channel"),
    UPDATE_DOWNLOADED("update_downloaded", EventCategory.UPDATE, EventLevel.INFO, "version", "size_bytes"),
    UPDATE_INSTALLED("update_installed", EventCategory.UPDATE, EventLevel.INFO, "version", "restart_required"),
    UPDATE_ERROR("update_error", EventCategory.UPDATE, EventLevel.ERROR, "error", "stage"),
    // Health
    HEALTH_CHECK_FAILED("health_check_failed", EventCategory.HEALTH, EventLevel.ERROR,
            "service_id", "check_type", "error"),
    READINESS_TIMEOUT("readiness_timeout", EventCategory.HEALTH, EventLevel.ERROR, "service_id", "timeout_ms"),

    // Failure events that bundle runtimes emit today (not in the document's tables).
    RUNTIME_ERROR("runtime_error", EventCategory.LIFECYCLE, EventLevel.ERROR),
    SERVICE_START_FAILED("service_start_failed", EventCategory.SERVICE, EventLevel.ERROR),
    SERVICE_NOT_READY("service_not_ready", EventCategory.SERVICE, EventLevel.ERROR),
    ASSET_MISSING("asset_missing", EventCategory.LIFECYCLE, EventLevel.ERROR),
    ASSET_CHECKSUM_MISMATCH("asset_checksum_mismatch", EventCategory.LIFECYCLE, EventLevel.ERROR),
    SWAP_MISSING_ASSET("swap_missing_asset", EventCategory.UPDATE, EventLevel.ERROR),
    API_UNREACHABLE("api_unreachable", EventCategory.SERVICE, EventLevel.ERROR),
    HEALTH_FAILED("health_failed", EventCategory.HEALTH, EventLevel.ERROR),
    SECRETS_GENERATION_FAILED("secrets_generation_failed", EventCategory.SECRET, EventLevel.ERROR),
    GPU_REQUIRED_MISSING("gpu_required_missing", EventCategory.LIFECYCLE, EventLevel.ERROR);

    private static final Map<String, StandardEvent> BY_NAME = new HashMap<>();

    static {
        for (StandardEvent e : values()) {
            BY_NAME.put(e.wireName, e);
        }
    }

    private final String wireName;
    private final EventCategory category;
    private final EventLevel baseLevel;
    private final List<String> detailKeys;

    StandardEvent(String wireName, EventCategory category, EventLevel baseLevel, String... detailKeys) {
        this.wireName = wireName;
        this.category = category;
        this.baseLevel = baseLevel;
        this.detailKeys = List.of(detailKeys);
    }

    /** The event type as it appears on the wire, e.g. {@code migration_failed}. */
    public String wireName() {
        return wireName;
    }

    public EventCategory category() {
        return category;
    }

    /** The level of this event type before any detail-dependent adjustment. */
    public EventLevel baseLevel() {
        return baseLevel;
    }

    /** The detail keys the API document lists for this event (empty for runtime-only events). */
    public List<String> detailKeys() {
        return detailKeys;
    }

    /** True for the failure types: they are counted in {@code failure_counts}. */
    public boolean isFailure() {
        return baseLevel == EventLevel.ERROR;
    }

    /** Looks up a standard event by its wire name; empty for custom events. */
    public static Optional<StandardEvent> fromWireName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
