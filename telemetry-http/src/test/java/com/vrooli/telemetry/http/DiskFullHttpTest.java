package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import com.vrooli.telemetry.core.EventDecoder;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.HeldJournal;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A full disk under the real server and the real JSONL store, on an in-memory file system with a
 * size cap: uploads answer 503 with Retry-After, nothing half-written reaches the files, reads keep
 * answering, and uploads succeed again once space is freed, without a restart.
 */
class DiskFullHttpTest {

    private static final String UPLOAD = "/api/v1/telemetry/upload";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 20;

    private final FileSystem fs =
            Jimfs.newFileSystem(Configuration.unix().toBuilder().setBlockSize(512).setMaxSize(1024 * 1024).build());
    private final Path dir = fs.getPath("/telemetry");
    private final Path filler = fs.getPath("/filler.bin");

    @RegisterExtension
    // The journal is held: its checkpoint, 2 s after the first upload by default, frees space, and a
    // slow run then saw an upload succeed between refusals (correctly: it fit).
    final ServerExtension http = ServerExtension.over(() -> HeldJournal.open(dir));

    @Test
    @DisplayName("disk full: 503 + Retry-After, whole lines only, stored = acknowledged, reads answer, recovery")
    void fullDiskThroughTheServer() throws IOException {
        fillLeaving(96 * 1024);
        List<String> refused = new ArrayList<>();
        int acknowledged = 0;
        int batch = 0;
        while (refused.size() < 3) {
            assertTrue(batch < 1_000, "the disk never filled up");
            String body = body("picker-wheel", batch++);
            ServerExtension.Answer a = http.post(UPLOAD, "application/x-ndjson", body);
            if (a.status() == 200) {
                assertEquals(0, refused.size(), "no upload succeeds between refusals while the disk stays full");
                acknowledged += JSON.readTree(a.body()).get("events_stored").asInt();
            } else {
                assertEquals(503, a.status(), a.body());
                assertEquals(ErrorMapper.RETRY_AFTER_SECONDS, a.header("Retry-After"));
                assertEquals("{\"status\":\"error\",\"error\":\"the telemetry store cannot accept writes right now;"
                        + " retry later\"}", a.body());
                refused.add(body);
            }
        }
        assertTrue(acknowledged > 0, "some uploads were stored before the disk filled");
        assertEquals(503, http.post(UPLOAD, "application/x-ndjson", body("brand-new", 0)).status(),
                "a new scenario cannot be created either");

        assertEquals(acknowledged, wholeValidLines("picker-wheel").size());
        assertEquals(acknowledged, totalEvents("picker-wheel"));
        ServerExtension.Answer events = http.get("/api/v1/telemetry/picker-wheel/events?limit=5");
        assertEquals(200, events.status());
        assertEquals(5, JSON.readTree(events.body()).get("events").size());
        assertEquals(200, http.get("/api/v1/telemetry/picker-wheel").status());
        ServerExtension.Answer health = http.get("/health");
        assertEquals(503, health.status());
        assertEquals(false, JSON.readTree(health.body()).get("store_writable").asBoolean());

        Files.delete(filler);
        for (String body : refused) {
            ServerExtension.Answer a = http.post(UPLOAD, "application/x-ndjson", body);
            assertEquals(200, a.status(), a.body());
        }
        assertEquals(200, http.post(UPLOAD, "application/x-ndjson", body("brand-new", 0)).status());

        int expected = acknowledged + refused.size() * BATCH;
        List<TelemetryEvent> lines = wholeValidLines("picker-wheel");
        assertEquals(expected, lines.size());
        assertEquals(expected, distinctIds(lines), "a retried batch is never stored twice");
        assertEquals(expected, totalEvents("picker-wheel"));
        assertEquals(BATCH, wholeValidLines("brand-new").size());
        assertEquals(200, http.get("/health").status());
    }

    @Test
    @DisplayName("an upload that does not fit in the space left is refused whole: the file keeps its whole lines")
    void batchLargerThanTheSpaceLeft() throws IOException {
        assertEquals(200, http.post(UPLOAD, "application/x-ndjson", body("app", 0)).status());
        long before = Files.size(dir.resolve("app.jsonl"));
        fillLeaving(2 * 1024);

        StringBuilder big = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            big.append(body("app", i));
        }
        ServerExtension.Answer a = http.post(UPLOAD, "application/x-ndjson", big.toString());

        assertEquals(503, a.status());
        assertEquals(before, Files.size(dir.resolve("app.jsonl")), "the partial write was cut back");
        assertEquals(BATCH, wholeValidLines("app").size());
        Files.delete(filler);
        assertEquals(200, http.post(UPLOAD, "application/x-ndjson", big.toString()).status());
        assertEquals(11 * BATCH, wholeValidLines("app").size());
    }

    /** Takes all the space but about {@code left} bytes. */
    private void fillLeaving(long left) throws IOException {
        byte[] chunk = new byte[512];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            // The file system is full: give back what the test wants left.
        }
        long size = Files.size(filler);
        try (SeekableByteChannel ch = Files.newByteChannel(filler, StandardOpenOption.WRITE)) {
            ch.truncate(Math.max(0, size - left));
        }
    }

    private static String body(String scenario, int batch) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < BATCH; i++) {
            int n = batch * BATCH + i;
            b.append("{\"scenario\":\"").append(scenario).append("\",\"event\":\"dependency_unreachable\",")
                    .append("\"timestamp\":\"2025-01-15T12:00:00Z\",\"event_id\":\"e-").append(n)
                    .append("\",\"details\":{\"service\":\"sqlite\",\"reason\":\"connection timeout\",\"n\":")
                    .append(n).append("}}\n");
        }
        return b.toString();
    }

    private long totalEvents(String scenario) throws IOException {
        ServerExtension.Answer a = http.get("/api/v1/telemetry");
        assertEquals(200, a.status());
        for (JsonNode s : JSON.readTree(a.body()).get("scenarios")) {
            if (s.get("scenario").asText().equals(scenario)) {
                return s.get("total_events").asLong();
            }
        }
        return 0;
    }

    /** Every line of the scenario's file is a whole stored event; returns them. */
    private List<TelemetryEvent> wholeValidLines(String scenario) throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve(scenario + ".jsonl"));
        assertTrue(bytes.length == 0 || bytes[bytes.length - 1] == '\n', "the file ends with a whole line");
        EventDecoder decoder = EventDecoder.create();
        List<TelemetryEvent> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                out.add(decoder.decodeLine(bytes, start, i - start));
                start = i + 1;
            }
        }
        return out;
    }

    private static int distinctIds(List<TelemetryEvent> events) {
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.eventId()));
        return ids.size();
    }
}
