package com.vrooli.telemetry.core;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The filters of an {@link EventQuery} as a predicate, shared by every store so that they all
 * answer the same query the same way. Also offers a cheap pre-check on a stored line's raw bytes,
 * so a store can skip decoding lines that cannot match. Immutable and thread-safe.
 */
public final class EventFilter {

    private final EventQuery query;
    private final String searchLower;
    private final byte[] searchAsciiLower;

    private EventFilter(EventQuery query) {
        this.query = query;
        this.searchLower = query.search() == null ? null : query.search().toLowerCase(Locale.ROOT);
        // Quotes and backslashes are escaped in stored lines, so raw bytes cannot pre-check them.
        this.searchAsciiLower = searchLower != null && isAscii(searchLower)
                && searchLower.indexOf('"') < 0 && searchLower.indexOf('\\') < 0
                ? searchLower.getBytes(StandardCharsets.US_ASCII) : null;
    }

    /** The filter of a query. */
    public static EventFilter of(EventQuery query) {
        return new EventFilter(query);
    }

    /** True when the event passes every filter of the query. */
    public boolean matches(TelemetryEvent e) {
        if (query.since() != null && e.timestamp().isBefore(query.since())) {
            return false;
        }
        if (query.until() != null && !e.timestamp().isBefore(query.until())) {
            return false;
        }
        if (!query.eventTypes().isEmpty() && !query.eventTypes().contains(e.event())) {
            return false;
        }
        if (query.deploymentId() != null && !query.deploymentId().equals(e.deploymentId())) {
            return false;
        }
        if (query.minLevel() != null && !e.level().isAtLeast(query.minLevel())) {
            return false;
        }
        return searchLower == null || containsSearch(e);
    }

    private boolean containsSearch(TelemetryEvent e) {
        if (e.event().toLowerCase(Locale.ROOT).contains(searchLower)) {
            return true;
        }
        if (e.deploymentId() != null && e.deploymentId().toLowerCase(Locale.ROOT).contains(searchLower)) {
            return true;
        }
        return e.details() != null && e.details().json().toLowerCase(Locale.ROOT).contains(searchLower);
    }

    /**
     * False only when a stored line certainly does not match; true means "decode and check".
     * Checks the ASCII search text case-insensitively against the raw bytes.
     */
    public boolean mayMatch(byte[] line, int offset, int length) {
        if (searchAsciiLower == null) {
            return true;
        }
        return indexOfIgnoreCase(line, offset, offset + length, searchAsciiLower) >= 0;
    }

    private static int indexOfIgnoreCase(byte[] hay, int from, int to, byte[] needleLower) {
        int n = needleLower.length;
        if (n == 0) {
            return from;
        }
        byte first = needleLower[0];
        for (int i = from; i <= to - n; i++) {
            if (lower(hay[i]) != first) {
                continue;
            }
            int j = 1;
            while (j < n && lower(hay[i + j]) == needleLower[j]) {
                j++;
            }
            if (j == n) {
                return i;
            }
        }
        return -1;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
