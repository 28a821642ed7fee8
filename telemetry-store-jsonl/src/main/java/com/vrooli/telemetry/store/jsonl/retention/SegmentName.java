package com.vrooli.telemetry.store.jsonl.retention;

import com.vrooli.telemetry.core.EventRules;
import com.vrooli.telemetry.store.jsonl.directory.ScenarioDirectory;

/**
 * The name of a sealed segment of a scenario: {@code {scenario}.jsonl.{n}}, or
 * {@code {scenario}.jsonl.{n}.gz} once compressed, where {@code n} counts up from 1 and is never
 * reused (a bigger number is newer). Such a name ends in digits or {@code .gz}, never in
 * {@code .jsonl}, so it can never be mistaken for a scenario's live file; and since the scenario is
 * what is left after taking the number and {@code .jsonl} off the end, it belongs to exactly one
 * scenario. A compression in progress writes {@code {scenario}.jsonl.{n}.gz.tmp}.
 *
 * @param scenario the scenario, a valid name
 * @param number   the segment's number, 1 or more
 * @param gzip     whether it is the compressed form
 */
public record SegmentName(String scenario, long number, boolean gzip) {

    static final String GZ = ".gz";
    public static final String TMP = ".tmp";

    public SegmentName {
        if (number < 1 || !EventRules.isValidScenario(scenario)) {
            throw new IllegalArgumentException("not a segment: " + scenario + " #" + number);
        }
    }

    public String fileName() {
        return scenario + ScenarioDirectory.SUFFIX + "." + number + (gzip ? GZ : "");
    }

    /** The name a compression of this (plain) segment writes before renaming it into place. */
    String tempGzipName() {
        return scenario + ScenarioDirectory.SUFFIX + "." + number + GZ + TMP;
    }

    /** The segment a file name stands for, or null when it is not a segment's name. */
    public static SegmentName parse(String fileName) {
        boolean gz = fileName.endsWith(GZ);
        String rest = gz ? fileName.substring(0, fileName.length() - GZ.length()) : fileName;
        int dot = rest.lastIndexOf('.');
        if (dot < 0 || !isNumber(rest, dot + 1)) {
            return null;
        }
        String live = rest.substring(0, dot);
        if (!live.endsWith(ScenarioDirectory.SUFFIX)) {
            return null;
        }
        String scenario = live.substring(0, live.length() - ScenarioDirectory.SUFFIX.length());
        if (!EventRules.isValidScenario(scenario)) {
            return null;
        }
        return new SegmentName(scenario, Long.parseLong(rest.substring(dot + 1)), gz);
    }

    /** A compression left unfinished by a crash: {@code {scenario}.jsonl.{n}.gz.tmp}. */
    public static boolean isTempGzip(String fileName) {
        return fileName.endsWith(GZ + TMP)
                && parse(fileName.substring(0, fileName.length() - TMP.length())) != null;
    }

    /** Digits without a leading zero, at most 18 of them (so never overflowing a long). */
    private static boolean isNumber(String s, int from) {
        int length = s.length() - from;
        if (length < 1 || length > 18 || s.charAt(from) == '0') {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
