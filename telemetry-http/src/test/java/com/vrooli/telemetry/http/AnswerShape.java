package com.vrooli.telemetry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What every answer to a hostile request must look like: never 5xx; an error is JSON in the
 * document's shape, {@code {"status":"error","error":"<plain words>"}} or an upload's
 * {@code rejected} result, with no server path, no stack trace and no echo of a huge input.
 */
public final class AnswerShape {

    /** Longest error answer accepted: long enough for plain words, too short to echo a big input. */
    public static final int MAX_ERROR_BODY = 2048;
    /** Longest upload answer accepted: the listed per-event errors are capped, whatever the body held. */
    public static final int MAX_UPLOAD_ANSWER = 512 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> UPLOAD_STATUSES = Set.of("accepted", "partial", "rejected");
    private static final List<String> LEAKS = List.of("\tat ", ".java:", "Exception", "java.", "io.undertow",
            "com.vrooli", "/home/", "/work/");

    private AnswerShape() {
    }

    /**
     * The problems with an answer; empty when it is fine. The 2xx answer of an {@code upload} must
     * be an upload result too.
     */
    public static List<String> problems(int status, String contentType, String body, boolean upload, String serverPath) {
        List<String> problems = new ArrayList<>();
        if (body.contains(serverPath)) {
            problems.add("the answer names the server's directory");
        }
        if (status >= 500) {
            problems.add("a server error " + status);
        }
        for (String leak : LEAKS) {
            if (body.contains(leak)) {
                problems.add("the answer contains '" + leak.trim() + "'");
            }
        }
        if (status < 400 && !upload) {
            return problems;
        }
        if (contentType == null || !contentType.startsWith("application/json")) {
            problems.add("Content-Type " + contentType + " instead of application/json");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            problems.add("the body is not JSON");
            return problems;
        }
        if (root == null || !root.isObject()) {
            problems.add("the body is not a JSON object");
            return problems;
        }
        String kind = root.path("status").asText("");
        if (kind.equals("error")) {
            if (root.size() != 2 || !root.path("error").isTextual() || root.path("error").asText().isBlank()) {
                problems.add("not the error shape {\"status\":\"error\",\"error\":\"...\"}");
            }
            if (body.length() > MAX_ERROR_BODY) {
                problems.add("an error body of " + body.length() + " chars");
            }
        } else if (!UPLOAD_STATUSES.contains(kind) || (kind.equals("rejected") != (status == 400))) {
            problems.add("status '" + kind + "' with HTTP " + status);
        } else if (body.length() > MAX_UPLOAD_ANSWER) {
            problems.add("an upload answer of " + body.length() + " chars");
        }
        return problems;
    }

    /**
     * True for Undertow's own refusal of a request it cannot parse or accept (a bad request line, a
     * bad or conflicting {@code Content-Length} or {@code Transfer-Encoding}, an illegal header, no
     * or two {@code Host} headers): an empty 400 that closes the connection, sent before any
     * handler runs, so it cannot carry the JSON error body. Every answer of the server's own
     * handlers has a body, so this never hides one of them.
     */
    public static boolean isProtocolRefusal(RawExchange.Reply reply) {
        return reply.status() == 400 && reply.body().isEmpty() && "0".equals(reply.header("content-length"))
                && "close".equalsIgnoreCase(reply.header("connection"));
    }

    public static String describe(int status, String body) {
        return "HTTP " + status + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
    }
}
