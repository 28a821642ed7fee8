package com.vrooli.telemetry.examples;

import com.vrooli.telemetry.core.EventCatalogue;
import com.vrooli.telemetry.core.EventDecoder;
import com.vrooli.telemetry.core.EventLevel;
import com.vrooli.telemetry.core.FailureEntry;
import com.vrooli.telemetry.core.MalformedBodyException;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.SummaryAggregator;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * "What is failing", offline, with telemetry-core only: reads a JSONL telemetry file (a client's
 * local file, a runtime's own JSONL file or a server's {@code {scenario}.jsonl}), decodes each line
 * with {@link EventDecoder#decodeLine}, folds the events into one {@link SummaryAggregator} per
 * scenario, counts levels with {@link EventCatalogue}, and prints per scenario the failure counts
 * by type and the newest failures. No server, no HTTP, no store.
 *
 * <pre>
 * java -cp examples/target/classes:telemetry-client/target/classes:telemetry-cli/target/telemetry.jar \
 *     com.vrooli.telemetry.examples.ReuseCoreOfflineExample appData/telemetry/deployment-telemetry.jsonl
 * </pre>
 * Lines that are not valid events are skipped and counted (the first few reasons are printed); a
 * last line without its newline (being written, or torn by a crash) is left out, as readers of a
 * file someone else writes must do.
 */
public final class ReuseCoreOfflineExample {

    private static final int MAX_LINE_BYTES = 1024 * 1024;
    private static final int REASONS_KEPT = 5;

    /**
     * One scenario of the file.
     *
     * @param summary the document's summary fields
     * @param levels  events per level (every level present)
     */
    record ScenarioReport(ScenarioSummary summary, Map<EventLevel, Long> levels) {
    }

    /**
     * What the file holds.
     *
     * @param events       valid events read
     * @param scenarios    one report per scenario, by name
     * @param skippedLines lines that are not valid events (too long ones included)
     * @param skipReasons  why the first few were skipped
     * @param tailBytes    bytes of a last line without its newline, left out
     */
    record Report(long events, List<ScenarioReport> scenarios, long skippedLines, List<String> skipReasons,
                  long tailBytes) {
    }

    private ReuseCoreOfflineExample() {
    }

    /**
     * Prints the report of the file named by the one argument.
     *
     * @throws IOException when the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ReuseCoreOfflineExample <telemetry.jsonl>");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        print(file, read(file), System.out);
    }

    /** Reads the whole file, one line at a time, with memory bounded by the longest line. */
    static Report read(Path file) throws IOException {
        Reader reader = new Reader();
        try (InputStream in = Files.newInputStream(file)) {
            reader.readAll(in);
        }
        return reader.report();
    }

    /** Prints the report: per scenario, its levels, what is failing, and the newest failures. */
    static void print(Path file, Report r, PrintStream out) {
        out.println(file + ": " + r.events() + " events in " + r.scenarios().size() + " scenario(s); "
                + r.skippedLines() + " line(s) skipped" + (r.tailBytes() > 0 ? "; an unfinished last line left out" : ""));
        r.skipReasons().forEach(reason -> out.println("  skipped " + reason));
        for (ScenarioReport s : r.scenarios()) {
            ScenarioSummary sum = s.summary();
            out.println(sum.scenario() + ": " + sum.totalEvents() + " events (" + s.levels().get(EventLevel.INFO)
                    + " info, " + s.levels().get(EventLevel.WARN) + " warn, " + s.levels().get(EventLevel.ERROR)
                    + " error), last at " + sum.lastEvent());
            if (sum.failureCounts().isEmpty()) {
                out.println("  nothing is failing");
                continue;
            }
            out.println("  what is failing:");
            sum.failureCounts().entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()))
                    .forEach(f -> out.printf("    %-28s %6d  (%s)%n", f.getKey(), f.getValue(),
                            EventCatalogue.categoryOf(f.getKey()).wireName()));
            out.println("  newest failures:");
            for (FailureEntry f : sum.recentFailures()) {
                out.println("    " + f.timestamp() + "  " + f.event()
                        + (f.deploymentId() == null ? "" : "  " + f.deploymentId())
                        + (f.details() == null ? "" : "  " + f.details().json()));
            }
        }
    }

    /** Splits the stream into lines in one growing buffer and decodes each one in place. */
    private static final class Reader {
        private final EventDecoder decoder = EventDecoder.create();
        private final Map<String, SummaryAggregator> aggregators = new TreeMap<>();
        private final Map<String, Map<EventLevel, Long>> levels = new TreeMap<>();
        private final List<String> reasons = new ArrayList<>();
        private long lineNumber;
        private long events;
        private long skipped;
        private long tailBytes;

        void readAll(InputStream in) throws IOException {
            byte[] buf = new byte[64 * 1024];
            int len = 0;
            boolean tooLong = false;
            int n;
            while ((n = in.read(buf, len, buf.length - len)) > 0) {
                int scanFrom = len;
                len += n;
                int lineStart = 0;
                for (int i = scanFrom; i < len; i++) {
                    if (buf[i] == '\n') {
                        lineNumber++;
                        if (tooLong) {
                            skip("is longer than " + MAX_LINE_BYTES + " bytes");
                            tooLong = false;
                        } else {
                            line(buf, lineStart, i - lineStart);
                        }
                        lineStart = i + 1;
                    }
                }
                len -= lineStart;
                System.arraycopy(buf, lineStart, buf, 0, len);
                if (len == buf.length) {
                    if (buf.length >= MAX_LINE_BYTES) {
                        tooLong = true;
                        len = 0;
                    } else {
                        buf = Arrays.copyOf(buf, buf.length * 2);
                    }
                }
            }
            tailBytes = len;
        }

        private void line(byte[] buf, int offset, int length) {
            if (length == 0 || (length == 1 && buf[offset] == '\r')) {
                return;
            }
            try {
                TelemetryEvent e = decoder.decodeLine(buf, offset, length);
                aggregators.computeIfAbsent(e.scenario(), SummaryAggregator::new).add(e);
                levels.computeIfAbsent(e.scenario(), k -> zeroLevels()).merge(EventCatalogue.levelOf(e), 1L, Long::sum);
                events++;
            } catch (MalformedBodyException e) {
                skip(e.getMessage());
            }
        }

        private void skip(String reason) {
            skipped++;
            if (reasons.size() < REASONS_KEPT) {
                reasons.add("line " + lineNumber + ": " + reason);
            }
        }

        Report report() {
            List<ScenarioReport> scenarios = new ArrayList<>();
            aggregators.forEach((name, a) -> scenarios.add(new ScenarioReport(a.snapshot(), levels.get(name))));
            return new Report(events, scenarios, skipped, List.copyOf(reasons), tailBytes);
        }

        private static Map<EventLevel, Long> zeroLevels() {
            Map<EventLevel, Long> m = new EnumMap<>(EventLevel.class);
            for (EventLevel l : EventLevel.values()) {
                m.put(l, 0L);
            }
            return m;
        }
    }
}
