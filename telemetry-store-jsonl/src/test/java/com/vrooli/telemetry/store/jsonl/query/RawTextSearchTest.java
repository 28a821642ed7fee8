package com.vrooli.telemetry.store.jsonl.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.vrooli.telemetry.core.EventQuery;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The word-at-a-time search text check answers exactly like a plain byte-at-a-time search. */
class RawTextSearchTest {

    @Test
    @DisplayName("agrees with a byte-at-a-time search on random lines, texts, cases and positions")
    void agreesWithCore() {
        SplittableRandom random = new SplittableRandom(3);
        String alphabet = "aAbBzZ09_-:{}\",\\ \u00e9";
        for (int round = 0; round < 3000; round++) {
            String search = randomText(random, alphabet.replace("\"", "").replace("\\", "").replace("\u00e9", ""),
                    1 + random.nextInt(4));
            String line = randomText(random, alphabet, random.nextInt(60));
            if (random.nextInt(3) == 0) {
                int at = random.nextInt(line.length() + 1);
                String cased = random.nextBoolean() ? search.toUpperCase() : search;
                line = line.substring(0, at) + cased + line.substring(at);
            }
            EventQuery query = EventQuery.builder("app").search(search).build();
            byte[] bytes = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);
            int length = bytes.length - 4;
            assertEquals(containsIgnoringAsciiCase(bytes, 2, length, search),
                    RawTextSearch.of(query).mayMatch(bytes, 2, length), () -> search + " in " + new String(bytes,
                            StandardCharsets.UTF_8));
        }
    }

    @Test
    @DisplayName("texts that raw bytes cannot show (quotes, backslashes, non-ASCII) are not pre-checked")
    void uncheckableTexts() {
        assertNull(RawTextSearch.of(EventQuery.builder("app").search("say \"hi\"").build()));
        assertNull(RawTextSearch.of(EventQuery.builder("app").search("C:\\temp").build()));
        assertNull(RawTextSearch.of(EventQuery.builder("app").search("caf\u00e9").build()));
        assertNull(RawTextSearch.of(EventQuery.builder("app").build()));
    }

    /** The oracle: one byte at a time. */
    private static boolean containsIgnoringAsciiCase(byte[] hay, int from, int length, String search) {
        byte[] needle = search.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        for (int i = from; i <= from + length - needle.length; i++) {
            int j = 0;
            while (j < needle.length && lower(hay[i + j]) == needle[j]) {
                j++;
            }
            if (j == needle.length) {
                return true;
            }
        }
        return false;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }

    private static String randomText(SplittableRandom random, String alphabet, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
