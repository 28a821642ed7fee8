package com.vrooli.telemetry.http;

import static com.vrooli.telemetry.http.HostileBodies.concat;
import static com.vrooli.telemetry.http.HostileBodies.utf8;

import com.vrooli.telemetry.core.DocumentExamples;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Whole requests written byte by byte for a raw socket: abused {@code Content-Length},
 * {@code Transfer-Encoding}, {@code Content-Encoding} and {@code Content-Type} headers, huge and
 * numerous headers, HTTP/0.9 and garbage request lines, and hostile paths.
 */
public final class HostileRequests {

    private static final String UPLOAD = "/api/v1/telemetry/upload";
    private static final String BODY = DocumentExamples.NDJSON;
    private static final byte[] GZIPPED = ServerExtension.gzip(utf8(BODY));

    /** One request as it goes on the wire. */
    public record Raw(String name, byte[] bytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    private HostileRequests() {
    }

    public static List<Raw> contentLength() {
        List<Raw> out = new ArrayList<>();
        int real = utf8(BODY).length;
        for (String cl : new String[] {"-1", "-100", "abc", "1e3", "0x10", "99999999999999999999",
            "9223372036854775807", "9223372036854775808", "4194305", "+" + real, real + ", " + real, "", " ",
            real + "abc", "0" + real, Integer.toString(real - 10), Integer.toString(real + 50), "0"}) {
            out.add(upload("Content-Length: '" + cl + "' on a " + real + "-byte body",
                    "Content-Type: application/x-ndjson\r\nContent-Length: " + cl + "\r\n", utf8(BODY)));
        }
        byte[] oversize = new byte[4 * 1024 * 1024 + 1];
        Arrays.fill(oversize, (byte) ' ');
        out.add(upload("a true Content-Length of 4 MiB plus one byte", "Content-Type: application/json\r\n"
                + "Content-Length: " + oversize.length + "\r\n", oversize));
        out.add(upload("two equal Content-Length headers", "Content-Type: application/x-ndjson\r\nContent-Length: "
                + real + "\r\nContent-Length: " + real + "\r\n", utf8(BODY)));
        out.add(upload("two different Content-Length headers", "Content-Type: application/x-ndjson\r\n"
                + "Content-Length: 5\r\nContent-Length: " + real + "\r\n", utf8(BODY)));
        out.add(upload("Content-Length and chunked together (smuggling)", "Content-Type: application/x-ndjson\r\n"
                + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n", chunked(BODY)));
        out.add(upload("chunked then Content-Length (smuggling)", "Content-Type: application/x-ndjson\r\n"
                + "Transfer-Encoding: chunked\r\nContent-Length: 400\r\n", chunked(BODY)));
        out.add(upload("a smuggled second request after a short Content-Length",
                "Content-Type: application/x-ndjson\r\nContent-Length: 3\r\n",
                utf8("[]\nPOST " + UPLOAD + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\n[][]]")));
        return out;
    }

    public static List<Raw> transferEncoding() {
        List<Raw> out = new ArrayList<>();
        String type = "Content-Type: application/x-ndjson\r\n";
        String[][] bodies = {
            {"chunk size 'zz'", "zz\r\n" + BODY + "\r\n0\r\n\r\n"},
            {"chunk size -1", "-1\r\n" + BODY + "\r\n0\r\n\r\n"},
            {"chunk size of 20 hex digits", "FFFFFFFFFFFFFFFFFFFF\r\n" + BODY + "\r\n0\r\n\r\n"},
            {"chunk size 7FFFFFFFFFFFFFFF", "7FFFFFFFFFFFFFFF\r\n" + BODY + "\r\n0\r\n\r\n"},
            {"chunk larger than its data", "1000\r\n" + BODY},
            {"no last chunk", Integer.toHexString(utf8(BODY).length) + "\r\n" + BODY + "\r\n"},
            {"chunk extensions", Integer.toHexString(utf8(BODY).length) + ";a=b;c=\"d\"\r\n" + BODY + "\r\n0\r\n\r\n"},
            {"trailers", Integer.toHexString(utf8(BODY).length) + "\r\n" + BODY + "\r\n0\r\nX-Trailer: 1\r\n"
                    + "Content-Length: 99\r\n\r\n"},
            {"a chunk missing its CRLF", Integer.toHexString(utf8(BODY).length) + "\r\n" + BODY + "0\r\n\r\n"},
            {"a million 1-byte chunks", "1\r\n \r\n".repeat(1_000_000) + "0\r\n\r\n"},
        };
        for (String[] b : bodies) {
            out.add(upload("chunked body with " + b[0], type + "Transfer-Encoding: chunked\r\n", utf8(b[1])));
        }
        for (String te : new String[] {"gzip", "identity", "chunked, identity", "gzip, chunked", "xchunked",
            "chunked;q=1", "CHUNKED", "chunked\r\nTransfer-Encoding: chunked", " chunked"}) {
            out.add(upload("Transfer-Encoding: " + te.replace("\r\n", " + "), type + "Transfer-Encoding: " + te
                    + "\r\n", chunked(BODY)));
        }
        out.add(upload("Transfer-Encoding folded onto a second line", type + "Transfer-Encoding:\r\n chunked\r\n",
                chunked(BODY)));
        return out;
    }

    public static List<Raw> contentEncodingAndType() {
        List<Raw> out = new ArrayList<>();
        for (String ce : new String[] {"deflate", "br", "compress", "gzip;q=1", "gzip, identity", "identity, gzip",
            "GZIP", "*", "\u00ff\u00fe", "x".repeat(10_000), "gzip\r\nContent-Encoding: gzip", "zstd"}) {
            String shown = ce.length() > 40 ? "x... (" + ce.length() + " chars)" : ce.replace("\r\n", " + ");
            out.add(upload("Content-Encoding: " + shown + " on a gzip body", "Content-Type: application/x-ndjson\r\n"
                    + "Content-Encoding: " + ce + "\r\nContent-Length: " + GZIPPED.length + "\r\n", GZIPPED));
        }
        byte[] body = utf8(BODY);
        for (String ct : new String[] {"application/json\r\nContent-Type: text/plain",
            "text/plain\r\nContent-Type: application/json", "application/json; charset=utf-16",
            "application/json; charset=\u00ff", "text/html", "application/json;;;", "*/*",
            "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "APPLICATION/X-NDJSON",
            "application/json\u0000", "application/" + "x".repeat(10_000), ";", "application/x-ndjson;q=\"\\",
            "application/json, application/x-ndjson"}) {
            String shown = ct.length() > 60 ? "application/x... (" + ct.length() + " chars)"
                    : ct.replace("\r\n", " + ").replace("\u0000", "\\0");
            out.add(upload("Content-Type: " + shown, "Content-Type: " + ct + "\r\nContent-Length: " + body.length
                    + "\r\n", body));
        }
        out.add(upload("no Content-Type on NDJSON (refused: 415)", "Content-Length: " + body.length + "\r\n", body));
        out.add(upload("an empty Content-Type", "Content-Type:\r\nContent-Length: " + body.length + "\r\n", body));
        return out;
    }

    public static List<Raw> hugeAndManyHeaders() {
        List<Raw> out = new ArrayList<>();
        byte[] body = utf8(BODY);
        String cl = "Content-Type: application/x-ndjson\r\nContent-Length: " + body.length + "\r\n";
        for (int kib : new int[] {8, 64, 1024, 4096}) {
            out.add(upload("one " + kib + " KiB header value", cl + "X-Big: " + "a".repeat(kib * 1024) + "\r\n", body));
        }
        out.add(upload("a 64 KiB header name", cl + "X" + "n".repeat(64 * 1024) + ": 1\r\n", body));
        out.add(upload("a 64 KiB Authorization header", cl + "Authorization: Bearer " + "t".repeat(64 * 1024)
                + "\r\n", body));
        for (int n : new int[] {100, 1_000, 10_000, 100_000}) {
            out.add(upload(n + " headers", cl + "X-H: v\r\n".repeat(n), body));
        }
        out.add(upload("a header line without a colon", cl + "NoColonHere\r\n", body));
        out.add(upload("a header name with a space", cl + "Bad Name: 1\r\n", body));
        out.add(upload("a NUL in a header value", cl + "X-Nul: a\u0000b\r\n", body));
        out.add(upload("a header folded over 1000 lines", cl + "X-Fold: a\r\n" + " b\r\n".repeat(1000), body));
        out.add(raw("bare LF line endings", "POST " + UPLOAD + " HTTP/1.1\nHost: localhost\nContent-Type: application/x-ndjson"
                + "\nContent-Length: " + body.length + "\n\n" + BODY));
        out.add(raw("bare CR line endings", "POST " + UPLOAD + " HTTP/1.1\rHost: localhost\rContent-Length: " + body.length
                + "\r\r" + BODY));
        out.add(raw("a request that ends inside its headers", "POST " + UPLOAD + " HTTP/1.1\r\nHost: localhost\r\nContent-"));
        out.add(raw("Expect: 100-continue and no body", "POST " + UPLOAD + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Expect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n"));
        out.add(upload("Expect: 999-weird", cl + "Expect: 999-weird\r\n", body));
        return out;
    }

    public static List<Raw> requestLines() {
        List<Raw> out = new ArrayList<>();
        out.add(raw("HTTP/0.9 request without a version", "GET /health\r\n"));
        out.add(raw("HTTP/0.9 upload without a version", "POST " + UPLOAD + "\r\n\r\n" + BODY));
        out.add(raw("version HTTP/0.9", "GET /health HTTP/0.9\r\n\r\n"));
        out.add(raw("version HTTP/2.0 in plain text", "GET /health HTTP/2.0\r\nHost: localhost\r\n\r\n"));
        out.add(raw("version HTTP/9.9", "GET /health HTTP/9.9\r\nHost: localhost\r\n\r\n"));
        out.add(raw("version HTTP/1.1000000000", "GET /health HTTP/1.1000000000\r\nHost: localhost\r\n\r\n"));
        out.add(raw("the HTTP/2 connection preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
        out.add(raw("a greeting instead of a request", "HELLO\r\n\r\n"));
        out.add(raw("only blank lines", "\r\n\r\n\r\n\r\n"));
        out.add(raw("nothing at all", ""));
        out.add(raw("a lowercase method", "post " + UPLOAD + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n[]"));
        out.add(raw("an unknown method", "FOO " + UPLOAD + " HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        out.add(raw("a 10 KiB method", "P".repeat(10_240) + " / HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        out.add(raw("CONNECT", "CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n"));
        out.add(raw("OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        out.add(raw("TRACE", "TRACE / HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        out.add(raw("double spaces in the request line", "GET  /health  HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        out.add(raw("tabs in the request line", "GET\t/health\tHTTP/1.1\r\nHost: localhost\r\n\r\n"));
        out.add(raw("an absolute-form upload target", "POST http://evil.example" + UPLOAD + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/x-ndjson\r\nContent-Length: " + utf8(BODY).length + "\r\n\r\n" + BODY));
        out.add(raw("HTTP/1.1 without Host", "GET /health HTTP/1.1\r\n\r\n"));
        out.add(raw("two Host headers", "GET /health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"));
        out.add(raw("a 100 KiB path", "GET /" + "a".repeat(100 * 1024) + " HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        out.add(raw("a 2 MiB path", "GET /" + "a".repeat(2 * 1024 * 1024) + " HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        out.add(raw("10000 scenario query parameters", "POST " + UPLOAD + "?" + "scenario=a&".repeat(10_000)
                + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-ndjson\r\nContent-Length: 15\r\n\r\n"
                + "{\"event\":\"x\"}\n\n"));
        out.add(raw("a NUL in the path", "GET /hea\u0000lth HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        out.add(raw("raw UTF-8 in the path", "GET /api/v1/telemetry/\u00c3\u00bcber HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        byte[] tls = {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00, 0x00, (byte) 0xa1, 0x03, 0x03};
        out.add(new Raw("a TLS ClientHello (HTTPS spoken to HTTP)", concat(tls, new byte[200])));
        Random random = new Random(6);
        for (int i = 0; i < 5; i++) {
            byte[] noise = new byte[1 + random.nextInt(4096)];
            random.nextBytes(noise);
            out.add(new Raw("random bytes as a request #" + i + " (" + noise.length + " bytes)", noise));
        }
        out.add(raw("pipelined: a good upload, then garbage", "POST " + UPLOAD + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/x-ndjson\r\nContent-Length: " + utf8(BODY).length + "\r\n\r\n" + BODY
                + "\u0001\u0002 garbage\r\n\r\n"));
        return out;
    }

    /** GETs whose path carries a hostile scenario; {@code secret} names a file one level above the directory. */
    public static List<Raw> hostilePaths(String secret) {
        List<Raw> out = new ArrayList<>();
        for (String scenario : new String[] {"..", "%2e%2e", "..%2F" + secret, "%2E%2E%2F" + secret,
            "..%5C" + secret, "..%2F..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "a%00b", "%C0%AE%C0%AE%2F" + secret,
            "%C0%AF", "%ZZ", "%", "x".repeat(10_000), "%F0%9F%98%80", "upload%2F..", ".%2E"}) {
            String shown = scenario.length() > 40 ? "x... (" + scenario.length() + " chars)" : scenario;
            for (String suffix : new String[] {"", "/events"}) {
                out.add(raw("GET /api/v1/telemetry/" + shown + suffix, "GET /api/v1/telemetry/" + scenario + suffix
                        + " HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            }
        }
        out.add(raw("GET /api/v1/telemetry/../../" + secret + " (dot segments)", "GET /api/v1/telemetry/../../"
                + secret + " HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        out.add(raw("GET /api/v1/telemetry/" + secret + "/../../events", "GET /api/v1/telemetry/" + secret
                + "/../../events HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        return out;
    }

    /** Event queries with abused parameters, on a scenario that exists. */
    public static List<Raw> hostileQueries(String scenario) {
        List<Raw> out = new ArrayList<>();
        String[][] queries = {
            {"limit=-1", "limit=-1"},
            {"limit of 20 digits", "limit=99999999999999999999"},
            {"limit=1e3", "limit=1e3"},
            {"10000 event= parameters", "event=x&".repeat(10_000)},
            {"one event= of 10000 comma-separated types", "event=" + "x,".repeat(10_000)},
            {"a 100 KiB search", "search=" + "a".repeat(100 * 1024)},
            {"a search of regex metacharacters", "search=.*%5B(%3F%3D%5C"},
            {"a 64 KiB cursor", "cursor=" + "c".repeat(64 * 1024)},
            {"a cursor of base64 junk", "cursor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},
            {"since after until", "since=2025-01-16T00:00:00Z&until=2025-01-15T00:00:00Z"},
            {"since at the year 999999999", "since=%2B999999999-12-31T23:59:59Z"},
            {"since with 40 fraction digits", "since=2025-01-15T12:00:00." + "1".repeat(40) + "Z"},
            {"level of NUL", "level=%00"},
            {"order=sideways", "order=sideways"},
            {"deployment_id of 10000 chars", "deployment_id=" + "d".repeat(10_000)},
            {"a parameter without a name", "=x"},
            {"only ampersands", "&&&&&&&&"},
            {"a broken percent escape", "search=%E0%A4%A"},
        };
        for (String[] q : queries) {
            out.add(raw("GET events with " + q[0], "GET /api/v1/telemetry/" + scenario + "/events?" + q[1]
                    + " HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        }
        return out;
    }

    private static Raw upload(String name, String headers, byte[] body) {
        return new Raw(name, concat(utf8("POST " + UPLOAD + " HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n"),
                body));
    }

    private static Raw raw(String name, String request) {
        return new Raw(name, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] chunked(String body) {
        byte[] b = utf8(body);
        return concat(utf8(Integer.toHexString(b.length) + "\r\n"), concat(b, utf8("\r\n0\r\n\r\n")));
    }
}
