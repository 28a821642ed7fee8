package com.vrooli.telemetry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Every UTF-16 unit against the written rule: names are {@code [A-Za-z0-9._-]}, starting alphanumeric. */
class EventRulesCharacterTest {

    private static boolean alnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean nameChar(char c) {
        return alnum(c) || c == '.' || c == '_' || c == '-';
    }

    @Test
    void eachCharacterIsAcceptedExactlyWhenTheRuleSaysSo() {
        for (int i = 0; i <= Character.MAX_VALUE; i++) {
            char c = (char) i;
            String context = "U+" + Integer.toHexString(i);
            assertEquals(nameChar(c), EventRules.eventProblem("a" + c) == null, context);
            assertEquals(alnum(c), EventRules.scenarioProblem(c + "a") == null, context);
            assertEquals(nameChar(c), EventRules.scenarioProblem("a" + c) == null, context);
            assertEquals(nameChar(c) || c == ':', EventRules.eventIdProblem("a" + c) == null, context);
        }
    }
}
