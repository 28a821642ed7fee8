package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Scenario patterns of upload tokens: {@code *} any run, {@code ?} one character, nothing else special. */
class ScenarioPatternTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            "picker-*, picker-wheel, true",
            "picker-*, picker-, true",
            "picker-*, Picker-wheel, false",
            "picker-*, other-picker-wheel, false",
            "*, anything.at_all-1, true",
            "*-wheel, picker-wheel, true",
            "*-wheel, picker-wheel2, false",
            "demo-?, demo-1, true",
            "demo-?, demo-10, false",
            "demo-?, demo-, false",
            "a*b*c, aXbYc, true",
            "a*b*c, abcabc, true",
            "a*b*c, acb, false",
            "exact.name, exact.name, true",
            "exact.name, exactXname, false",
            "**, x, true",
    })
    void matching(String glob, String scenario, boolean expected) {
        assertEquals(expected, new ScenarioPattern(glob).matches(scenario));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "picker wheel", "a/b", "[a-z]*", "name+", "a\\b", "tab\there"})
    void malformedPatternsAreRefusedWithoutEchoingThem(String glob) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ScenarioPattern(glob));
        assertEquals("a scenario pattern must be 1 to 128 characters of A-Z a-z 0-9 . _ - and the wildcards * and ?",
                e.getMessage());
    }
}
