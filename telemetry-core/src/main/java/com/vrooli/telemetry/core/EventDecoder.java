package com.vrooli.telemetry.core;

import com.fasterxml.jackson.core.JsonFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decodes upload bodies and stored lines into validated events, by one of two paths: the compact
 * fast path ({@link CompactBodyReader}) reads the shape clients write without a parser; anything
 * else goes through Jackson's streaming parser ({@link JacksonBodyReader}), no whole-body tree.
 * Both make drafts that {@link DraftCompleter} turns into events or per-event errors, so both
 * decide alike ({@code CompactPathEquivalenceTest}).
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
        return create(DecodeLimits.defaults());
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
        RepeatedStrings repeated = new RepeatedStrings();
        boolean lines = format == BodyFormat.NDJSON;
        BodyDrafts drafts = readCompact(body, offset, offset + length, lines, repeated);
        if (drafts == null) {
            JacksonBodyReader reader = new JacksonBodyReader(factory, repeated);
            if (lines) {
                reader.readNdjson(body, offset, offset + length);
            } else {
                reader.readJson(body, offset, length);
            }
            drafts = reader.result();
        }
        return new DraftCompleter(limits, factory).finish(drafts, defaultScenario, receivedAt);
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
        return lineDecoder().decode(buf, offset, length);
    }

    /**
     * A decoder of many stored lines that decides each as {@link #decodeLine} does, keeping its
     * buffers and the names it has checked from one line to the next: for reading files back.
     * Not thread-safe: one per reading thread.
     */
    public StoredLineDecoder lineDecoder() {
        return new StoredLineDecoder(limits, factory, compactPath);
    }

    /** The drafts of a body in the compact shape, read without the parser; null when it is not in it. */
    private BodyDrafts readCompact(byte[] body, int from, int to, boolean lines, RepeatedStrings repeated) {
        if (!compactPath) {
            return null;
        }
        List<EventDraft> drafts = new ArrayList<>();
        CompactBodyReader reader = new CompactBodyReader(body, from, to, drafts, repeated);
        return (lines ? reader.readLines() : reader.readArray()) ? new BodyDrafts(drafts, null, null) : null;
    }

    /** Why an event is too large to store, or null when its line fits the limit. */
    static String sizeProblem(TelemetryEvent event, DecodeLimits limits) {
        int size = EventLineCodec.encodedLength(event);
        return size <= limits.maxEventBytes()
                ? null : "event is " + size + " bytes when stored; the limit is " + limits.maxEventBytes();
    }

    static boolean isBlank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return false;
            }
        }
        return true;
    }
}
