package com.vrooli.telemetry.store.jsonl.query;

import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.InvalidQueryException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * Where a query page stopped, as an opaque string: base64url (no padding) of
 * {@code version(1) | order(1) | 0(1) | file(8) | offset(8) | file token(4) | crc32(4)}. The file is the
 * number of the scenario's file the offset belongs to (a segment's number, or the number the live
 * file will take when rotated, so the offset stays valid across a rotation). The offset is a line
 * boundary of that file: the next line to read going forward, or the end of what is left to read
 * going backward (0: continue with the older files). The file token identifies the file's content
 * (see {@link ScenarioQuery}), and the checksum rejects garbage and edited cursors. Version 1
 * cursors, issued before segments existed, have no file number and name the live file.
 *
 * @param order  the query order the cursor was issued for
 * @param file   the number of the file, or {@link #LIVE} for the live file (version 1 cursors)
 * @param offset the byte offset to continue from
 * @param token  the identity of the file it was issued for
 */
public record QueryCursor(EventQuery.Order order, long file, long offset, int token) {

    /** The file number of a version 1 cursor: the live file, whatever its number. */
    static final long LIVE = 0;

    private static final byte VERSION_1 = 1;
    private static final int LENGTH_1 = 18;
    private static final byte VERSION = 2;
    private static final int LENGTH = 27;
    private static final String NOT_ISSUED = "cursor was not issued for this query";

    public String encode() {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.put(VERSION).put((byte) order.ordinal()).put((byte) 0).putLong(file).putLong(offset).putInt(token);
        b.putInt(crc(b.array(), LENGTH));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /**
     * Reads a cursor issued for a query in {@code expected} order.
     *
     * @throws InvalidQueryException when the text is not such a cursor
     */
    public static QueryCursor decode(String text, EventQuery.Order expected) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(NOT_ISSUED);
        }
        if (bytes.length != LENGTH && bytes.length != LENGTH_1) {
            throw new InvalidQueryException(NOT_ISSUED);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte version = b.get();
        int order = b.get();
        int reserved = bytes.length == LENGTH ? b.get() : 0;
        long file = bytes.length == LENGTH ? b.getLong() : LIVE;
        long offset = b.getLong();
        int token = b.getInt();
        int crc = b.getInt();
        boolean v1 = version == VERSION_1 && bytes.length == LENGTH_1 && offset > 0;
        boolean v2 = version == VERSION && bytes.length == LENGTH && reserved == 0 && file > 0;
        if (!(v1 || v2) || crc != crc(bytes, bytes.length) || offset < 0) {
            throw new InvalidQueryException(NOT_ISSUED);
        }
        if (order != expected.ordinal()) {
            throw new InvalidQueryException("cursor was issued for a query in the other order");
        }
        return new QueryCursor(expected, file, offset, token);
    }

    public static InvalidQueryException stale() {
        return new InvalidQueryException("cursor does not match the stored events any more; start again"
                + " without a cursor");
    }

    private static int crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length - 4);
        return (int) crc.getValue();
    }
}
