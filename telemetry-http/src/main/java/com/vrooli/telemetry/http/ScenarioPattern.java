package com.vrooli.telemetry.http;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A scenario name pattern of an upload token: a scenario name in which {@code *} stands for any
 * run of characters (including none) and {@code ?} for exactly one, such as {@code picker-*}.
 * Matching is case-sensitive, like scenario names. Immutable.
 *
 * @param glob the pattern as written
 */
record ScenarioPattern(String glob) {

    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9._*?-]{1,128}");

    /** Every scenario. */
    static final ScenarioPattern ANY = new ScenarioPattern("*");

    ScenarioPattern {
        Objects.requireNonNull(glob, "glob");
        if (!SYNTAX.matcher(glob).matches()) {
            // The value is not echoed: a misplaced token would otherwise end up in a log.
            throw new IllegalArgumentException("a scenario pattern must be 1 to 128 characters of A-Z a-z 0-9 . _ -"
                    + " and the wildcards * and ?");
        }
    }

    /** Whether {@code scenario} matches this pattern. */
    boolean matches(String scenario) {
        return matches(glob, scenario);
    }

    private static boolean matches(String glob, String s) {
        int g = 0;
        int i = 0;
        // Iterative glob matching with one backtrack point: linear in practice, no regex, no recursion depth.
        int star = -1;
        int mark = 0;
        while (i < s.length()) {
            if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == s.charAt(i))) {
                g++;
                i++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                mark = i;
            } else if (star >= 0) {
                g = star + 1;
                i = ++mark;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }
}
