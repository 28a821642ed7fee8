package com.vrooli.telemetry.client;

/** Why an event recorded by the app was dropped before it could be uploaded. */
public enum DropReason {
    /** The in-memory queue was full: the app recorded faster than the client could write the file. */
    QUEUE_FULL,
    /** The local file reached its size cap and this, one of the oldest unsent events, was removed. */
    SPOOL_FULL,
    /** The local file could not be written (disk full, no permission, locked too long). */
    SPOOL_ERROR,
    /** The event was recorded after {@link TelemetryClient#close()}. */
    CLOSED
}
