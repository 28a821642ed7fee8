package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.InvalidQueryException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * Where a query page stopped, as an opaque string: base64url (no padding) of
 * {@code version(1) | order(1) | offset(8) | file token(4) | crc32(4)}. The offset is a line
 * boundary of the scenario file: the next line to read going forward, or the end of what is left
 * to read going backward. The file token identifies the file the offset belongs to (see
 * {@link ScenarioQuery}), and the checksum rejects garbage and edited cursors.
 *
 * @param order  the query order the cursor was issued for
 * @param offset the byte offset to continue from
 * @param token  the identity of the file it was issued for
 */
record QueryCursor(EventQuery.Order order, long offset, int token) {

    private static final byte VERSION = 1;
    private static final int LENGTH = 18;
    private static final String NOT_ISSUED = "cursor was not issued for this query";

    String encode() {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.put(VERSION).put((byte) order.ordinal()).putLong(offset).putInt(token);
        b.putInt(crc(b.array()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /**
     * Reads a cursor issued for a query in {@code expected} order.
     *
     * @throws InvalidQueryException when the text is not such a cursor
     */
    static QueryCursor decode(String text, EventQuery.Order expected) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(NOT_ISSUED);
        }
        if (bytes.length != LENGTH) {
            throw new InvalidQueryException(NOT_ISSUED);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte version = b.get();
        int order = b.get();
        long offset = b.getLong();
        int token = b.getInt();
        int crc = b.getInt();
        if (version != VERSION || crc != crc(bytes) || offset < 0) {
            throw new InvalidQueryException(NOT_ISSUED);
        }
        if (order != expected.ordinal()) {
            throw new InvalidQueryException("cursor was issued for a query in the other order");
        }
        return new QueryCursor(expected, offset, token);
    }

    static InvalidQueryException stale() {
        return new InvalidQueryException("cursor does not match the stored events any more; start again"
                + " without a cursor");
    }

    private static int crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, LENGTH - 4);
        return (int) crc.getValue();
    }
}
