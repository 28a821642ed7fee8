package com.vrooli.telemetry.store.jsonl;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the real disk, with real forces. */
class TempDirContractTest extends JsonlStoreContractTest {

    @TempDir
    Path tmp;

    @Override
    protected Path root() {
        return tmp;
    }
}
