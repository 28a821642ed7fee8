package com.vrooli.telemetry.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decodes upload bodies and stored lines into validated events with a streaming parser: no
 * whole-body tree; details already compact in the body are copied as they are (their tokens still
 * checked), others re-encoded token by token into compact text.
 *
 * <p>Accepted shapes: a JSON array of events, a single event object, the bundle envelope
 * {@code {"scenario_name", "deployment_mode", "source", "events": [...]}}, and NDJSON. {@code ts}
 * is read as an alias of {@code timestamp}; a top-level {@code service_id} is folded into
 * {@code details}; other unknown keys are ignored. A body that cannot be read at all throws
 * {@link MalformedBodyException}; a bad event becomes an {@link EventError} and the rest go on.
 * An NDJSON line that is not JSON is an error for that line only; lines end at {@code \n},
 * {@code \r\n} or a lone {@code \r}. A field given twice (counting {@code ts} and
 * {@code timestamp} as one) is an error for its event. Bodies are UTF-8: UTF-16 and UTF-32 are
 * refused rather than guessed.
 *
 * <p>Immutable and thread-safe.
 */
public final class EventDecoder {

    private static final String UTF16_NOTE = "(UTF-16 and UTF-32 are not accepted)";
    /**
     * Most events one body may hold. A decode's memory grows with its number of events, not its
     * bytes: without this, a 4 MiB body of 1.4 million empty objects took about 150 MiB of heap.
     */
    static final int MAX_EVENTS_PER_BODY = 100_000;

    private final DecodeLimits limits;
    private final JsonFactory factory;
    /** Whether compact bodies are read without the parser first ({@link CompactBodyReader}). */
    private final boolean compactPath;

    private EventDecoder(DecodeLimits limits, boolean compactPath) {
        this.limits = limits;
        this.factory = TelemetryJson.factory(limits.maxBodyBytes());
        this.compactPath = compactPath;
    }

    /** For tests: a decoder that always uses the parser, to compare with the compact path. */
    static EventDecoder parserOnly(DecodeLimits limits) {
        return new EventDecoder(limits, false);
    }

    /** A decoder with the default limits (4 MiB bodies, 64 KiB events). */
    public static EventDecoder create() {
        return new EventDecoder(DecodeLimits.defaults(), true);
    }

    /** A decoder with the given limits. */
    public static EventDecoder create(DecodeLimits limits) {
        return new EventDecoder(Objects.requireNonNull(limits, "limits"), true);
    }

    public DecodeLimits limits() {
        return limits;
    }

    /**
     * Decodes an upload body.
     *
     * @param defaultScenario scenario for events that name none (may be null); an envelope's
     *                        {@code scenario_name} takes precedence over it
     * @param receivedAt      the time given to events without a timestamp
     * @throws MalformedBodyException when the body as a whole cannot be read
     */
    public DecodeResult decode(byte[] body, int offset, int length, BodyFormat format,
                               String defaultScenario, Instant receivedAt) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.checkFromIndexSize(offset, length, body.length);
        if (length > limits.maxBodyBytes()) {
            throw new MalformedBodyException("body is " + length + " bytes; the limit is " + limits.maxBodyBytes());
        }
        if (isBlank(body, offset, offset + length)) {
            throw new MalformedBodyException("request body is empty");
        }
        Session session = new Session(defaultScenario);
        if (format == BodyFormat.NDJSON) {
            session.readNdjson(body, offset, offset + length);
        } else {
            session.readJson(body, offset, length);
        }
        return session.finish(receivedAt);
    }

    /** Decodes a whole upload body held in an array. */
    public DecodeResult decode(byte[] body, BodyFormat format, String defaultScenario, Instant receivedAt) {
        return decode(body, 0, body.length, format, defaultScenario, receivedAt);
    }

    /**
     * Decodes one stored line (without its newline; a trailing {@code \r} is tolerated). Unlike
     * uploads, the timestamp and scenario must be present.
     *
     * @throws MalformedBodyException when the line is not a valid event
     */
    public TelemetryEvent decodeLine(byte[] buf, int offset, int length) {
        int end = offset + length;
        if (end > offset && buf[end - 1] == '\r') {
            end--;
        }
        Session session = new Session(null);
        EventDraft draft = session.readCompactLine(buf, offset, end);
        if (draft == null) {
            draft = session.readLine(buf, offset, end, 0);
        }
        if (draft == null) {
            throw new MalformedBodyException("line is empty");
        }
        if (draft.timestamp == null && draft.error == null) {
            draft.fail("timestamp is required");
        }
        // No receive time: a line read back is judged by its own timestamp, never against a clock.
        Object result = session.complete(draft, null, null, null);
        if (result instanceof EventError) {
            throw new MalformedBodyException(((EventError) result).error());
        }
        return (TelemetryEvent) result;
    }

    /** Why an event is too large to store, or null when its line fits the limit. */
    static String sizeProblem(TelemetryEvent event, DecodeLimits limits) {
        int size = EventLineCodec.encodedLength(event);
        return size <= limits.maxEventBytes()
                ? null : "event is " + size + " bytes when stored; the limit is " + limits.maxEventBytes();
    }

    /**
     * True when Jackson would read the bytes as UTF-16 or UTF-32: they start with a NUL byte in
     * the first two or a UTF-16 byte order mark. Neither can start UTF-8 JSON, and the wire
     * format is UTF-8 only.
     */
    private static boolean startsLikeUtf16Or32(byte[] b, int from, int to) {
        if (to - from < 2) {
            return false;
        }
        int b0 = b[from] & 0xff;
        int b1 = b[from + 1] & 0xff;
        return b0 == 0 || b1 == 0 || (b0 == 0xfe && b1 == 0xff) || (b0 == 0xff && b1 == 0xfe);
    }

    private static boolean isBlank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return false;
            }
        }
        return true;
    }

    /** The state of one decode call. */
    private final class Session {
        private final String callerDefaultScenario;
        private final DetailsCopier copier = new DetailsCopier(factory);
        private final RepeatedStrings repeated = new RepeatedStrings();
        private final CharSlice slice = new CharSlice();
        private final List<EventDraft> drafts = new ArrayList<>();
        private String envelopeScenario;
        private String envelopeDeployment;
        /**
         * The last scenario, event type and deployment id found valid. Repeated values are one
         * String per body (see {@link RepeatedStrings}), so the same instance again needs no check.
         */
        private String validScenario;
        private String validEvent;
        private String validDeployment;
        /** The bytes the current parser reads, from where to where: details are copied from them. */
        private byte[] source;
        private int sourceBase;
        private int sourceLimit;

        Session(String callerDefaultScenario) {
            this.callerDefaultScenario = callerDefaultScenario;
        }

        /**
         * Reads a compact body without the parser (see {@link CompactBodyReader}); false, with
         * nothing kept, when the body is not in that shape.
         */
        private boolean readCompact(byte[] body, int from, int to, boolean lines) {
            if (!compactPath) {
                return false;
            }
            CompactBodyReader reader = new CompactBodyReader(body, from, to, drafts, repeated, this::timestamp);
            if (lines ? reader.readLines() : reader.readArray()) {
                return true;
            }
            drafts.clear();
            return false;
        }

        /** One stored line read without the parser; null when it is not in the compact shape. */
        EventDraft readCompactLine(byte[] buf, int from, int to) {
            if (from < to && readCompact(buf, from, to, true) && drafts.size() == 1) {
                return drafts.remove(0);
            }
            drafts.clear();
            return null;
        }

        void readJson(byte[] body, int offset, int length) {
            if (readCompact(body, offset, offset + length, false)) {
                return;
            }
            if (startsLikeUtf16Or32(body, offset, offset + length)) {
                throw new MalformedBodyException("body is not valid UTF-8 " + UTF16_NOTE);
            }
            try (JsonParser p = parser(body, offset, length)) {
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_ARRAY) {
                    readArray(p);
                } else if (t == JsonToken.START_OBJECT) {
                    readRootObject(p);
                } else {
                    throw new MalformedBodyException("body must be a JSON array of events, an event object or an"
                            + " envelope with \"events\", got " + JsonErrors.typeName(t));
                }
                if (p.nextToken() != null) {
                    throw new MalformedBodyException("unexpected content after the JSON value");
                }
            } catch (IOException e) {
                throw new MalformedBodyException(JsonErrors.describe(e, "body"), e);
            }
        }

        private void readArray(JsonParser p) throws IOException {
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new MalformedBodyException("unexpected end of body inside the event array");
                }
                EventDraft d = new EventDraft(drafts.size());
                add(d);
                if (t == JsonToken.START_OBJECT) {
                    readEventFields(p, d);
                } else {
                    d.fail("event must be a JSON object, got " + JsonErrors.typeName(t));
                    p.skipChildren();
                }
            }
        }

        /** A root object is a single event, or an envelope when it has an {@code events} array. */
        private void readRootObject(JsonParser p) throws IOException {
            EventDraft single = new EventDraft(0);
            boolean envelope = false;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals("events")) {
                    if (envelope) {
                        throw new MalformedBodyException("field 'events' appears twice in the envelope");
                    }
                    if (v != JsonToken.START_ARRAY) {
                        throw new MalformedBodyException("envelope field 'events' must be an array, got "
                                + JsonErrors.typeName(v));
                    }
                    envelope = true;
                    readArray(p);
                } else if (name.equals("scenario_name")) {
                    if (v == JsonToken.VALUE_STRING) {
                        envelopeScenario = p.getText();
                    } else if (v != JsonToken.VALUE_NULL) {
                        throw new MalformedBodyException("envelope field 'scenario_name' must be a string, got "
                                + JsonErrors.typeName(v));
                    }
                } else {
                    readField(p, name, v, single);
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new MalformedBodyException("unexpected end of body inside an object");
            }
            if (envelope) {
                if (envelopeScenario == null) {
                    envelopeScenario = single.scenario;
                }
                envelopeDeployment = single.deploymentId;
            } else {
                drafts.add(single);
            }
        }

        void readNdjson(byte[] body, int from, int to) {
            if (readCompact(body, from, to, true)) {
                return;
            }
            if (!readNdjsonInOnePass(body, from, to)) {
                drafts.clear();
                readNdjsonLineByLine(body, from, to);
            }
        }

        /**
         * The fast path for well-formed NDJSON: one parser reads the root values in sequence. It
         * gives up (false) at the first sign that lines and values do not match one to one, or
         * at any parse error, and the caller then reads line by line to find each bad line.
         */
        private boolean readNdjsonInOnePass(byte[] body, int from, int to) {
            if (startsLikeUtf16Or32(body, from, to)) {
                return false;
            }
            try (JsonParser p = parser(body, from, to - from)) {
                int lastLine = 0;
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    int line = p.currentTokenLocation().getLineNr();
                    if (t != JsonToken.START_OBJECT || line == lastLine) {
                        return false;
                    }
                    EventDraft d = new EventDraft(drafts.size());
                    add(d);
                    readEventFields(p, d);
                    if (p.currentTokenLocation().getLineNr() != line) {
                        return false;
                    }
                    lastLine = line;
                }
                return true;
            } catch (IOException | MalformedBodyException e) {
                return false;
            }
        }

        private void readNdjsonLineByLine(byte[] body, int from, int to) {
            int lineStart = from;
            while (lineStart < to) {
                int nl = lineStart;
                // A lone \r ends a line too, as it does for the one-pass parser's line count.
                while (nl < to && body[nl] != '\n' && body[nl] != '\r') {
                    nl++;
                }
                EventDraft d = readLine(body, lineStart, nl, drafts.size());
                if (d != null) {
                    add(d);
                }
                lineStart = nl + 1;
            }
        }

        /** Reads one NDJSON line; null when it is blank. Never throws for bad content. */
        EventDraft readLine(byte[] buf, int from, int to, int index) {
            if (isBlank(buf, from, to)) {
                return null;
            }
            EventDraft d = new EventDraft(index);
            if (startsLikeUtf16Or32(buf, from, to)) {
                d.fail("line is not valid UTF-8 " + UTF16_NOTE);
                return d;
            }
            try (JsonParser p = parser(buf, from, to - from)) {
                JsonToken t = p.nextToken();
                if (t != JsonToken.START_OBJECT) {
                    d.fail("event must be a JSON object, got " + JsonErrors.typeName(t));
                    return d;
                }
                readEventFields(p, d);
                if (p.nextToken() != null) {
                    d.fail("unexpected content after the event on its line");
                }
            } catch (IOException e) {
                d.error = JsonErrors.describeLine(e);
            } catch (MalformedBodyException e) {
                d.error = e.getMessage();
            }
            return d;
        }

        private JsonParser parser(byte[] buf, int offset, int length) throws IOException {
            source = buf;
            sourceBase = offset;
            sourceLimit = offset + length;
            return factory.createParser(buf, offset, length);
        }

        private void readEventFields(JsonParser p, EventDraft d) throws IOException {
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                readField(p, name, p.nextToken(), d);
            }
            if (t != JsonToken.END_OBJECT) {
                throw new MalformedBodyException("unexpected end of body inside an event");
            }
        }

        private void readField(JsonParser p, String name, JsonToken v, EventDraft d) throws IOException {
            int bit = fieldBit(name);
            if (bit == 0) {
                p.skipChildren();
                return;
            }
            if (!d.firstSighting(bit, name)) {
                // Consume the repeated value, or its inner keys would be read as the event's own.
                p.skipChildren();
                return;
            }
            switch (bit) {
                case EventDraft.F_SCENARIO:
                    d.scenario = repeatedString(p, v, d, name);
                    break;
                case EventDraft.F_DEPLOYMENT:
                    d.deploymentId = repeatedString(p, v, d, name);
                    break;
                case EventDraft.F_EVENT:
                    d.event = repeatedString(p, v, d, name);
                    break;
                case EventDraft.F_EVENT_ID:
                    d.eventId = string(p, v, d, name);
                    break;
                case EventDraft.F_TIMESTAMP:
                case EventDraft.F_TS:
                    d.timestamp = timestamp(p, v, d, name);
                    break;
                case EventDraft.F_DETAILS:
                    readDetails(p, v, d);
                    break;
                case EventDraft.F_SERVICE_ID:
                    d.serviceId = v == JsonToken.VALUE_NUMBER_INT ? p.getText() : string(p, v, d, name);
                    break;
                default:
                    throw new IllegalStateException("no reader for field " + name);
            }
        }

        /** The bit of a known top-level field; 0 for keys that are ignored. */
        private int fieldBit(String name) {
            switch (name) {
                case "scenario":
                    return EventDraft.F_SCENARIO;
                case "deployment_id":
                    return EventDraft.F_DEPLOYMENT;
                case "event":
                    return EventDraft.F_EVENT;
                case "event_id":
                    return EventDraft.F_EVENT_ID;
                case "timestamp":
                    return EventDraft.F_TIMESTAMP;
                case "ts":
                    return EventDraft.F_TS;
                case "details":
                    return EventDraft.F_DETAILS;
                case "service_id":
                    return EventDraft.F_SERVICE_ID;
                default:
                    return 0;
            }
        }

        private String string(JsonParser p, JsonToken v, EventDraft d, String field) throws IOException {
            if (v == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            if (v != JsonToken.VALUE_NULL) {
                d.fail(field + " must be a string, got " + JsonErrors.typeName(v));
                p.skipChildren();
            }
            return null;
        }

        /** As {@link #string}, for values that repeat through a body: one String per distinct value. */
        private String repeatedString(JsonParser p, JsonToken v, EventDraft d, String field) throws IOException {
            if (v == JsonToken.VALUE_STRING) {
                return repeated.get(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            }
            return string(p, v, d, field);
        }

        private Instant timestamp(JsonParser p, JsonToken v, EventDraft d, String field) throws IOException {
            if (v != JsonToken.VALUE_STRING) {
                string(p, v, d, field);
                return null;
            }
            // Read in place: a timestamp is used once, so it is not worth a String.
            return timestamp(slice.set(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()), d, field);
        }

        /** The time a timestamp's text gives, or null with the problem recorded in the draft. */
        private Instant timestamp(CharSequence text, EventDraft d, String field) {
            try {
                return Timestamps.parse(text);
            } catch (DateTimeParseException | ArithmeticException e) {
                d.fail(field + " '" + JsonErrors.quote(text.toString())
                        + "' is not an ISO-8601 time with a zone, such as 2025-01-15T12:00:00Z");
                return null;
            }
        }

        private void readDetails(JsonParser p, JsonToken v, EventDraft d) throws IOException {
            if (v == JsonToken.START_OBJECT) {
                Details details = copier.copyObject(p, source, sourceBase, sourceLimit);
                if (copier.problem() != null) {
                    d.fail(copier.problem());
                } else {
                    d.details = details;
                }
            } else if (v != JsonToken.VALUE_NULL) {
                d.fail("details must be a JSON object, got " + JsonErrors.typeName(v));
                p.skipChildren();
            }
        }

        /** Keeps one more event of the body, or refuses the body once it holds too many. */
        private void add(EventDraft d) {
            if (drafts.size() >= MAX_EVENTS_PER_BODY) {
                throw new MalformedBodyException("body holds more than " + MAX_EVENTS_PER_BODY
                        + " events; send them in smaller batches");
            }
            drafts.add(d);
        }

        DecodeResult finish(Instant receivedAt) {
            String defaultScenario = envelopeScenario != null ? envelopeScenario : callerDefaultScenario;
            List<TelemetryEvent> events = new ArrayList<>(drafts.size());
            List<EventError> errors = new ArrayList<>();
            for (EventDraft d : drafts) {
                Object result = complete(d, defaultScenario, envelopeDeployment, receivedAt);
                if (result instanceof TelemetryEvent) {
                    events.add((TelemetryEvent) result);
                } else {
                    errors.add((EventError) result);
                }
            }
            return new DecodeResult(drafts.size(), events, errors);
        }

        /** The event, or an {@link EventError} saying why the draft is not one. */
        Object complete(EventDraft d, String defaultScenario, String defaultDeployment, Instant receivedAt) {
            if (d.error != null) {
                return new EventError(d.index, d.error);
            }
            String scenario = d.scenario != null ? d.scenario : defaultScenario;
            String problem = scenario == null
                    ? "scenario is required (in the event, the envelope's scenario_name, or ?scenario=)"
                    : scenario == validScenario ? null : EventRules.scenarioProblem(scenario);
            if (problem == null) {
                validScenario = scenario;
                problem = d.event != null && d.event == validEvent ? null : EventRules.eventProblem(d.event);
            }
            String deploymentId = d.deploymentId != null ? d.deploymentId : defaultDeployment;
            if (problem == null) {
                validEvent = d.event;
                if (deploymentId != null && deploymentId != validDeployment) {
                    problem = EventRules.deploymentIdProblem(deploymentId);
                    validDeployment = problem == null ? deploymentId : validDeployment;
                }
            }
            if (problem == null && d.eventId != null) {
                problem = EventRules.eventIdProblem(d.eventId);
            }
            if (problem != null) {
                return new EventError(d.index, problem);
            }
            Details details = d.details;
            if (d.serviceId != null) {
                details = withServiceId(details, d.serviceId);
            }
            Instant ts = d.timestamp != null ? d.timestamp : receivedAt;
            String tooFarAhead = receivedAt == null ? null : limits.futureProblem(ts, receivedAt);
            if (tooFarAhead != null) {
                return new EventError(d.index, tooFarAhead);
            }
            // Every name was checked above, so the event is made without checking them again.
            TelemetryEvent event = TelemetryEvent.checked(ts, scenario, deploymentId, d.event, d.eventId, details);
            String tooLarge = sizeProblem(event, limits);
            return tooLarge == null ? event : new EventError(d.index, tooLarge);
        }

        /** Folds a top-level service_id into details unless details already carry one. */
        private Details withServiceId(Details details, String serviceId) {
            if (details != null && details.asMap().containsKey("service_id")) {
                return details;
            }
            ByteArrayBuilder out = new ByteArrayBuilder(64 + (details == null ? 0 : details.byteLength()));
            try (JsonGenerator g = factory.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("service_id", Utf16.replaceUnpaired(serviceId));
                g.writeEndObject();
            } catch (IOException e) {
                throw new IllegalStateException("cannot encode service_id", e);
            }
            byte[] head = out.toByteArray();
            if (details == null || details.byteLength() <= 2) {
                return Details.trusted(head);
            }
            byte[] body = details.bytes();
            byte[] merged = new byte[head.length - 1 + 1 + body.length - 1];
            System.arraycopy(head, 0, merged, 0, head.length - 1);
            merged[head.length - 1] = ',';
            System.arraycopy(body, 1, merged, head.length, body.length - 1);
            return Details.trusted(merged);
        }
    }
}
