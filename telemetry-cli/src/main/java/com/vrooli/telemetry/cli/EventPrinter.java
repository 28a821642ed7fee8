package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.core.EventLevel;
import com.vrooli.telemetry.core.EventLineCodec;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.core.Timestamps;
import com.vrooli.telemetry.core.WireJson;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints events, oldest first, as a table (time, level, event, deployment, details), as JSON (an
 * array of the API's event objects; one object per line when following) or as JSONL (the stored
 * line format, which {@code logs --file} and the upload endpoint read back). Nothing an event holds
 * reaches the terminal raw: tables escape control characters ({@link TableFormatter}), JSON and
 * JSONL write the ones JSON allows raw as escapes ({@link TerminalText#escapeJson}). Not thread-safe.
 */
final class EventPrinter {

    /** The output formats of {@code telemetry logs}. */
    enum Format { TABLE, JSON, JSONL }

    private static final List<TableFormatter.Column> COLUMNS = List.of(
            TableFormatter.Column.left("TIME", 35),
            TableFormatter.Column.left("LEVEL", 5).styled(EventPrinter::levelStyle),
            TableFormatter.Column.left("EVENT", 40),
            TableFormatter.Column.left("DEPLOYMENT", 24),
            TableFormatter.Column.left("DETAILS", 100));
    /** Widths a followed table starts from, so that later rows usually still fit. */
    private static final int[] MIN_FOLLOW_WIDTHS = {20, 5, 22, 10, 0};

    private final Format format;
    private final PrintWriter out;
    private final TableFormatter table;
    private int[] followWidths;

    EventPrinter(Format format, PrintWriter out, boolean colour) {
        this.format = format;
        this.out = out;
        this.table = new TableFormatter(COLUMNS, colour);
    }

    /** Prints a complete result; a table of nothing says so. */
    void printAll(List<TelemetryEvent> events) {
        switch (format) {
            case TABLE:
                if (events.isEmpty()) {
                    out.println("no matching events");
                } else {
                    out.print(table.render(rows(events)));
                }
                break;
            case JSON:
                List<String> objects = new ArrayList<>();
                events.forEach(e -> objects.add(json(e)));
                out.println("[" + String.join(",", objects) + "]");
                break;
            default:
                events.forEach(this::printLine);
        }
        out.flush();
    }

    /** Starts a followed stream with the events seen so far. */
    void printFollowStart(List<TelemetryEvent> events) {
        if (format == Format.TABLE) {
            int[] w = table.widths(rows(events));
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.max(w[i], MIN_FOLLOW_WIDTHS[i]);
            }
            followWidths = w;
            out.println(table.header(w));
        }
        printMore(events);
    }

    /** Continues a followed stream. */
    void printMore(List<TelemetryEvent> events) {
        for (TelemetryEvent e : events) {
            printLine(e);
        }
        out.flush();
    }

    private void printLine(TelemetryEvent e) {
        switch (format) {
            case TABLE:
                out.println(table.row(row(e), followWidths == null ? table.widths(List.of(row(e))) : followWidths));
                break;
            case JSON:
                out.println(json(e));
                break;
            default:
                out.print(TerminalText.escapeJson(new String(EventLineCodec.encode(e), StandardCharsets.UTF_8)));
        }
    }

    private static List<List<String>> rows(List<TelemetryEvent> events) {
        List<List<String>> rows = new ArrayList<>(events.size());
        events.forEach(e -> rows.add(row(e)));
        return rows;
    }

    private static List<String> row(TelemetryEvent e) {
        return List.of(Timestamps.format(e.timestamp()), e.level().wireName(), e.event(),
                e.deploymentId() == null ? "-" : e.deploymentId(), DetailsSummary.of(e.details()));
    }

    private static String json(TelemetryEvent e) {
        return TerminalText.escapeJson(new String(WireJson.event(e), StandardCharsets.UTF_8));
    }

    private static Ansi levelStyle(String level) {
        if (level.equals(EventLevel.ERROR.wireName())) {
            return Ansi.RED;
        }
        return level.equals(EventLevel.WARN.wireName()) ? Ansi.YELLOW : Ansi.NONE;
    }
}
