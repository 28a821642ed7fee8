package com.vrooli.telemetry.store.jsonl;

import java.nio.file.Path;
import java.time.Duration;

/**
 * For the server's tests: a JSONL store whose journal is not checkpointed while a test runs. A
 * checkpoint deletes the journal's covered segments, which frees space: on a nearly full disk, an
 * upload refused a moment before may then fit, as it should, so a test that keeps the disk full for
 * a while holds the journal. Lives in the store's package to reach its builder's journal setting.
 */
public final class HeldJournal {

    private HeldJournal() {
    }

    /** Opens a writing store of {@code dir} whose journal segments live an hour before a checkpoint. */
    public static JsonlTelemetryStore open(Path dir) {
        return JsonlTelemetryStore.builder(dir).journal(64L << 20, Duration.ofHours(1)).open();
    }
}
