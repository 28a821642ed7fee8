package com.vrooli.telemetry.store.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import com.vrooli.telemetry.core.EventDecoder;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Shared helpers of the store's tests: events, file checks, waiting on a condition. */
public final class StoreTestSupport {

    static final Instant T0 = Instant.parse("2025-01-15T12:00:00Z");

    private StoreTestSupport() {
    }

    /** A fresh directory on a new in-memory Unix file system. */
    public static Path jimfsDir() {
        return Jimfs.newFileSystem(Configuration.unix()).getPath("/telemetry");
    }

    static TelemetryEvent event(String scenario, String type, int second) {
        return TelemetryEvent.of(T0.plusSeconds(second), scenario, type);
    }

    static TelemetryEvent event(String scenario, String type, int second, String eventId) {
        return event(scenario, type, second).withEventId(eventId);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Every line of the file is a whole, valid stored event of the scenario; returns them in order. */
    static List<TelemetryEvent> assertWholeValidLines(Path file, String scenario) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length > 0) {
            assertEquals('\n', bytes[bytes.length - 1], "file must end with a newline");
        }
        EventDecoder decoder = EventDecoder.create();
        List<TelemetryEvent> events = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                TelemetryEvent e = decoder.decodeLine(bytes, start, i - start);
                assertEquals(scenario, e.scenario());
                events.add(e);
                start = i + 1;
            }
        }
        return events;
    }
}
