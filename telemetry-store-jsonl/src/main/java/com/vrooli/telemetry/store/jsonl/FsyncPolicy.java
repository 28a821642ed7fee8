package com.vrooli.telemetry.store.jsonl;

/**
 * When {@link JsonlTelemetryStore} forces appended lines to the disk before an append returns.
 */
public enum FsyncPolicy {
    /**
     * Every append forces its own scenario files before it returns; no sharing, no journal. The
     * slowest: one force per scenario part.
     */
    ALWAYS,
    /**
     * The default. An append writes its lines to the scenario files and one record to the store-wide
     * write-ahead journal, and returns once that record is forced: appends in flight together,
     * whatever their scenarios, share one force (group commit). The scenario files are forced
     * behind; after a crash, the journal is replayed into them on open. As durable as
     * {@link #ALWAYS}: an acknowledged event survives a power loss.
     */
    BATCH,
    /**
     * Never forces: an append returns once the operating system has the bytes. A process crash
     * loses nothing, a power loss may lose the last seconds.
     */
    NEVER
}
