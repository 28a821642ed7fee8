package com.vrooli.telemetry.store.jsonl;

import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.assertWholeValidLines;

import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.retention.SegmentName;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reads a scenario's live file and segments straight from the directory, as an operator would. */
final class SegmentFiles {

    private SegmentFiles() {
    }

    /** The names of the files in the directory (not the lock file), sorted. */
    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    /** Every event of the scenario's segments, by number, then its live file; each line must be whole and valid. */
    static List<TelemetryEvent> eventsOnDisk(Path dir, String scenario) throws IOException {
        List<SegmentName> segments = new ArrayList<>();
        for (String name : names(dir)) {
            SegmentName s = SegmentName.parse(name);
            if (s != null && s.scenario().equals(scenario)) {
                segments.add(s);
            }
        }
        segments.sort((a, b) -> Long.compare(a.number(), b.number()));
        List<TelemetryEvent> out = new ArrayList<>();
        for (SegmentName s : segments) {
            Path file = dir.resolve(s.fileName());
            if (s.gzip()) {
                Path plain = dir.getParent().resolve("unzipped.tmp");
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                    Files.write(plain, in.readAllBytes());
                }
                out.addAll(assertWholeValidLines(plain, scenario));
                Files.delete(plain);
            } else {
                out.addAll(assertWholeValidLines(file, scenario));
            }
        }
        Path live = dir.resolve(scenario + ".jsonl");
        if (Files.exists(live)) {
            out.addAll(assertWholeValidLines(live, scenario));
        }
        return out;
    }
}
