package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.Timestamps;
import com.vrooli.telemetry.core.WireJson;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Prints scenario summaries as a table (scenario, events, last event, failures by type, most
 * frequent first) or as the API's JSON answer, with control characters escaped in both (see
 * {@link TerminalText}). Stateless apart from its output.
 */
final class SummaryPrinter {

    /** The output formats of {@code telemetry summary}. */
    enum Format { TABLE, JSON }

    private static final List<TableFormatter.Column> COLUMNS = List.of(
            TableFormatter.Column.left("SCENARIO", 64),
            TableFormatter.Column.right("EVENTS", 20),
            TableFormatter.Column.left("LAST EVENT", 35),
            TableFormatter.Column.left("FAILURES", 160).styled(s -> s.equals("-") ? Ansi.NONE : Ansi.RED));

    private final Format format;
    private final PrintWriter out;
    private final TableFormatter table;

    SummaryPrinter(Format format, PrintWriter out, boolean colour) {
        this.format = format;
        this.out = out;
        this.table = new TableFormatter(COLUMNS, colour);
    }

    void print(List<ScenarioSummary> summaries) {
        if (format == Format.JSON) {
            out.println(TerminalText.escapeJson(new String(WireJson.summaries(summaries), StandardCharsets.UTF_8)));
        } else if (summaries.isEmpty()) {
            out.println("no telemetry yet");
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (ScenarioSummary s : summaries) {
                rows.add(List.of(s.scenario(), Long.toString(s.totalEvents()),
                        s.lastEvent() == null ? "-" : Timestamps.format(s.lastEvent()), failures(s)));
            }
            out.print(table.render(rows));
        }
        out.flush();
    }

    private static String failures(ScenarioSummary s) {
        if (s.failureCounts().isEmpty()) {
            return "-";
        }
        List<Map.Entry<String, Long>> byCount = new ArrayList<>(s.failureCounts().entrySet());
        byCount.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        StringJoiner line = new StringJoiner(", ");
        byCount.forEach(e -> line.add(e.getKey() + "=" + e.getValue()));
        return line.toString();
    }
}
