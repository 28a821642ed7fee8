package com.vrooli.telemetry.core;

/** How an upload body is framed. Which media type means which framing is the HTTP adapter's business. */
public enum BodyFormat {
    /** A JSON array of events, a single event object, or the bundle envelope {@code {scenario_name, events}}. */
    JSON,
    /** One event object per line; blank lines ignored, {@code \r\n} accepted. */
    NDJSON;
}
