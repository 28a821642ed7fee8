package com.vrooli.telemetry.core;

import java.util.Locale;

/** How a deployment is doing, as the fleet view shows it (see {@link DeploymentState#status}). */
public enum DeploymentStatus {
    /** Heard from lately, and no failure since it last started. */
    OK,
    /** Heard from lately, and a failure came at or after its last {@code app_start} (or it never started). */
    FAILING,
    /** Nothing arrived from it for longer than the silence threshold. */
    SILENT;

    /** The wire name: {@code ok}, {@code failing}, {@code silent}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
