package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.store.jsonl.append.WriteChannel;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * For the server's tests: a JSONL store whose directory can be turned read-only and back while it
 * runs, like a file system remounted read-only after an error (tests run as root, so chmod would
 * not stop them). Lives in the store's package to reach its test hook for opening channels.
 * Turning read-only closes the channels handed out, so the store's next write reopens its file
 * and is refused. Thread-safe.
 */
public final class ReadOnlySwitch implements WriteChannel.Opener {

    private final List<FileChannel> opened = new CopyOnWriteArrayList<>();
    private volatile boolean readOnly;

    /** Opens a writing store of {@code dir} whose files are opened through this switch. */
    public JsonlTelemetryStore openStore(Path dir) {
        return JsonlTelemetryStore.builder(dir).channelOpener(this).open();
    }

    /** Makes the directory read-only (true) or writable again (false). */
    public void readOnly(boolean on) throws IOException {
        readOnly = on;
        if (on) {
            for (FileChannel ch : opened) {
                ch.close();
            }
            opened.clear();
        }
    }

    @Override
    public FileChannel open(Path file) throws IOException {
        if (readOnly) {
            throw new FileSystemException(file.toString(), null, "Read-only file system");
        }
        FileChannel ch = WriteChannel.DEFAULT_OPENER.open(file);
        opened.add(ch);
        return ch;
    }
}
