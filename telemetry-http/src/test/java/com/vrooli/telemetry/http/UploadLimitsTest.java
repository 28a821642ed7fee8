package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.DocumentExamples;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Size and type limits, enforced before or while reading, with a server of small limits. */
class UploadLimitsTest {

    private static final String UPLOAD = "/api/v1/telemetry/upload";
    private static final int MAX_BODY = 64 * 1024;
    private static final int MAX_DECOMPRESSED = 128 * 1024;

    @RegisterExtension
    final ServerExtension server = ServerExtension.inMemory(b -> b.maxBodyBytes(MAX_BODY)
            .maxDecompressedBytes(MAX_DECOMPRESSED));

    @Test
    @DisplayName("a Content-Length over the limit is 413 before the body is read")
    void oversizeByContentLength() {
        ServerExtension.Answer a = server.post(UPLOAD, "application/json", new byte[MAX_BODY + 1]);

        assertEquals(413, a.status());
        assertEquals("{\"status\":\"error\",\"error\":\"request body is 65537 bytes; the limit is 65536 bytes\"}",
                a.body());
        assertEquals("close", a.header("Connection"));
        assertServerStillAnswers();
    }

    @Test
    @DisplayName("a chunked body past the limit is refused with 413, delivered after the rest is dropped")
    void oversizeWhileStreaming() {
        // Twice the larger limit: read and dropped to the end, so the 413 is never lost to a reset.
        byte[] body = new byte[MAX_DECOMPRESSED * 2];
        Arrays.fill(body, (byte) ' ');
        HttpRequest.Builder chunked = HttpRequest.newBuilder(server.uri(UPLOAD))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        ServerExtension.Answer a = server.send(chunked);

        assertEquals(413, a.status());
        assertEquals("{\"status\":\"error\",\"error\":\"request body is larger than the limit of 65536 bytes\"}",
                a.body());
        assertServerStillAnswers();
    }

    @Test
    @DisplayName("a chunked body within the limit is accepted")
    void chunkedWithinLimit() {
        byte[] body = DocumentExamples.JSON_ARRAY.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder chunked = HttpRequest.newBuilder(server.uri(UPLOAD))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        ServerExtension.Answer a = server.send(chunked);

        assertEquals(200, a.status());
        assertEquals(DocumentExamples.ACCEPTED_ANSWER, a.body());
    }

    @Test
    @DisplayName("a gzip bomb is stopped at the decompressed limit with 413")
    void gzipBomb() {
        byte[] bomb = ServerExtension.gzip(new byte[20 * 1024 * 1024]);
        assertTrue(bomb.length < MAX_BODY, "the compressed bomb itself is within the body limit");

        ServerExtension.Answer a = server.post(UPLOAD, "application/json", bomb, "Content-Encoding", "gzip");

        assertEquals(413, a.status());
        assertEquals("{\"status\":\"error\",\"error\":\"decompressed request body is larger than the limit of"
                + " 131072 bytes\"}", a.body());
        assertServerStillAnswers();
    }

    @Test
    @DisplayName("a body that claims gzip but is not is 400")
    void notGzip() {
        ServerExtension.Answer a = server.post(UPLOAD, "application/json",
                DocumentExamples.JSON_ARRAY.getBytes(StandardCharsets.UTF_8),
                "Content-Encoding", "gzip");

        assertEquals(400, a.status());
        assertEquals("{\"status\":\"error\",\"error\":\"request body is not valid gzip data\"}", a.body());
    }

    @Test
    @DisplayName("a truncated gzip body is 400")
    void truncatedGzip() {
        byte[] full = ServerExtension.gzip(DocumentExamples.JSON_ARRAY.getBytes(StandardCharsets.UTF_8));

        ServerExtension.Answer a = server.post(UPLOAD, "application/json", Arrays.copyOf(full, full.length / 2),
                "Content-Encoding", "gzip");

        assertEquals(400, a.status());
        assertEquals("{\"status\":\"error\",\"error\":\"request body is not valid gzip data\"}", a.body());
    }

    @Test
    @DisplayName("an unsupported Content-Type is 415 listing the accepted types")
    void unsupportedContentType() {
        ServerExtension.Answer a = server.post(UPLOAD, "application/x-www-form-urlencoded", "a=b");

        assertEquals(415, a.status());
        assertEquals("{\"status\":\"error\",\"error\":\"unsupported Content-Type 'application/x-www-form-urlencoded';"
                + " send one of application/json, application/x-ndjson, application/jsonl,"
                + " application/x-jsonlines\"}", a.body());
        assertEquals("application/json, application/x-ndjson, application/jsonl, application/x-jsonlines",
                a.header("Accept-Post"));
    }

    @Test
    @DisplayName("an unsupported Content-Encoding is 415 naming gzip")
    void unsupportedContentEncoding() {
        ServerExtension.Answer a = server.post(UPLOAD, "application/json", "[]".getBytes(StandardCharsets.UTF_8),
                "Content-Encoding", "br");

        assertEquals(415, a.status());
        assertEquals("{\"status\":\"error\",\"error\":\"unsupported Content-Encoding 'br'; send gzip or no"
                + " encoding\"}", a.body());
        assertEquals("gzip, identity", a.header("Accept-Encoding"));
    }

    private void assertServerStillAnswers() {
        ServerExtension.Answer a = server.post(UPLOAD, "application/x-ndjson",
                DocumentExamples.NDJSON);
        assertEquals(List.of(200, DocumentExamples.ACCEPTED_ANSWER), List.of(a.status(), a.body()));
    }
}
