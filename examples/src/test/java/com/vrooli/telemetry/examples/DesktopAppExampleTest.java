package com.vrooli.telemetry.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vrooli.telemetry.client.ClientStats;
import com.vrooli.telemetry.core.EventDecoder;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.http.RealServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The desktop app example")
class DesktopAppExampleTest {

    static final List<String> RECORDED = List.of(
            "app_start", "ready", "wheel_spun", "dependency_unreachable", "migration_failed", "shutdown");

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    @DisplayName("delivers every event to the real server exactly once, in its file as in the local file")
    void deliversEveryEventExactlyOnce(@TempDir Path appData, @TempDir Path serverDir) throws IOException {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        try (RealServer server = RealServer.start(serverDir)) {
            DesktopAppExample.Run run = DesktopAppExample.run(server.uploadUri(), appData, out);

            assertTrue(run.flushed(), "flush returned true");
            List<TelemetryEvent> inFile = readLines(run.telemetryFile());
            List<TelemetryEvent> onServer = server.events("picker-wheel");
            assertEquals(RECORDED, names(inFile));
            assertEquals(ids(inFile), ids(onServer), "the server holds exactly the file's events");
            assertEquals(Files.readAllLines(run.telemetryFile(), StandardCharsets.UTF_8),
                    server.storedLines("picker-wheel"), "the server's file holds the client's lines as they are");
            assertEquals(RECORDED.size(), server.eventsReceived(), "each event was sent once");
            assertEquals(0, server.duplicates());
            assertEquals(Map.of("dependency_unreachable", 1L, "migration_failed", 1L),
                    server.summary("picker-wheel").failureCounts());

            TelemetryEvent appStart = onServer.get(0);
            assertEquals("1.0.0", appStart.details().get("version"), "the version comes from the manifest");
            assertEquals("desktop", appStart.details().get("mode"));

            ClientStats s = run.stats();
            assertEquals(6, s.recorded());
            assertEquals(6, s.spooled());
            assertEquals(6, s.uploaded());
            assertEquals(0, s.duplicates());
            assertEquals(0, s.rejected());
            assertEquals(0, s.droppedTotal());
            assertEquals(0, s.pending());

            JsonNode bundle = new ObjectMapper().readTree(Files.readAllBytes(run.bundleJson()));
            assertEquals(server.uploadUri().toString(), bundle.path("telemetry").path("upload_to").asText());
            String text = printed.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("flush: everything recorded is on the server"), text);
            assertTrue(text.contains("stats: recorded=6 spooled=6 uploaded=6 duplicates=0 rejected=0 dropped=0 pending=0"),
                    text);
        }
        assertSame(before, Thread.getDefaultUncaughtExceptionHandler(), "close() put the previous crash handler back");
    }

    @Test
    @DisplayName("without an upload address keeps the events in its local file only")
    void fileOnlyWithoutAnAddress(@TempDir Path appData) throws IOException {
        DesktopAppExample.Run run = DesktopAppExample.run(null, appData, out);

        assertTrue(run.flushed());
        assertEquals(RECORDED, names(readLines(run.telemetryFile())));
        assertEquals(6, run.stats().spooled());
        assertEquals(0, run.stats().uploaded());
        assertEquals(0, run.stats().failedUploads());
        JsonNode bundle = new ObjectMapper().readTree(Files.readAllBytes(run.bundleJson()));
        assertFalse(bundle.path("telemetry").has("upload_to"));
        assertEquals("telemetry/deployment-telemetry.jsonl", bundle.path("telemetry").path("file").asText());
    }

    static List<TelemetryEvent> readLines(Path file) throws IOException {
        EventDecoder decoder = EventDecoder.create();
        List<TelemetryEvent> events = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            events.add(decoder.decodeLine(bytes, 0, bytes.length));
        }
        return events;
    }

    private static List<String> names(List<TelemetryEvent> events) {
        return events.stream().map(TelemetryEvent::event).collect(Collectors.toList());
    }

    private static List<String> ids(List<TelemetryEvent> events) {
        return events.stream().map(TelemetryEvent::eventId).collect(Collectors.toList());
    }
}
