package com.vrooli.telemetry.client;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import com.vrooli.telemetry.core.Details;
import com.vrooli.telemetry.core.EventDecoder;
import com.vrooli.telemetry.core.EventLineCodec;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Stored lines and spool files for the unit tests. */
final class SpoolFiles {

    private static final EventDecoder DECODER = EventDecoder.create();

    private SpoolFiles() {
    }

    static FileSystem jimfs() {
        return Jimfs.newFileSystem(Configuration.unix());
    }

    /** The stored line of event number {@code n}, with its newline. */
    static byte[] line(int n) {
        return EventLineCodec.encode(new TelemetryEvent(Instant.parse("2025-01-15T12:00:00Z").plusSeconds(n),
                "picker-wheel", null, "tick", "id-" + n, Details.of(Map.of("n", n))));
    }

    /** Lines {@code from} to {@code to - 1}, concatenated. */
    static byte[] lines(int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = from; i < to; i++) {
            out.writeBytes(line(i));
        }
        return out.toByteArray();
    }

    /** The event ids of the whole lines of a file (a torn last line is ignored). */
    static List<String> eventIds(Path file) throws IOException {
        List<String> ids = new ArrayList<>();
        if (!Files.exists(file)) {
            return ids;
        }
        byte[] bytes = Files.readAllBytes(file);
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                ids.add(DECODER.decodeLine(bytes, start, i - start).eventId());
                start = i + 1;
            }
        }
        return ids;
    }

    static List<TelemetryEvent> events(Path file) throws IOException {
        List<TelemetryEvent> events = new ArrayList<>();
        byte[] bytes = Files.readAllBytes(file);
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                events.add(DECODER.decodeLine(bytes, start, i - start));
                start = i + 1;
            }
        }
        return events;
    }

    static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
