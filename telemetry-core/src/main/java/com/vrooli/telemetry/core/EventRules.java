package com.vrooli.telemetry.core;

/**
 * The validation rules of event fields, each returning a plain-words problem or null when the
 * value is fine. Scenario names become file names, so they are the strictest: 1 to 128 characters
 * of {@code [A-Za-z0-9._-]}, starting with a letter or digit (which also excludes {@code .},
 * {@code ..}, separators, NUL and spaces). Names that Windows reserves for devices ({@code CON},
 * {@code NUL}, {@code COM1}...) and names differing only in case pass, as the design's rule says;
 * a store on a Windows or case-insensitive file system has to cope with them. Stateless and
 * thread-safe.
 */
public final class EventRules {

    /** Longest scenario name. */
    public static final int MAX_SCENARIO_LENGTH = 128;
    /** Longest event type. */
    public static final int MAX_EVENT_LENGTH = 64;
    /** Longest deployment id. */
    public static final int MAX_DEPLOYMENT_ID_LENGTH = 256;
    /** Longest event id. */
    public static final int MAX_EVENT_ID_LENGTH = 128;

    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final long ALNUM_LOW = bitsOf(ALNUM, 0);
    private static final long ALNUM_HIGH = bitsOf(ALNUM, 64);
    private static final long NAME_CHARS_LOW = bitsOf(ALNUM + "._-", 0);
    private static final long NAME_CHARS_HIGH = bitsOf(ALNUM + "._-", 64);

    private EventRules() {
    }

    /** Why {@code scenario} is not a valid scenario name, or null when it is. */
    public static String scenarioProblem(String scenario) {
        if (scenario == null) {
            return "scenario is required";
        }
        if (scenario.isEmpty()) {
            return "scenario must not be empty";
        }
        if (scenario.length() > MAX_SCENARIO_LENGTH) {
            return "scenario is longer than " + MAX_SCENARIO_LENGTH + " characters";
        }
        if (!isAlnum(scenario.charAt(0))) {
            return "scenario '" + JsonErrors.quote(scenario) + "' must start with a letter or digit";
        }
        int bad = firstNotNameChar(scenario);
        if (bad >= 0) {
            return "scenario '" + JsonErrors.quote(scenario) + "' may only contain letters, digits, '.', '_' and '-'";
        }
        return null;
    }

    /** Why {@code event} is not a valid event type, or null when it is. */
    public static String eventProblem(String event) {
        if (event == null) {
            return "event is required";
        }
        if (event.isEmpty()) {
            return "event must not be empty";
        }
        if (event.length() > MAX_EVENT_LENGTH) {
            return "event is longer than " + MAX_EVENT_LENGTH + " characters";
        }
        if (firstNotNameChar(event) >= 0) {
            return "event '" + JsonErrors.quote(event) + "' may only contain letters, digits, '.', '_' and '-'";
        }
        return null;
    }

    /**
     * Why {@code id} is not a valid deployment id (1 to 256 characters of Unicode text without
     * control characters), or null when it is.
     */
    public static String deploymentIdProblem(String id) {
        if (id.isEmpty()) {
            return "deployment_id must not be empty";
        }
        if (id.length() > MAX_DEPLOYMENT_ID_LENGTH) {
            return "deployment_id is longer than " + MAX_DEPLOYMENT_ID_LENGTH + " characters";
        }
        if (hasControl(id)) {
            return "deployment_id must not contain control characters";
        }
        if (Utf16.hasUnpaired(id)) {
            return "deployment_id is not valid Unicode text (it holds an unpaired surrogate)";
        }
        return null;
    }

    /** Why {@code id} is not a valid event id (1 to 128 characters of {@code [A-Za-z0-9._:-]}). */
    public static String eventIdProblem(String id) {
        if (id.isEmpty()) {
            return "event_id must not be empty";
        }
        if (id.length() > MAX_EVENT_ID_LENGTH) {
            return "event_id is longer than " + MAX_EVENT_ID_LENGTH + " characters";
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!isEventIdChar(c)) {
                return "event_id may only contain letters, digits, '.', '_', ':' and '-'";
            }
        }
        return null;
    }

    /** True when {@code scenario} is a valid scenario name. */
    public static boolean isValidScenario(String scenario) {
        return scenarioProblem(scenario) == null;
    }

    static void requireValid(String problem) {
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    private static int firstNotNameChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isNameChar(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** True for a character {@link #eventIdProblem} allows in an event id. */
    static boolean isEventIdChar(char c) {
        return isNameChar(c) || c == ':';
    }

    private static boolean isNameChar(char c) {
        return inSet(c, NAME_CHARS_LOW, NAME_CHARS_HIGH);
    }

    private static boolean isAlnum(char c) {
        return inSet(c, ALNUM_LOW, ALNUM_HIGH);
    }

    /** Whether ASCII character {@code c} is in the set given as bits 0-63 and 64-127: one test per character. */
    private static boolean inSet(char c, long low, long high) {
        return c < 64 ? (low >>> c & 1) != 0 : c < 128 && (high >>> (c - 64) & 1) != 0;
    }

    private static long bitsOf(String chars, int from) {
        long bits = 0;
        for (int i = 0; i < chars.length(); i++) {
            int c = chars.charAt(i) - from;
            if (c >= 0 && c < 64) {
                bits |= 1L << c;
            }
        }
        return bits;
    }

    /** C0 controls, DEL and C1 controls (U+0080 to U+009F, which include NEL, a line break). */
    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
