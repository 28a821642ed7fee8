package com.vrooli.telemetry.store.jsonl;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.nio.file.FileSystem;
import java.nio.file.Path;

/** The store contract on an in-memory Unix-like file system. */
class JimfsUnixContractTest extends JsonlStoreContractTest {

    private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());

    @Override
    protected Path root() {
        return fs.getPath("/data");
    }
}
