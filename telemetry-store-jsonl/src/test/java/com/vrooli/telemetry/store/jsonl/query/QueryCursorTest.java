package com.vrooli.telemetry.store.jsonl.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.InvalidQueryException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QueryCursorTest {

    @Test
    @DisplayName("a cursor survives encoding and is URL-safe")
    void roundTrip() {
        QueryCursor c = new QueryCursor(EventQuery.Order.NEWEST_FIRST, 3, 1_234_567_890_123L, -42);

        String text = c.encode();

        assertTrue(text.matches("[A-Za-z0-9_-]+"), text);
        assertEquals(c, QueryCursor.decode(text, EventQuery.Order.NEWEST_FIRST));
    }

    @Test
    @DisplayName("changing any character of a cursor makes it invalid")
    void editedCursor() {
        String text = new QueryCursor(EventQuery.Order.OLDEST_FIRST, 12, 4096, 7).encode();
        for (int i = 0; i < text.length(); i++) {
            char replacement = text.charAt(i) == 'A' ? 'B' : 'A';
            String edited = text.substring(0, i) + replacement + text.substring(i + 1);
            assertThrows(InvalidQueryException.class, () -> QueryCursor.decode(edited, EventQuery.Order.OLDEST_FIRST),
                    edited);
        }
    }

    @Test
    @DisplayName("a cursor of the other order says so")
    void otherOrder() {
        String text = new QueryCursor(EventQuery.Order.OLDEST_FIRST, 1, 10, 7).encode();

        InvalidQueryException e = assertThrows(InvalidQueryException.class,
                () -> QueryCursor.decode(text, EventQuery.Order.NEWEST_FIRST));
        assertEquals("cursor was issued for a query in the other order", e.getMessage());
    }
}
