package com.vrooli.telemetry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Details: a JSON object kept as compact text, built from maps or parsed from text. */
class DetailsTest {

    private enum Channel { STABLE }

    @Test
    void aMapOfPlainValuesIsWrittenAsCompactJsonInItsOrder() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z_first", "text");
        map.put("int", 5000);
        map.put("long", 9_007_199_254_740_993L);
        map.put("double", 1.5);
        map.put("float", 0.1f);
        map.put("big_decimal", new BigDecimal("12345678901234567890.123456789"));
        map.put("big_integer", new BigInteger("123456789012345678901234567890"));
        map.put("bool", true);
        map.put("null", null);
        map.put("nan", Double.NaN);
        map.put("infinity", Double.NEGATIVE_INFINITY);
        map.put("list", List.of(1, "two", List.of(3)));
        map.put("array", new Object[] {"a", null});
        map.put("nested", Map.of("k", Map.of("deeper", false)));
        map.put("enum", Channel.STABLE);
        map.put("instant", Instant.parse("2025-01-15T12:00:00Z"));
        map.put("other", new StringBuilder("built"));

        assertEquals("{\"z_first\":\"text\",\"int\":5000,\"long\":9007199254740993,\"double\":1.5,\"float\":0.1,"
                        + "\"big_decimal\":12345678901234567890.123456789,\"big_integer\":123456789012345678901234567890,"
                        + "\"bool\":true,\"null\":null,\"nan\":\"NaN\",\"infinity\":\"-Infinity\",\"list\":[1,\"two\",[3]],"
                        + "\"array\":[\"a\",null],\"nested\":{\"k\":{\"deeper\":false}},\"enum\":\"STABLE\","
                        + "\"instant\":\"2025-01-15T12:00:00Z\",\"other\":\"built\"}",
                Details.of(map).json());
    }

    @Test
    void stringsAreEscapedAndUnpairedSurrogatesReplaced() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("quote\"key", "a\"b\\c\n\u0000\ud83d\ude80");
        map.put("broken", "x\ud800");
        map.put("key\udc00", 1);

        assertEquals("{\"quote\\\"key\":\"a\\\"b\\\\c\\n\\u0000\ud83d\ude80\",\"broken\":\"x\ufffd\",\"key\ufffd\":1}",
                Details.of(map).json());
    }

    static Stream<Arguments> unencodableMaps() {
        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("self", cyclic);
        Map<Object, Object> inner = new LinkedHashMap<>();
        inner.put(1, "int key");
        inner.put("1", "string key");
        Map<Object, Object> brokenKeys = new LinkedHashMap<>();
        brokenKeys.put("\ud800", 1);
        brokenKeys.put("\udc00", 2);
        Map<Object, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        return Stream.of(
                Arguments.of("a map that contains itself", cyclic, "details nest deeper than 32 levels"),
                Arguments.of("33 levels", Map.of("a", nest(31)), "details nest deeper than 32 levels"),
                Arguments.of("keys that collide once written", Map.of("m", inner), "key '1' appears twice"),
                Arguments.of("keys that collide once repaired", Map.of("m", brokenKeys), "key '\ufffd' appears twice"),
                Arguments.of("a null key", Map.of("m", nullKey), "details keys must not be null"),
                Arguments.of("a number longer than the decoder reads", Map.of("n", new BigInteger("9".repeat(257))),
                        "a number is longer than 256 characters"),
                Arguments.of("a key longer than the decoder reads", Map.of("k".repeat(1025), 1),
                        "a key is longer than 1024 characters"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("unencodableMaps")
    void mapsTheDecoderCouldNotReadBackAreRefused(String name, Map<String, Object> map, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Details.of(map));

        assertEquals("details cannot be encoded as JSON: " + reason, e.getMessage());
    }

    @Test
    void thirtyTwoLevelsOfMapsAndListsAreAccepted() {
        Details d = Details.of(Map.of("a", nest(30)));

        assertEquals(d, Details.parse(d.json()));
        assertEquals(Details.of(Map.of("l", List.of(List.of(List.of())))), Details.parse("{\"l\":[[[]]]}"));
    }

    /** A chain of {@code depth + 1} maps: nest(0) is {}, nest(1) is {"a":{}}. */
    private static Map<String, Object> nest(int depth) {
        Map<String, Object> m = Map.of();
        for (int i = 0; i < depth; i++) {
            m = Map.of("a", m);
        }
        return m;
    }

    /** Property: whatever a map holds, its details text parses back to equal details. */
    @Test
    void detailsBuiltFromMapsParseBackToEqualDetails() {
        Random random = new Random(5);
        for (int i = 0; i < 1_000; i++) {
            Details d = Details.of(randomMap(random, 3));

            assertEquals(d, Details.parse(d.json()), d.json());
            assertEquals(d.hashCode(), Details.parse(d.json()).hashCode());
            assertEquals(d, Details.of(d.asMap()), d.json());
        }
    }

    private static Map<String, Object> randomMap(Random random, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(depth > 0 ? 8 : 6);
            Object value = switch (kind) {
                case 0 -> "s" + random.nextInt() + (random.nextBoolean() ? "\u00e9\"\\\n\ud83d\ude80" : "");
                case 1 -> random.nextInt();
                case 2 -> random.nextLong();
                case 3 -> random.nextBoolean();
                case 4 -> null;
                case 5 -> (double) random.nextInt(1000) / 8;
                case 6 -> randomMap(random, depth - 1);
                default -> new ArrayList<>(randomMap(random, depth - 1).values());
            };
            map.put("k" + i, value);
        }
        return map;
    }

    static Stream<Arguments> notAnObject() {
        String notObject = "details must be a JSON object";
        return Stream.of(
                Arguments.of("", notObject),
                Arguments.of("   ", notObject),
                Arguments.of("[]", notObject),
                Arguments.of("[{\"a\":1}]", notObject),
                Arguments.of("\"text\"", notObject),
                Arguments.of("42", notObject),
                Arguments.of("null", notObject),
                Arguments.of("true", notObject),
                Arguments.of("{", "details are not valid JSON: text ends before its JSON is complete at line 1, column 2"),
                Arguments.of("{\"a\":}", "details are not valid JSON: malformed JSON at line 1, column 6: Unexpected"
                        + " character ('}' (code 125)): expected a value"),
                Arguments.of("{} {}", "unexpected content after the details object"),
                Arguments.of("{\"a\":1,\"a\":2}", "key 'a' appears twice in details"),
                Arguments.of("{\"o\":{\"b\":[{\"c\":1,\"c\":1}]}}", "key 'c' appears twice in details"),
                Arguments.of("{\"a\":" + "[".repeat(32) + "]".repeat(32) + "}", "details nest deeper than 32 levels"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("notAnObject")
    void parseRefusesAnythingButOneObjectWithoutDuplicateKeys(String text, String expected) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> Details.parse(text)).getMessage());
    }

    @Test
    void parseCompactsTheTextAndKeepsNumbersVerbatim() {
        Details d = Details.parse(" {\n \"a\" : 1.0 ,\t\"b\" : [ 1e3 , -0 ] , \"c\" : \"\\u0041\\/\" } ");

        assertEquals("{\"a\":1.0,\"b\":[1e3,-0],\"c\":\"A/\"}", d.json());
        assertEquals(d.json(), d.toString());
        assertEquals(d.json().length(), d.byteLength());
    }

    @Test
    void equalityIsTextualAfterCompaction() {
        Details compact = Details.parse("{\"a\":1,\"b\":2}");

        assertEquals(compact, Details.parse("{ \"a\": 1, \"b\": 2 }"));
        assertEquals(compact.hashCode(), Details.parse("{ \"a\": 1, \"b\": 2 }").hashCode());
        assertEquals(compact, Details.of(mapOf("a", 1, "b", 2)));
        assertNotEquals(compact, Details.parse("{\"b\":2,\"a\":1}"), "key order is part of the text");
        assertNotEquals(compact, Details.parse("{\"a\":1.0,\"b\":2}"), "1 and 1.0 are different texts");
        assertNotEquals(compact, (Object) compact.json());
        assertNotEquals(compact, null);
    }

    @Test
    void asMapReadsPlainJavaValuesInOrderAndCannotBeChanged() {
        Details d = Details.parse("{\"s\":\"x\",\"i\":1,\"l\":9007199254740993,\"b\":123456789012345678901234567890,"
                + "\"d\":2.5,\"t\":true,\"n\":null,\"list\":[1,\"a\"],\"m\":{\"k\":\"v\"}}");

        Map<String, Object> map = d.asMap();

        assertEquals(List.of("s", "i", "l", "b", "d", "t", "n", "list", "m"), List.copyOf(map.keySet()));
        assertEquals("x", map.get("s"));
        assertEquals(1, map.get("i"));
        assertEquals(9_007_199_254_740_993L, map.get("l"));
        assertEquals(new BigInteger("123456789012345678901234567890"), map.get("b"));
        assertEquals(2.5, map.get("d"));
        assertEquals(true, map.get("t"));
        assertNull(map.get("n"));
        assertEquals(List.of(1, "a"), map.get("list"));
        assertEquals(Map.of("k", "v"), map.get("m"));
        assertEquals("x", d.get("s"));
        assertNull(d.get("absent"));
        assertThrows(UnsupportedOperationException.class, () -> map.put("x", 1));
    }

    @Test
    void byteLengthCountsUtf8Bytes() {
        assertEquals("{\"e\":\"\u20ac\"}".length() + 2, Details.of(Map.of("e", "\u20ac")).byteLength());
    }

    @Test
    void detailsCanBeCopiedIntoABufferOrAGeneratorUnchanged() throws IOException {
        Details d = Details.parse("{\"a\":[1,{\"b\":\"\u00e9\"}]}");
        ByteArrayBuilder buffer = new ByteArrayBuilder();
        d.writeTo(buffer);
        ByteArrayBuilder generated = new ByteArrayBuilder();
        try (JsonGenerator g = TelemetryJson.defaultFactory().createGenerator(generated)) {
            g.writeStartArray();
            d.writeRaw(g);
            g.writeEndArray();
        }

        assertEquals(d.json(), Decoding.text(buffer.toByteArray()));
        assertEquals("[" + d.json() + "]", Decoding.text(generated.toByteArray()));
    }

    private static Map<String, Object> mapOf(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
