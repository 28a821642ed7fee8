package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.core.EventLineCodec;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The source contract over one JSONL file ({@code --file}), appended to as a writer would. */
class FileLogSourceTest extends LogSourceContract {

    @TempDir
    Path dir;

    @Override
    void append(List<TelemetryEvent> events) {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        events.forEach(e -> lines.writeBytes(EventLineCodec.encode(e)));
        try {
            Files.write(dir.resolve("telemetry.jsonl"), lines.toByteArray(), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    TelemetryReader open() {
        return new FileEventReader(dir.resolve("telemetry.jsonl"), SCENARIO);
    }
}
