package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.DocumentExamples;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Upload bodies a hostile or broken client might send, each with a name that says what it is.
 * Generated ones are seeded, so a failing case can be replayed by its name.
 */
public final class HostileBodies {

    public static final String JSON = "application/json";
    public static final String NDJSON = "application/x-ndjson";
    private static final long SEED = 6_2026_1128L;

    /** One upload: what it is, how it is labelled, and its bytes. */
    public record Upload(String name, String contentType, String contentEncoding, String query, byte[] body) {

        public Upload(String name, String contentType, byte[] body) {
            this(name, contentType, null, null, body);
        }

        public Upload(String name, String contentType, String body) {
            this(name, contentType, null, null, utf8(body));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    public static final String ENVELOPE_EXAMPLE = "{\"scenario_name\":\"picker-wheel\",\"deployment_mode\":\"desktop\","
            + "\"source\":\"runtime\",\"events\":[{\"event\":\"app_start\",\"ts\":\"2025-01-15T12:00:00.123456789Z\","
            + "\"service_id\":\"api\",\"details\":{\"version\":\"1.0.0\"}},{\"event\":\"ready\"}]}";
    public static final String SINGLE_EXAMPLE = "{\"scenario\":\"picker-wheel\",\"event\":\"migration_failed\","
            + "\"event_id\":\"0190f4a2-7b1c-7cc0-8a11-1b2c3d4e5f60\",\"details\":{\"version\":\"42\",\"error\":\"x\"}}";

    private HostileBodies() {
    }

    /** The valid bodies, cut short at many offsets (every offset for the short ones). */
    public static List<Upload> truncations() {
        List<Upload> out = new ArrayList<>();
        addTruncations(out, "JSON array example", JSON, DocumentExamples.JSON_ARRAY, 9);
        addTruncations(out, "NDJSON example", NDJSON, DocumentExamples.NDJSON, 5);
        addTruncations(out, "envelope", JSON, ENVELOPE_EXAMPLE, 8);
        addTruncations(out, "single event", JSON, SINGLE_EXAMPLE, 6);
        return out;
    }

    private static void addTruncations(List<Upload> out, String what, String type, String body, int step) {
        byte[] bytes = utf8(body);
        for (int cut = 0; cut < bytes.length; cut += step) {
            out.add(new Upload(what + " cut at byte " + cut + " of " + bytes.length, type,
                    Arrays.copyOf(bytes, cut)));
        }
    }

    /** Seeded random bytes of varied length, and valid bodies with random bytes overwritten. */
    public static List<Upload> randomBytes() {
        Random random = new Random(SEED);
        List<Upload> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] b = new byte[1 + random.nextInt(i < 30 ? 2000 : 200_000)];
            random.nextBytes(b);
            out.add(new Upload("random bytes #" + i + " (" + b.length + " bytes, seed " + SEED + ")",
                    i % 2 == 0 ? JSON : NDJSON, b));
        }
        byte[] valid = utf8(DocumentExamples.JSON_ARRAY);
        byte[] validLines = utf8(DocumentExamples.NDJSON);
        for (int i = 0; i < 40; i++) {
            boolean lines = i % 2 == 1;
            byte[] b = (lines ? validLines : valid).clone();
            int flips = 1 + random.nextInt(4);
            StringBuilder where = new StringBuilder();
            for (int f = 0; f < flips; f++) {
                int at = random.nextInt(b.length);
                b[at] = (byte) random.nextInt(256);
                where.append(f == 0 ? "" : ",").append(at);
            }
            out.add(new Upload((lines ? "NDJSON" : "JSON array") + " example with bytes " + where + " replaced",
                    lines ? NDJSON : JSON, b));
        }
        return out;
    }

    /** Arrays and objects nested 10 000 and 100 000 deep, closed and unclosed, at the top and in details. */
    public static List<Upload> deepNesting() {
        List<Upload> out = new ArrayList<>();
        for (int depth : new int[] {10_000, 100_000}) {
            out.add(new Upload("array nested " + depth + " deep", JSON, "[".repeat(depth) + "]".repeat(depth)));
            out.add(new Upload("array nested " + depth + " deep, never closed", JSON, "[".repeat(depth)));
            out.add(new Upload("object nested " + depth + " deep", JSON,
                    "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)));
            out.add(new Upload("details nested " + depth + " deep in objects", JSON,
                    event("\"details\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth))));
            out.add(new Upload("details holding arrays nested " + depth + " deep", NDJSON,
                    event("\"details\":{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}")));
            out.add(new Upload("scenario value nested " + depth + " deep", JSON,
                    "{\"scenario\":" + "[".repeat(depth) + "]".repeat(depth) + ",\"event\":\"x\"}"));
        }
        out.add(new Upload("envelope whose events array is nested 10000 deep", JSON,
                "{\"scenario_name\":\"a\",\"events\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"));
        out.add(new Upload("NDJSON of 5000 lines each nested 200 deep", NDJSON,
                (event("\"details\":" + "{\"a\":".repeat(200) + "1" + "}".repeat(200)) + "\n").repeat(5000)));
        return out;
    }

    /** Numbers and strings far beyond any sane size, in every place they can go. */
    public static List<Upload> hugeValues() {
        List<Upload> out = new ArrayList<>();
        String digits = "9".repeat(100_000);
        out.add(new Upload("a 100000-digit integer in details", JSON, event("\"details\":{\"n\":" + digits + "}")));
        out.add(new Upload("a 100000-digit fraction in details", JSON, event("\"details\":{\"n\":0." + digits + "}")));
        out.add(new Upload("exponent 1e999999999 in details", JSON, event("\"details\":{\"n\":1e999999999}")));
        out.add(new Upload("exponent 1e-999999999 in details", JSON, event("\"details\":{\"n\":1e-999999999}")));
        out.add(new Upload("exponent with 100000 digits in details", JSON,
                event("\"details\":{\"n\":1e" + digits + "}")));
        out.add(new Upload("NaN and Infinity tokens in details", JSON,
                event("\"details\":{\"a\":NaN,\"b\":Infinity,\"c\":-Infinity}")));
        out.add(new Upload("leading zeros and a plus sign in details", JSON, event("\"details\":{\"a\":007,\"b\":+1}")));
        out.add(new Upload("a huge number as the scenario", JSON, "{\"scenario\":" + digits + ",\"event\":\"x\"}"));
        out.add(new Upload("a huge number as the timestamp", JSON, event("\"timestamp\":" + digits)));
        out.add(new Upload("a 100000-digit number as the whole body", JSON, digits));
        String big = "x".repeat(3 * 1024 * 1024);
        out.add(new Upload("a 3 MiB string in details", JSON, event("\"details\":{\"s\":\"" + big + "\"}")));
        out.add(new Upload("a 3 MiB scenario name", JSON, "{\"scenario\":\"" + big + "\",\"event\":\"x\"}"));
        out.add(new Upload("a 3 MiB event type", JSON, "{\"scenario\":\"a\",\"event\":\"" + big + "\"}"));
        out.add(new Upload("a 3 MiB timestamp", JSON, event("\"timestamp\":\"2025-01-15T12:00:00" + big + "Z\"")));
        out.add(new Upload("a 3 MiB deployment id", JSON, event("\"deployment_id\":\"" + big + "\"")));
        out.add(new Upload("a 3 MiB event id", JSON, event("\"event_id\":\"" + big + "\"")));
        out.add(new Upload("a 3 MiB key name in details", JSON, event("\"details\":{\"" + big + "\":1}")));
        out.add(new Upload("a 3 MiB unknown top-level key", JSON, event("\"" + big + "\":1")));
        out.add(new Upload("a 3 MiB string of escapes \\u0041", JSON,
                event("\"details\":{\"s\":\"" + "\\u0041".repeat(500_000) + "\"}")));
        out.add(new Upload("a 3 MiB unterminated string", JSON, "[{\"scenario\":\"" + big));
        out.add(new Upload("200000 keys in details", JSON, event("\"details\":{" + join(200_000,
                i -> "\"k" + i + "\":" + i) + "}")));
        out.add(new Upload("one key repeated 100000 times in details", JSON, event("\"details\":{" + join(100_000,
                i -> "\"k\":" + i) + "}")));
        out.add(new Upload("the scenario key repeated 1000 times", JSON, "{" + join(1000,
                i -> "\"scenario\":\"s" + i + "\"") + ",\"event\":\"x\"}"));
        out.add(new Upload("100000 tiny events in one array", JSON, "[" + join(100_000,
                i -> "{\"scenario\":\"many\",\"event\":\"e\"}") + "]"));
        out.add(new Upload("200000 empty objects in one array", JSON, "[" + join(200_000, i -> "{}") + "]"));
        out.add(new Upload("400000 empty objects as NDJSON (one error each)", NDJSON, "{}\n".repeat(400_000)));
        out.add(new Upload("1.4 million empty objects as 4 MiB of NDJSON", NDJSON, "{}\n".repeat(1_398_000)));
        out.add(new Upload("1.4 million empty objects in a 4 MiB array", JSON, "[" + join(1_398_000, i -> "{}") + "]"));
        out.add(new Upload("1 million numbers in a 4 MiB array", JSON, "[" + join(1_000_000, i -> "1") + "]"));
        out.add(new Upload("400000 blank NDJSON lines", NDJSON, "\n".repeat(400_000)));
        out.add(new Upload("one 3.9 MiB whitespace body", JSON, " ".repeat(4 * 1024 * 1024 - 100_000)));
        return out;
    }

    /** Every field of an event given every wrong JSON type, and the top level given non-objects. */
    public static List<Upload> wrongTypes() {
        List<Upload> out = new ArrayList<>();
        String[] wrong = {"null", "true", "42", "-1.5e3", "[]", "[\"a\"]", "{}", "{\"a\":1}", "\"\""};
        String[] fields = {"scenario", "event", "timestamp", "ts", "details", "deployment_id", "event_id",
            "service_id"};
        for (String field : fields) {
            for (String value : wrong) {
                out.add(new Upload(field + " given " + value, JSON, eventWith(field, value)));
            }
        }
        for (String value : new String[] {"null", "true", "42", "\"text\"", "[1,2]", "[null]", "[[]]", "[\"a\"]"}) {
            out.add(new Upload("a top-level body of " + value, JSON, value));
            out.add(new Upload("an NDJSON line of " + value, NDJSON, value + "\n" + DocumentExamples.NDJSON));
            out.add(new Upload("envelope events given " + value, JSON, "{\"scenario_name\":\"a\",\"events\":" + value + "}"));
            out.add(new Upload("envelope scenario_name given " + value, JSON,
                    "{\"scenario_name\":" + value + ",\"events\":[{\"event\":\"x\"}]}"));
        }
        for (String ts : new String[] {"yesterday", "2025-13-45T99:99:99Z", "2025-01-15T12:00:00", "0",
            "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "2025-01-15T12:00:00+99:00",
            "2025-01-15T12:00:00.1234567890123Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z"}) {
            out.add(new Upload("timestamp \"" + ts + "\"", JSON, event("\"timestamp\":\"" + ts + "\"")));
        }
        return out;
    }

    /** Malformed UTF-8 in every string position, overlong encodings of '/' and '.', and NUL bytes. */
    public static List<Upload> badEncodings() {
        List<Upload> out = new ArrayList<>();
        byte[][] bad = {
            {(byte) 0xC0, (byte) 0xAF},                           // overlong '/'
            {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},              // 3-byte overlong '/'
            {(byte) 0xC0, (byte) 0xAE, (byte) 0xC0, (byte) 0xAE}, // overlong ".."
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},              // UTF-16 surrogate
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
            {(byte) 0x80},                                        // lone continuation byte
            {(byte) 0xFF, (byte) 0xFE},                           // never valid
            {(byte) 0xE2, (byte) 0x82},                           // truncated sequence
            {0},                                                  // raw NUL
        };
        String[] names = {"overlong '/'", "3-byte overlong '/'", "overlong '..'", "a UTF-16 surrogate",
            "a code point above U+10FFFF", "a lone continuation byte", "0xFF 0xFE", "a truncated sequence",
            "a raw NUL byte"};
        for (int i = 0; i < bad.length; i++) {
            out.add(new Upload(names[i] + " inside the scenario", JSON,
                    concat("{\"scenario\":\"a", bad[i], "b\",\"event\":\"x\"}")));
            out.add(new Upload(names[i] + " as a scenario traversal", JSON,
                    concat("{\"scenario\":\"..", bad[i], "escaped\",\"event\":\"x\"}")));
            out.add(new Upload(names[i] + " inside the event type", NDJSON,
                    concat("{\"scenario\":\"a\",\"event\":\"x", bad[i], "\"}")));
            out.add(new Upload(names[i] + " inside a details string", JSON,
                    concat("{\"scenario\":\"enc\",\"event\":\"x\",\"details\":{\"s\":\"", bad[i], "\"}}")));
            out.add(new Upload(names[i] + " inside a details key", JSON,
                    concat("{\"scenario\":\"enc\",\"event\":\"x\",\"details\":{\"", bad[i], "\":1}}")));
            out.add(new Upload(names[i] + " between tokens", JSON,
                    concat("[{\"scenario\":\"enc\",", bad[i], "\"event\":\"x\"}]")));
            out.add(new Upload(names[i] + " ending the body", NDJSON,
                    concat(DocumentExamples.NDJSON + "\n", bad[i], "")));
        }
        out.add(new Upload("escaped NUL in the scenario", JSON, "{\"scenario\":\"a\\u0000b\",\"event\":\"x\"}"));
        out.add(new Upload("escaped NUL ending the scenario", JSON, "{\"scenario\":\"a\\u0000\",\"event\":\"x\"}"));
        out.add(new Upload("escaped NUL in details", JSON, event("\"details\":{\"s\":\"\\u0000\",\"\\u0000\":1}")));
        out.add(new Upload("a lone escaped surrogate in details", JSON, event("\"details\":{\"s\":\"\\ud800\"}")));
        out.add(new Upload("a reversed escaped surrogate pair in details", JSON,
                event("\"details\":{\"s\":\"\\udc00\\ud800\"}")));
        out.add(new Upload("a lone escaped surrogate as a details key", JSON, event("\"details\":{\"\\ud800\":1}")));
        out.add(new Upload("two raw beyond-Unicode keys that are equal once repaired", JSON,
                concat(concat(utf8("{\"scenario\":\"enc\",\"event\":\"x\",\"details\":{\""),
                        new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}),
                        concat(concat(utf8("\":1,\""), new byte[] {(byte) 0xF4, (byte) 0xA0, (byte) 0x80, (byte) 0x80}),
                                utf8("\":2}}")))));
        out.add(new Upload("an invalid escape \\x41", JSON, event("\"details\":{\"s\":\"\\x41\"}")));
        out.add(new Upload("a body of NUL bytes", JSON, new byte[1000]));
        out.add(new Upload("a body starting with NUL", JSON, concat("", new byte[] {0},
                DocumentExamples.JSON_ARRAY)));
        out.add(new Upload("raw control characters in a string", JSON,
                event("\"details\":{\"s\":\"a\u0001\u0002\u001f\tb\"}")));
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        out.add(new Upload("a UTF-8 BOM before a JSON array", JSON, concat("", bom,
                DocumentExamples.JSON_ARRAY)));
        out.add(new Upload("a UTF-8 BOM before NDJSON", NDJSON, concat("", bom, DocumentExamples.NDJSON)));
        out.add(new Upload("a UTF-8 BOM on every NDJSON line", NDJSON, concat(concat(concat(bom,
                utf8("{\"scenario\":\"bom\",\"event\":\"x\"}\n")), bom), utf8("{\"scenario\":\"bom\",\"event\":\"y\"}"))));
        out.add(new Upload("a BOM inside a string", JSON, concat("{\"scenario\":\"bom\",\"event\":\"x\","
                + "\"details\":{\"s\":\"", bom, "\"}}")));
        out.add(new Upload("the JSON array example in UTF-16 with a BOM", JSON,
                DocumentExamples.JSON_ARRAY.getBytes(StandardCharsets.UTF_16)));
        out.add(new Upload("the JSON array example in UTF-16LE", JSON,
                DocumentExamples.JSON_ARRAY.getBytes(StandardCharsets.UTF_16LE)));
        out.add(new Upload("the NDJSON example in UTF-32", NDJSON,
                DocumentExamples.NDJSON.getBytes(java.nio.charset.Charset.forName("UTF-32"))));
        out.add(new Upload("a UTF-32 BOM before JSON", JSON, concat("", new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF},
                DocumentExamples.JSON_ARRAY)));
        return out;
    }

    /**
     * Scenario names that must never become a path: traversal, separators, reserved and Unicode
     * names, very long ones; in the event, in {@code ?scenario=} and in the envelope.
     */
    public static List<Upload> hostileScenarioNames(String canary) {
        List<String> names = new ArrayList<>(List.of("..", ".", "../escaped", "../../escaped", "../../../escaped",
                "..\\\\escaped", "a/b", "a\\\\b", "/abs", canary, "./hidden", ".hidden", "-dash-first", "_under",
                "a b", "a\\tb", "a\\nb", "C:\\\\windows", "a:b", "a*b", "a?b", "a|b", "a%2fb", "%2e%2e", "~root",
                "\\u00fcber", "\\u0000", "\\ud83d\\ude00", "\u212a", "a\\u2024b", "a\\uff0fb", "name.jsonl.corrupt/..",
                "x".repeat(129), "y".repeat(10_000), "", " ", "escaped/../../x"));
        List<Upload> out = new ArrayList<>();
        for (String n : names) {
            String shown = n.length() > 40 ? n.substring(0, 12) + "... (" + n.length() + " chars)" : n;
            out.add(new Upload("scenario \"" + shown + "\" in the event", JSON,
                    "{\"scenario\":\"" + n + "\",\"event\":\"x\"}"));
            out.add(new Upload("scenario \"" + shown + "\" as the envelope's scenario_name", JSON,
                    "{\"scenario_name\":\"" + n + "\",\"events\":[{\"event\":\"x\"}]}"));
        }
        for (String n : List.of("..", "../escaped", "..%2Fescaped", "%2e%2e%2fescaped", "a%00b", "a%2Fb",
                "%C0%AF", "y".repeat(10_000), canary.replace("/", "%2F"), "a&scenario=..")) {
            String shown = n.length() > 40 ? n.substring(0, 12) + "... (" + n.length() + " chars)" : n;
            out.add(new Upload("?scenario=" + shown + " for events without one", NDJSON, null, "scenario=" + n,
                    utf8("{\"event\":\"x\"}")));
        }
        return out;
    }

    /** Gzip bombs and gzip that is broken in every way a stream can be. */
    public static List<Upload> gzip() {
        List<Upload> out = new ArrayList<>();
        byte[] valid = utf8(DocumentExamples.JSON_ARRAY);
        byte[] gz = ServerExtension.gzip(valid);
        out.add(new Upload("gzip bomb: 64 MiB of zeros", JSON, "gzip", null, ServerExtension.gzip(new byte[64 << 20])));
        out.add(new Upload("gzip bomb: 64 MiB of spaces", JSON, "gzip", null,
                ServerExtension.gzip(utf8(" ".repeat(64 << 20)))));
        out.add(new Upload("gzip bomb: 16 MiB of '[' (deep nesting once inflated)", JSON, "gzip", null,
                ServerExtension.gzip(utf8("[".repeat(16 << 20)))));
        out.add(new Upload("gzip bomb inside gzip", JSON, "gzip", null,
                ServerExtension.gzip(ServerExtension.gzip(new byte[64 << 20]))));
        out.add(new Upload("gzip declared twice (gzip, gzip) on a double-gzip body", JSON, "gzip, gzip", null,
                ServerExtension.gzip(gz)));
        out.add(new Upload("gzip of a gzip body declared once", JSON, "gzip", null, ServerExtension.gzip(gz)));
        out.add(new Upload("two concatenated gzip members", JSON, "gzip", null, concat(gz, gz)));
        for (int cut : new int[] {0, 1, 2, 5, 10, gz.length / 2, gz.length - 8, gz.length - 4, gz.length - 1}) {
            out.add(new Upload("gzip cut at byte " + cut + " of " + gz.length, JSON, "gzip", null,
                    Arrays.copyOf(gz, cut)));
        }
        byte[] badCrc = gz.clone();
        badCrc[badCrc.length - 6] ^= 0x55;
        out.add(new Upload("gzip with a wrong CRC", JSON, "gzip", null, badCrc));
        byte[] badSize = gz.clone();
        badSize[badSize.length - 2] ^= 0x55;
        out.add(new Upload("gzip with a wrong length trailer", JSON, "gzip", null, badSize));
        byte[] badMethod = gz.clone();
        badMethod[2] = 7;
        out.add(new Upload("gzip with an unknown compression method", JSON, "gzip", null, badMethod));
        byte[] flags = gz.clone();
        flags[3] = (byte) 0xE0;
        out.add(new Upload("gzip with reserved flag bits set", JSON, "gzip", null, flags));
        byte[] fextra = gz.clone();
        fextra[3] = 0x04;
        out.add(new Upload("gzip claiming an extra field it does not have", JSON, "gzip", null, fextra));
        Random random = new Random(SEED);
        byte[] noise = new byte[4096];
        random.nextBytes(noise);
        noise[0] = 0x1f;
        noise[1] = (byte) 0x8b;
        noise[2] = 8;
        noise[3] = 0;
        out.add(new Upload("a gzip header followed by random bytes", JSON, "gzip", null, noise));
        out.add(new Upload("plain JSON labelled gzip", JSON, "gzip", null, valid));
        out.add(new Upload("gzip labelled x-gzip", JSON, "x-gzip", null, gz));
        out.add(new Upload("gzip of random bytes", NDJSON, "gzip", null, ServerExtension.gzip(noise)));
        out.add(new Upload("gzip of invalid UTF-8", JSON, "gzip", null,
                ServerExtension.gzip(concat("[{\"scenario\":\"", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}]"))));
        return out;
    }

    private static String event(String extraField) {
        return "{\"scenario\":\"hostile\",\"event\":\"probe\"," + extraField + "}";
    }

    private static String eventWith(String field, String value) {
        StringBuilder sb = new StringBuilder("{");
        for (String[] kv : new String[][] {{"scenario", "\"hostile\""}, {"event", "\"probe\""}}) {
            if (!kv[0].equals(field)) {
                sb.append('"').append(kv[0]).append("\":").append(kv[1]).append(',');
            }
        }
        return sb.append('"').append(field).append("\":").append(value).append('}').toString();
    }

    private static String join(int n, IntFunction<String> item) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(item.apply(i));
        }
        return sb.toString();
    }

    public static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    public static byte[] concat(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(before));
        out.writeBytes(middle);
        out.writeBytes(utf8(after));
        return out.toByteArray();
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
