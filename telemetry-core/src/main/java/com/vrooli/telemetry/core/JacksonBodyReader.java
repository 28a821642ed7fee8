package com.vrooli.telemetry.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Jackson path of {@link EventDecoder}: reads, with the streaming parser, every body the
 * compact path ({@link CompactBodyReader}) does not take (pretty-printed or escaped text, unknown
 * keys, envelopes, single objects, bad input), and words every error. Details are re-encoded token
 * by token into compact text ({@link DetailsCopier}). One instance per decode call; not thread-safe.
 */
final class JacksonBodyReader {

    private static final String UTF16_NOTE = "(UTF-16 and UTF-32 are not accepted)";

    private final JsonFactory factory;
    private final DetailsCopier copier;
    private final RepeatedStrings repeated;
    private final TextSlice slice = new TextSlice();
    private final List<EventDraft> drafts = new ArrayList<>();
    private String envelopeScenario;
    private String envelopeDeployment;
    JacksonBodyReader(JsonFactory factory, RepeatedStrings repeated) {
        this.factory = factory;
        this.copier = new DetailsCopier(factory);
        this.repeated = repeated;
    }

    /** What was read: the drafts in body order and the envelope's defaults, if any. */
    BodyDrafts result() {
        return new BodyDrafts(drafts, envelopeScenario, envelopeDeployment);
    }

    /** Reads a JSON body: an array of events, one event, or the envelope. */
    void readJson(byte[] body, int offset, int length) {
        if (Utf16.startsLikeUtf16Or32(body, offset, offset + length)) {
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

    /** Reads an NDJSON body; a line that is not an event object is an error for that line only. */
    void readNdjson(byte[] body, int from, int to) {
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
        if (Utf16.startsLikeUtf16Or32(body, from, to)) {
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
        if (EventDecoder.isBlank(buf, from, to)) {
            return null;
        }
        EventDraft d = new EventDraft(index);
        if (Utf16.startsLikeUtf16Or32(buf, from, to)) {
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
        int bit = EventDraft.fieldBit(name);
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
            case EventDraft.F_SCENARIO -> d.scenario = repeatedString(p, v, d, name);
            case EventDraft.F_DEPLOYMENT -> d.deploymentId = repeatedString(p, v, d, name);
            case EventDraft.F_EVENT -> d.event = repeatedString(p, v, d, name);
            case EventDraft.F_EVENT_ID -> d.eventId = string(p, v, d, name);
            case EventDraft.F_TIMESTAMP, EventDraft.F_TS -> d.timestamp = timestamp(p, v, d, name);
            case EventDraft.F_DETAILS -> readDetails(p, v, d);
            case EventDraft.F_SERVICE_ID ->
                    d.serviceId = v == JsonToken.VALUE_NUMBER_INT ? p.getText() : string(p, v, d, name);
            default -> throw new IllegalStateException("no reader for field " + name);
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
        return d.parseTimestamp(slice.set(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()), field);
    }

    private void readDetails(JsonParser p, JsonToken v, EventDraft d) throws IOException {
        if (v == JsonToken.START_OBJECT) {
            Details details = copier.copyObject(p);
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
        if (drafts.size() >= EventDecoder.MAX_EVENTS_PER_BODY) {
            throw new MalformedBodyException("body holds more than " + EventDecoder.MAX_EVENTS_PER_BODY
                    + " events; send them in smaller batches");
        }
        drafts.add(d);
    }
}
