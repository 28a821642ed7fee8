package com.vrooli.telemetry.cli;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Aligned text columns separated by two spaces: widths from the header and the cells, each capped
 * (longer cells are cut with {@code ...}); the last column is not padded. Styles are applied after
 * padding, so escape codes never shift the alignment. Headers and cells are shown through
 * {@link TerminalText#escape}: a control character in a value is printed escaped and visible, never
 * raw, so a value can neither drive the terminal nor start a row of its own. Immutable and
 * thread-safe.
 */
final class TableFormatter {

    private static final String GAP = "  ";
    private static final String CUT = "...";

    /** Left or right alignment of a column. */
    enum Align { LEFT, RIGHT }

    /**
     * One column.
     *
     * @param header   its header text
     * @param align    alignment of its cells
     * @param maxWidth widest a cell may be before it is cut
     * @param style    the style of a cell, from its text
     */
    record Column(String header, Align align, int maxWidth, Function<String, Ansi> style) {
        Column {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(align, "align");
            Objects.requireNonNull(style, "style");
            if (maxWidth < CUT.length() + 1) {
                throw new IllegalArgumentException("maxWidth too small: " + maxWidth);
            }
        }

        static Column left(String header, int maxWidth) {
            return new Column(header, Align.LEFT, maxWidth, s -> Ansi.NONE);
        }

        static Column right(String header, int maxWidth) {
            return new Column(header, Align.RIGHT, maxWidth, s -> Ansi.NONE);
        }

        Column styled(Function<String, Ansi> by) {
            return new Column(header, align, maxWidth, by);
        }
    }

    private final List<Column> columns;
    private final boolean colour;

    TableFormatter(List<Column> columns, boolean colour) {
        this.columns = List.copyOf(columns);
        this.colour = colour;
    }

    /** The widths that fit the header and these rows. */
    int[] widths(List<List<String>> rows) {
        int[] w = new int[columns.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.min(TerminalText.escape(columns.get(i).header()).length(), columns.get(i).maxWidth());
        }
        for (List<String> row : rows) {
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.max(w[i], Math.min(TerminalText.escape(row.get(i)).length(), columns.get(i).maxWidth()));
            }
        }
        return w;
    }

    /** The header line. */
    String header(int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            appendCell(sb, TerminalText.escape(columns.get(i).header()), i, widths, Ansi.BOLD);
        }
        return strip(sb);
    }

    /** One row's line. */
    String row(List<String> cells, int[] widths) {
        if (cells.size() != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " cells, got " + cells.size());
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            String text = cut(TerminalText.escape(cells.get(i)), columns.get(i).maxWidth());
            appendCell(sb, text, i, widths, columns.get(i).style().apply(cells.get(i)));
        }
        return strip(sb);
    }

    /** The header and every row, each line ending in a newline. */
    String render(List<List<String>> rows) {
        int[] w = widths(rows);
        StringBuilder sb = new StringBuilder(header(w)).append('\n');
        for (List<String> r : rows) {
            sb.append(row(r, w)).append('\n');
        }
        return sb.toString();
    }

    private void appendCell(StringBuilder sb, String text, int i, int[] widths, Ansi style) {
        if (i > 0) {
            sb.append(GAP);
        }
        boolean last = i == columns.size() - 1;
        int pad = Math.max(0, widths[i] - text.length());
        if (columns.get(i).align() == Align.RIGHT) {
            sb.append(" ".repeat(pad)).append(style.apply(text, colour));
        } else {
            sb.append(style.apply(text, colour));
            if (!last) {
                sb.append(" ".repeat(pad));
            }
        }
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - CUT.length()) + CUT;
    }

    private static String strip(StringBuilder sb) {
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        return sb.substring(0, end);
    }
}
