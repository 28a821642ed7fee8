package com.vrooli.telemetry.store.jsonl;

import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.event;
import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.jimfsDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.EventLineCodec;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.snapshot.SnapshotCodec;
import com.vrooli.telemetry.store.jsonl.snapshot.SnapshotFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every way a snapshot can fail to belong to the files falls back to reading them whole: never wrong numbers. */
class JsonlSnapshotMismatchTest {

    private final Path dir = jimfsDir();
    private final Path app = dir.resolve("app.jsonl");
    private final Path snapshot = SnapshotFile.of(dir);

    /** What happens to the directory between the close that wrote the snapshot and the next open. */
    enum Tampering {
        SNAPSHOT_DELETED(false) {
            @Override
            void apply(JsonlSnapshotMismatchTest t) throws IOException {
                Files.delete(t.snapshot);
            }
        },
        SNAPSHOT_BYTE_FLIPPED(true) {
            @Override
            void apply(JsonlSnapshotMismatchTest t) throws IOException {
                byte[] bytes = Files.readAllBytes(t.snapshot);
                bytes[bytes.length / 2] ^= 0x20;
                Files.write(t.snapshot, bytes);
            }
        },
        SNAPSHOT_TRUNCATED(true) {
            @Override
            void apply(JsonlSnapshotMismatchTest t) throws IOException {
                byte[] bytes = Files.readAllBytes(t.snapshot);
                Files.write(t.snapshot, java.util.Arrays.copyOf(bytes, bytes.length - 9));
            }
        },
        SNAPSHOT_OF_ANOTHER_FORMAT_VERSION(true) {
            @Override
            void apply(JsonlSnapshotMismatchTest t) throws IOException {
                byte[] bytes = Files.readAllBytes(t.snapshot);
                ByteBuffer.wrap(bytes).putInt(4, SnapshotCodec.VERSION + 1);
                CRC32C crc = new CRC32C();
                crc.update(bytes, 0, bytes.length - 4);
                ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
                Files.write(t.snapshot, bytes);
            }
        },
        SNAPSHOT_IS_GARBAGE(true) {
            @Override
            void apply(JsonlSnapshotMismatchTest t) throws IOException {
                Files.write(t.snapshot, "{\"not\":\"a snapshot\"}".getBytes(StandardCharsets.UTF_8));
            }
        },
        FILE_SHORTER_THAN_THE_OFFSET(false) {
            @Override
            void apply(JsonlSnapshotMismatchTest t) throws IOException {
                List<String> lines = Files.readAllLines(t.app);
                Files.write(t.app, (String.join("\n", lines.subList(0, lines.size() / 2)) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        },
        FILE_REPLACED_BY_A_LONGER_ONE(false) {
            @Override
            void apply(JsonlSnapshotMismatchTest t) throws IOException {
                List<TelemetryEvent> other = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    other.add(event("app", i % 2 == 0 ? "update_error" : "ready", 10_000 + i));
                }
                Files.delete(t.app);
                t.writeLines(other);
            }
        },
        FILE_ROTATED(false) {
            @Override
            void apply(JsonlSnapshotMismatchTest t) throws IOException {
                Files.move(t.app, t.dir.resolve("app.jsonl.1"));
                t.writeLines(List.of(event("app", "crash", 20_000), event("app", "ready", 20_001)));
            }
        },
        LAST_LINE_REWRITTEN_SAME_LENGTH(false) {
            @Override
            void apply(JsonlSnapshotMismatchTest t) throws IOException {
                String text = Files.readString(t.app);
                int last = text.lastIndexOf("\"event\":\"ready\"");
                Files.writeString(t.app, text.substring(0, last) + "\"event\":\"crash\"" + text.substring(last + 15));
            }
        },
        FIRST_LINE_REWRITTEN_SAME_LENGTH(false) {
            @Override
            void apply(JsonlSnapshotMismatchTest t) throws IOException {
                String text = Files.readString(t.app);
                int first = text.indexOf("\"event\":\"ready\"");
                Files.writeString(t.app, text.substring(0, first) + "\"event\":\"crash\"" + text.substring(first + 15));
            }
        };

        final boolean unreadable;

        Tampering(boolean unreadable) {
            this.unreadable = unreadable;
        }

        abstract void apply(JsonlSnapshotMismatchTest t) throws IOException;
    }

    private void writeLines(List<TelemetryEvent> events) throws IOException {
        Files.createDirectories(dir);
        for (TelemetryEvent e : events) {
            Files.write(app, EventLineCodec.encode(e), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private void storeSomeEvents() {
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).fsync(FsyncPolicy.NEVER).open()) {
            List<TelemetryEvent> batch = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                batch.add(event("app", i % 3 == 0 ? "crash" : "ready", i, "id-" + i));
            }
            store.append(batch);
            store.append(List.of(event("other", "migration_failed", 1)));
        }
    }

    private List<ScenarioSummary> rebuiltWithoutSnapshots() {
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).snapshots(false).open()) {
            return store.summaries();
        }
    }

    @ParameterizedTest
    @EnumSource(Tampering.class)
    @DisplayName("a snapshot that is missing, unreadable or of another file falls back to a full rebuild")
    void mismatchFallsBackToFullRebuild(Tampering tampering) throws IOException {
        storeSomeEvents();
        assertTrue(Files.isRegularFile(snapshot), "close wrote a snapshot");
        tampering.apply(this);

        List<ScenarioSummary> restored;
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            JsonlStoreStats stats = store.stats();
            boolean snapshotGone = tampering == Tampering.SNAPSHOT_DELETED || tampering.unreadable;
            assertEquals(snapshotGone ? 2 : 1, stats.scenariosRebuilt(), "rebuilt");
            assertEquals(snapshotGone ? 0 : 1, stats.scenariosRestored(), "the untouched scenario still resumes");
            assertEquals(tampering.unreadable ? 1 : 0, stats.snapshotFailures());
            restored = store.summaries();
        }
        assertEquals(rebuiltWithoutSnapshots(), restored);
    }

    @Test
    @DisplayName("after a mismatch the next close writes a snapshot that matches again")
    void snapshotIsRewrittenAfterAMismatch() throws IOException {
        storeSomeEvents();
        Tampering.FIRST_LINE_REWRITTEN_SAME_LENGTH.apply(this);
        JsonlTelemetryStore.builder(dir).open().close();

        List<ScenarioSummary> expected = rebuiltWithoutSnapshots();
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            assertEquals(2, store.stats().scenariosRestored());
            assertEquals(expected, store.summaries());
        }
    }

    @Test
    @DisplayName("a rotated file is a segment of its scenario: that scenario gets no snapshot and is rebuilt on every open")
    void rotatedScenarioIsAlwaysRebuilt() throws IOException {
        storeSomeEvents();
        Tampering.FILE_ROTATED.apply(this);
        JsonlTelemetryStore.builder(dir).open().close();

        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            assertEquals(1, store.stats().scenariosRestored(), "the untouched scenario resumes");
            assertEquals(1, store.stats().scenariosRebuilt(), "the rotated one is read whole, segment first");
            assertEquals(402, store.summary("app").orElseThrow().totalEvents());
        }
    }
}
