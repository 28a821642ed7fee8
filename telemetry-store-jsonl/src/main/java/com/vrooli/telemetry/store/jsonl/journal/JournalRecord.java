package com.vrooli.telemetry.store.jsonl.journal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One record of the store-wide {@link Journal}: the lines one upload stored, scenario part by
 * scenario part, each with the position in its scenario's live file where they were written; or a
 * rotation marker, which says that a scenario's live file was sealed (its earlier parts are then
 * durable in a segment and never replayed).
 *
 * <p>On disk: {@code int payloadLength | int crc32c(payload) | payload}, where the payload is
 * {@code long seq | int parts | parts...} and a part is {@code short nameLength | name (ASCII) |
 * long position | int length | lines}. A marker is a part with position -1 and no lines. A frame
 * whose length or checksum does not hold is where the journal ends (a torn tail); records are read
 * back by {@link JournalSegmentReader}.
 *
 * @param seq   the record's sequence number, one more than the record before it
 * @param parts the scenario parts, in scenario order
 */
public record JournalRecord(long seq, List<Part> parts) {

    /** The position a rotation marker carries. */
    static final long ROTATED = -1;
    static final int HEADER = 8;
    /** No record is bigger: an upload body is at most a few MiB. */
    static final int MAX_PAYLOAD = 1 << 30;

    /**
     * One scenario's lines in a record, or a rotation marker ({@code position == ROTATED}).
     *
     * @param lines the whole lines written at {@code position}; read from its position to its limit
     */
    record Part(String scenario, long position, ByteBuffer lines) {

        static Part rotated(String scenario) {
            return new Part(scenario, ROTATED, ByteBuffer.allocate(0));
        }

        boolean marker() {
            return position == ROTATED;
        }
    }

    public JournalRecord {
        parts = List.copyOf(parts);
    }

    /** Bytes the record takes on disk, header included. */
    public int framedSize() {
        int size = HEADER + 12;
        for (Part p : parts) {
            size += 2 + p.scenario().length() + 8 + 4 + p.lines().remaining();
        }
        return size;
    }

    /** The record framed as it is written: header, then payload. */
    ByteBuffer encode() {
        int size = framedSize() - HEADER;
        ByteBuffer out = ByteBuffer.allocate(HEADER + size);
        out.position(HEADER);
        out.putLong(seq).putInt(parts.size());
        for (Part p : parts) {
            byte[] name = p.scenario().getBytes(StandardCharsets.US_ASCII);
            out.putShort((short) name.length).put(name).putLong(p.position()).putInt(p.lines().remaining());
            out.put(p.lines().duplicate());
        }
        out.flip();
        CRC32C crc = new CRC32C();
        crc.update(out.duplicate().position(HEADER));
        out.putInt(0, size).putInt(4, (int) crc.getValue());
        return out;
    }
}
