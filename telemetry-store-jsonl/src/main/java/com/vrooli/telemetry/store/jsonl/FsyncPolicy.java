package com.vrooli.telemetry.store.jsonl;

/**
 * When {@link JsonlTelemetryStore} forces appended lines to the disk before an append returns.
 */
public enum FsyncPolicy {
    /** Every append forces its own write before it returns; no sharing. Safest and slowest. */
    ALWAYS,
    /**
     * The default. An append returns only after its write was forced, but appends to the same
     * scenario that are in flight together share one force (group commit).
     */
    BATCH,
    /**
     * Never forces: an append returns once the operating system has the bytes. A process crash
     * loses nothing, a power loss may lose the last seconds.
     */
    NEVER
}
