package com.vrooli.telemetry.core;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The stored line {@link StoredLineShape} read last, as a {@link CountedEvent}: the names and the
 * time are checked and made, while the event id and the details stay ranges of the line's bytes
 * until {@link #toEvent()} is called. On a cold open of 10M lines, the id's {@code String} alone
 * was a fifth of the loading threads' samples (JFR), for ids that only the de-duplication window's
 * hash reads. Reused for every line of one decoder; not thread-safe.
 */
final class StoredLine implements CountedEvent {

    private final IdText idText = new IdText();
    private byte[] line;
    private Instant timestamp;
    private String scenario;
    private String deploymentId;
    private String event;
    private int idFrom;
    private int idLength = -1;
    private int detailsFrom;
    private int detailsTo = -1;
    private TelemetryEvent made;

    /** Starts a line: its names and time, checked; no id or details until they are set. */
    void start(byte[] line, Instant timestamp, String scenario, String deploymentId, String event) {
        this.line = line;
        this.timestamp = timestamp;
        this.scenario = scenario;
        this.deploymentId = deploymentId;
        this.event = event;
        this.idLength = -1;
        this.detailsTo = -1;
        this.made = null;
    }

    /** The event id is {@code line[from, from + length)}, checked against the id's rule. */
    void eventId(int from, int length) {
        idFrom = from;
        idLength = length;
    }

    /** The details are the compact object {@code line[from, to)}, checked against the grammar. */
    void details(int from, int to) {
        detailsFrom = from;
        detailsTo = to;
    }

    @Override
    public Instant timestamp() {
        return timestamp;
    }

    @Override
    public String scenario() {
        return scenario;
    }

    @Override
    public String deploymentId() {
        return deploymentId;
    }

    @Override
    public String event() {
        return event;
    }

    @Override
    public CharSequence eventIdText() {
        return idLength < 0 ? null : idText;
    }

    @Override
    public TelemetryEvent toEvent() {
        if (made == null) {
            String eventId = idLength < 0 ? null : new String(line, idFrom, idLength, StandardCharsets.ISO_8859_1);
            Details details = detailsTo < 0 ? null : Details.trusted(Arrays.copyOfRange(line, detailsFrom, detailsTo));
            made = TelemetryEvent.checked(timestamp, scenario, deploymentId, event, eventId, details);
        }
        return made;
    }

    @Override
    public String toString() {
        return toEvent().toString();
    }

    /** The event id's ASCII bytes as chars. */
    private final class IdText implements CharSequence {

        @Override
        public int length() {
            return idLength;
        }

        @Override
        public char charAt(int index) {
            Objects.checkIndex(index, idLength);
            return (char) (line[idFrom + index] & 0xff);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return toString().subSequence(start, end);
        }

        @Override
        public String toString() {
            return new String(line, idFrom, idLength, StandardCharsets.ISO_8859_1);
        }
    }
}
