package com.vrooli.telemetry.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of the HTTP API's answers, written and read in one place so that the server, the CLI
 * and the client agree on every field name. Field names follow the API document. Thread-safe.
 */
public final class WireJson {

    private WireJson() {
    }

    /**
     * How many per-event errors an upload answer lists at most; {@code events_rejected} still
     * counts them all. A 4 MiB body of 1.4 million empty objects would otherwise be answered with
     * some 150 MB of errors, built in memory first.
     */
    static final int MAX_LISTED_ERRORS = 1000;

    /**
     * {@code {"status":"accepted","events_received":N,"events_stored":N,...}}; the {@code errors}
     * list holds the first {@link #MAX_LISTED_ERRORS}.
     */
    public static byte[] ingestResult(IngestResult r) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("status", r.status().wireName());
            g.writeNumberField("events_received", r.received());
            g.writeNumberField("events_stored", r.stored());
            if (r.duplicates() > 0) {
                g.writeNumberField("duplicates", r.duplicates());
            }
            if (r.rejected() > 0) {
                g.writeNumberField("events_rejected", r.rejected());
                g.writeArrayFieldStart("errors");
                for (EventError e : r.errors().subList(0, Math.min(r.errors().size(), MAX_LISTED_ERRORS))) {
                    g.writeStartObject();
                    g.writeNumberField("index", e.index());
                    g.writeStringField("error", e.error());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        });
    }

    /** {@code {"scenarios":[...],"total_scenarios":N}}. */
    public static byte[] summaries(List<ScenarioSummary> summaries) {
        return write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("scenarios");
            for (ScenarioSummary s : summaries) {
                writeSummary(g, s);
            }
            g.writeEndArray();
            g.writeNumberField("total_scenarios", summaries.size());
            g.writeEndObject();
        });
    }

    /** One scenario's summary object. */
    public static byte[] summary(ScenarioSummary s) {
        return write(g -> writeSummary(g, s));
    }

    /** {@code {"events":[...],"next_cursor":...}}. */
    public static byte[] eventPage(EventPage page) {
        return write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("events");
            for (TelemetryEvent e : page.events()) {
                writeEvent(g, e);
            }
            g.writeEndArray();
            if (page.nextCursor() == null) {
                g.writeNullField("next_cursor");
            } else {
                g.writeStringField("next_cursor", page.nextCursor());
            }
            g.writeEndObject();
        });
    }

    /** One event as the API shows it: upload field names plus its {@code level}. */
    public static byte[] event(TelemetryEvent e) {
        return write(g -> writeEvent(g, e));
    }

    /** {@code {"status":"error","error":"..."}}. */
    public static byte[] error(String message) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("status", "error");
            g.writeStringField("error", message);
            g.writeEndObject();
        });
    }

    private static void writeSummary(JsonGenerator g, ScenarioSummary s) throws IOException {
        g.writeStartObject();
        g.writeStringField("scenario", s.scenario());
        g.writeNumberField("total_events", s.totalEvents());
        if (s.lastEvent() == null) {
            g.writeNullField("last_event");
        } else {
            g.writeStringField("last_event", Timestamps.format(s.lastEvent()));
        }
        g.writeObjectFieldStart("failure_counts");
        for (Map.Entry<String, Long> e : s.failureCounts().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("recent_failures");
        for (FailureEntry f : s.recentFailures()) {
            g.writeStartObject();
            g.writeStringField("timestamp", Timestamps.format(f.timestamp()));
            g.writeStringField("event", f.event());
            if (f.deploymentId() != null) {
                g.writeStringField("deployment_id", f.deploymentId());
            }
            if (f.details() != null) {
                g.writeFieldName("details");
                f.details().writeRaw(g);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeEvent(JsonGenerator g, TelemetryEvent e) throws IOException {
        g.writeStartObject();
        g.writeStringField("timestamp", Timestamps.format(e.timestamp()));
        g.writeStringField("scenario", e.scenario());
        if (e.deploymentId() != null) {
            g.writeStringField("deployment_id", e.deploymentId());
        }
        g.writeStringField("event", e.event());
        if (e.eventId() != null) {
            g.writeStringField("event_id", e.eventId());
        }
        g.writeStringField("level", e.level().wireName());
        if (e.details() != null) {
            g.writeFieldName("details");
            e.details().writeRaw(g);
        }
        g.writeEndObject();
    }

    // ---- reading answers (for the CLI and the client) ----

    /**
     * Reads a summaries answer.
     *
     * @throws MalformedBodyException when the JSON is not such an answer
     */
    public static List<ScenarioSummary> readSummaries(byte[] json) {
        JsonNode root = tree(json);
        JsonNode list = root.path("scenarios");
        if (!list.isArray()) {
            throw new MalformedBodyException("answer has no 'scenarios' array");
        }
        List<ScenarioSummary> out = new ArrayList<>();
        for (JsonNode s : list) {
            out.add(summaryOf(s));
        }
        return out;
    }

    /** Reads one summary object. */
    public static ScenarioSummary readSummary(byte[] json) {
        return summaryOf(tree(json));
    }

    /** Reads an events page answer. */
    public static EventPage readEventPage(byte[] json) {
        JsonNode root = tree(json);
        JsonNode list = root.path("events");
        if (!list.isArray()) {
            throw new MalformedBodyException("answer has no 'events' array");
        }
        List<TelemetryEvent> events = new ArrayList<>();
        for (JsonNode e : list) {
            events.add(eventOf(e));
        }
        JsonNode next = root.path("next_cursor");
        return new EventPage(events, next.isTextual() ? next.asText() : null);
    }

    /** Reads an error answer's message, or null when the JSON is not one. */
    public static String readError(byte[] json) {
        try {
            JsonNode root = tree(json);
            JsonNode error = root.path("error");
            return error.isTextual() ? error.asText() : null;
        } catch (MalformedBodyException e) {
            return null;
        }
    }

    private static ScenarioSummary summaryOf(JsonNode s) {
        try {
            Map<String, Long> counts = new LinkedHashMap<>();
            s.path("failure_counts").properties().forEach(f -> counts.put(f.getKey(), f.getValue().asLong()));
            List<FailureEntry> recent = new ArrayList<>();
            for (JsonNode f : s.path("recent_failures")) {
                recent.add(new FailureEntry(Timestamps.parse(f.path("timestamp").asText()), f.path("event").asText(),
                        textOrNull(f.path("deployment_id")), null, detailsOf(f.path("details"))));
            }
            JsonNode last = s.path("last_event");
            Instant lastEvent = last.isTextual() ? Timestamps.parse(last.asText()) : null;
            return new ScenarioSummary(s.path("scenario").asText(), s.path("total_events").asLong(), lastEvent,
                    counts, recent);
        } catch (RuntimeException e) {
            throw new MalformedBodyException("answer is not a scenario summary: " + e.getMessage(), e);
        }
    }

    private static TelemetryEvent eventOf(JsonNode e) {
        try {
            return new TelemetryEvent(Timestamps.parse(e.path("timestamp").asText()), e.path("scenario").asText(),
                    textOrNull(e.path("deployment_id")), e.path("event").asText(), textOrNull(e.path("event_id")),
                    detailsOf(e.path("details")));
        } catch (RuntimeException ex) {
            throw new MalformedBodyException("answer holds an invalid event: " + ex.getMessage(), ex);
        }
    }

    private static Details detailsOf(JsonNode n) {
        return n.isObject() ? Details.parse(n.toString()) : null;
    }

    private static String textOrNull(JsonNode n) {
        return n.isTextual() ? n.asText() : null;
    }

    private static JsonNode tree(byte[] json) {
        try {
            return TelemetryJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new MalformedBodyException(JsonErrors.describe(e, "answer"), e);
        }
    }

    @FunctionalInterface
    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Writer w) {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator g = TelemetryJson.defaultFactory().createGenerator(out)) {
            w.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
