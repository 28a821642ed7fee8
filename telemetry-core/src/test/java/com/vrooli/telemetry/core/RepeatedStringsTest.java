package com.vrooli.telemetry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One String per distinct repeated value, and always the right text. */
class RepeatedStringsTest {

    @Test
    void equalTextGivesTheSameStringAndDifferentTextItsOwn() {
        RepeatedStrings strings = new RepeatedStrings();
        char[] buf = "xpicker-wheelxshared-auth".toCharArray();

        String first = strings.get(buf, 1, 12);
        String again = strings.get("picker-wheel".toCharArray(), 0, 12);
        String other = strings.get(buf, 14, 11);

        assertEquals("picker-wheel", first);
        assertSame(first, again);
        assertEquals("shared-auth", other);
    }

    @Test
    void manyDistinctValuesCollideWithoutEverGivingTheWrongText() {
        RepeatedStrings strings = new RepeatedStrings();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 5_000; i++) {
                String expected = "deploy-" + i;
                assertEquals(expected, strings.get(expected.toCharArray(), 0, expected.length()));
            }
        }
        String longText = "x".repeat(500);
        assertEquals(longText, strings.get(longText.toCharArray(), 0, 500));
    }

    @ParameterizedTest
    @EnumSource(StandardEvent.class)
    void aStandardEventTypeIsTheCataloguesOwnString(StandardEvent standard) {
        String name = standard.wireName();
        byte[] bytes = ("\"" + name + "\"").getBytes(StandardCharsets.US_ASCII);
        char[] chars = ("[" + name + "]").toCharArray();

        assertSame(name, new RepeatedStrings().get(bytes, 1, name.length()));
        assertSame(name, new RepeatedStrings().get(chars, 1, name.length()));
    }

    @Test
    void textThatOnlyResemblesAStandardEventTypeGetsItsOwnString() {
        RepeatedStrings strings = new RepeatedStrings();
        for (String text : new String[] {"crash_", "cras", "Crash", "app_start2", "my_check_failed", "cr\u00e9sh"}) {
            byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            String fromBytes = strings.get(bytes, 0, bytes.length);
            assertEquals(text, fromBytes);
            assertEquals(text, strings.get(text.toCharArray(), 0, text.length()));
        }
        // A prefix of a longer buffer is matched on its own length only.
        byte[] longer = "crashed".getBytes(StandardCharsets.US_ASCII);
        assertSame(StandardEvent.CRASH.wireName(), new RepeatedStrings().get(longer, 0, 5));
        assertNotSame(StandardEvent.CRASH.wireName(), new RepeatedStrings().get(longer, 0, 7));
    }

    @Test
    void decodedEventsCarryTheCataloguesTypeStringsFromBothDecodingPaths() {
        EventDecoder decoder = EventDecoder.create();
        String compact = "[{\"scenario\":\"a\",\"event\":\"crash\",\"timestamp\":\"2025-01-15T12:00:00Z\"},"
                + "{\"scenario\":\"a\",\"event\":\"custom_thing\",\"timestamp\":\"2025-01-15T12:00:00Z\"}]";
        // Spaces take the body off the compact path, onto the streaming parser's.
        String spaced = compact.replace("\",\"", "\", \"");
        for (String body : new String[] {compact, spaced}) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            DecodeResult result = decoder.decode(bytes, 0, bytes.length, BodyFormat.JSON, null,
                    Instant.parse("2025-01-15T12:00:00Z"));
            assertEquals(2, result.events().size(), body);
            assertSame(StandardEvent.CRASH.wireName(), result.events().get(0).event());
            assertEquals("custom_thing", result.events().get(1).event());
        }
    }
}
