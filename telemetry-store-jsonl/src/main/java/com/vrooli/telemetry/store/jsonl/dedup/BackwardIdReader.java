package com.vrooli.telemetry.store.jsonl.dedup;

import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.read.ReverseLineReader;
import com.vrooli.telemetry.store.jsonl.read.StoredLines;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads a scenario's newest event ids before an offset, back to front, for the de-duplication
 * window after a snapshot restart: the window must hold exactly the ids a full rebuild would have
 * given it, and these are the newest ones, so only the end of the file is read. Lines are decoded
 * like a rebuild decodes them, so unreadable lines give no id here either. Stateless.
 */
final class BackwardIdReader {

    private BackwardIdReader() {
    }

    /**
     * The fingerprints of the newest {@code wanted} event ids in the whole lines before
     * {@code end}, newest first (fewer when the file holds fewer).
     */
    static long[] newestBefore(Path file, String scenario, long end, int wanted) throws IOException {
        long[] found = new long[wanted];
        int count = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ReverseLineReader lines = new ReverseLineReader(ch, end, StoredLines.MAX_LINE_BYTES);
            StoredLines decoder = StoredLines.of(scenario);
            while (count < wanted && lines.advance()) {
                if (lines.oversized() || StoredLines.isBlank(lines.buffer(), lines.lineOffset(), lines.lineLength())) {
                    continue;
                }
                TelemetryEvent e = decoder.decode(lines.buffer(), lines.lineOffset(), lines.lineLength());
                if (e != null && e.eventId() != null) {
                    found[count++] = DedupWindow.fingerprint(scenario, e.eventId());
                }
            }
        }
        return count == wanted ? found : Arrays.copyOf(found, count);
    }
}
