package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The source contract over a telemetry directory read read-only while a store writes it ({@code --dir}). */
class DirectoryLogSourceTest extends LogSourceContract {

    @TempDir
    Path dir;

    private JsonlTelemetryStore writer;

    @Override
    void append(List<TelemetryEvent> events) {
        if (writer == null) {
            writer = JsonlTelemetryStore.builder(dir).open();
        }
        writer.append(events);
    }

    @Override
    TelemetryReader open() {
        return TelemetryReader.of(new StoreFactory().openReadOnly(dir));
    }

    @AfterEach
    void closeWriter() {
        writer.close();
    }
}
