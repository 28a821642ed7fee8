package com.vrooli.telemetry.store.jsonl;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.nio.file.FileSystem;
import java.nio.file.Path;

/** The store contract on an in-memory Windows-like file system (backslashes, drive letter, case-insensitive). */
class JimfsWindowsContractTest extends JsonlStoreContractTest {

    private final FileSystem fs = Jimfs.newFileSystem(Configuration.windows());

    @Override
    protected Path root() {
        return fs.getPath("C:\\Users\\ops\\telemetry data");
    }
}
