package com.vrooli.telemetry.client;

import com.vrooli.telemetry.core.Details;
import com.vrooli.telemetry.core.EventLineCodec;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.util.Map;

/**
 * Turns a queued event into its stored line (the document's storage format with
 * {@code event_id}), on the background thread. Details that cannot be encoded, or a line over the
 * server's per-event limit, make the event rejected rather than failing anything. Stateless.
 */
final class EventEncoder {

    private final String scenario;
    private final String deploymentId;
    private final int maxEventBytes;

    EventEncoder(String scenario, String deploymentId, int maxEventBytes) {
        this.scenario = scenario;
        this.deploymentId = deploymentId;
        this.maxEventBytes = maxEventBytes;
    }

    /** Adds the event's line to {@code out}; returns null, or why the event was rejected. */
    String encode(PendingEvent p, LineBuffer out) {
        try {
            Details details = toDetails(p.details());
            String id = UuidV7.format(p.idHigh(), p.idLow());
            TelemetryEvent event = new TelemetryEvent(p.timestamp(), scenario, deploymentId, p.event(), id, details);
            byte[] line = EventLineCodec.encode(event);
            if (line.length - 1 > maxEventBytes) {
                return "it is " + (line.length - 1) + " bytes as a line; the limit is " + maxEventBytes;
            }
            out.addLine(line);
            return null;
        } catch (RuntimeException e) {
            return e.getMessage() != null ? e.getMessage() : e.toString();
        }
    }

    @SuppressWarnings("unchecked")
    private static Details toDetails(Object pending) {
        if (pending == null || pending instanceof Details) {
            return (Details) pending;
        }
        // DetailsSnapshot leaves only maps of String keys that cannot change.
        return Details.of((Map<String, ?>) pending);
    }
}
