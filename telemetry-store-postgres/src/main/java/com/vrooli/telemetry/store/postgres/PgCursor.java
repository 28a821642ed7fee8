package com.vrooli.telemetry.store.postgres;

import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.InvalidQueryException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * The opaque cursor of this store: the stored sequence number of the last event a page returned,
 * the order it was issued for and a checksum over both and the scenario, so that a cursor of
 * another query, another order or another store is refused rather than misread. Shape:
 * {@code p1} then base64url of "order:seq:crc".
 */
final class PgCursor {

    private static final String PREFIX = "p1";

    private PgCursor() {
    }

    static String encode(EventQuery q, long seq) {
        String body = letter(q.order()) + ":" + seq + ":" + Long.toHexString(crc(q, seq));
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(body.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The sequence number the query continues after.
     *
     * @throws InvalidQueryException when the cursor was not issued by this store for this query
     */
    static long decode(EventQuery q) {
        String cursor = q.cursor();
        try {
            if (!cursor.startsWith(PREFIX)) {
                throw invalid();
            }
            String body = new String(Base64.getUrlDecoder().decode(cursor.substring(PREFIX.length())),
                    StandardCharsets.US_ASCII);
            String[] parts = body.split(":", -1);
            if (parts.length != 3) {
                throw invalid();
            }
            if (!parts[0].equals(letter(q.order()))) {
                throw new InvalidQueryException("cursor was issued for a query in the other order");
            }
            long seq = Long.parseLong(parts[1]);
            if (seq < 0 || Long.parseUnsignedLong(parts[2], 16) != crc(q, seq)) {
                throw invalid();
            }
            return seq;
        } catch (IllegalArgumentException e) { // bad base64 or number
            throw invalid();
        }
    }

    private static String letter(EventQuery.Order order) {
        return order == EventQuery.Order.NEWEST_FIRST ? "n" : "o";
    }

    private static long crc(EventQuery q, long seq) {
        CRC32 crc = new CRC32();
        crc.update((q.scenario() + '\n' + letter(q.order()) + '\n' + seq).getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    private static InvalidQueryException invalid() {
        return new InvalidQueryException("cursor was not issued for this query");
    }
}
