package com.vrooli.telemetry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Details.get finds one top-level value without a map, and always answers what asMap() holds. */
class DetailsLookupTest {

    private static final List<String> KEYS = List.of("version", "platform", "a", "k", "ver\"sion", "é", "missing", "");

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"version\":\"1.2.3\",\"platform\":\"linux\"}",
        "{\"platform\":\"win\",\"version\":\"2.0\"}",
        "{\"nested\":{\"version\":\"inner\"},\"version\":\"outer\"}",
        "{\"list\":[\"version\",{\"version\":\"x\"},[1,2]],\"platform\":\"mac\"}",
        "{\"s\":\"a \\\"quoted\\\" ,}] text\",\"version\":\"after an escaped string\"}",
        "{\"version\":\"esc\\u0061ped \\\\ value\"}",
        "{\"ver\\\"sion\":\"escaped key\",\"version\":\"plain\"}",
        "{\"\\u0076ersion\":\"a key spelled with an escape\"}",
        "{\"version\":12,\"platform\":1.5e3,\"a\":true,\"k\":null}",
        "{\"version\":9007199254740993,\"platform\":123456789012345678901234567890}",
        "{\"version\":{\"major\":1},\"platform\":[\"x\",2]}",
        "{\"é\":\"ü and 日本\",\"version\":\"naïve\"}",
        "{\"\":\"empty key\",\"a\":\"\"}",
        "{ \"version\" : \"spaced\" , \"platform\" :\t\"tabbed\" }",
        "{\"a\":-0.5,\"version\":\"after a number\",\"k\":false}",
    })
    void eachKeyAnswersWhatTheMapHolds(String json) {
        Details details = Details.trusted(json.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> map = details.asMap();
        for (String key : KEYS) {
            assertEquals(map.get(key), details.get(key), () -> key + " in " + json);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"version", "platform"})
    void aKeyOnlyInANestedObjectIsAbsent(String key) {
        Details details = Details.parse("{\"outer\":{\"version\":\"1\",\"platform\":\"x\"},\"z\":[{\"version\":2}]}");
        assertNull(details.get(key));
    }

    @ParameterizedTest
    @ValueSource(strings = {"version", "v", "versions"})
    void onlyTheWholeKeyMatches(String key) {
        Details details = Details.parse("{\"v\":\"short\",\"versions\":\"long\",\"version\":\"exact\"}");
        assertEquals(details.asMap().get(key), details.get(key));
    }
}
