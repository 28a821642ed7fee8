package com.vrooli.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Column alignment, cutting and colour. */
class TableFormatterTest {

    private static final List<TableFormatter.Column> COLUMNS = List.of(
            TableFormatter.Column.left("NAME", 8),
            TableFormatter.Column.right("N", 5),
            TableFormatter.Column.left("NOTE", 10).styled(s -> s.startsWith("!") ? Ansi.RED : Ansi.NONE));

    @Test
    @DisplayName("left and right alignment, cut cells, no trailing spaces")
    void plain() {
        String table = new TableFormatter(COLUMNS, false).render(List.of(
                List.of("a", "1", ""),
                List.of("a-very-long-name", "12345", "!alarm")));

        assertEquals("NAME          N  NOTE\n"
                + "a             1\n"
                + "a-ver...  12345  !alarm\n", table);
    }

    @Test
    @DisplayName("colour codes wrap the padded text without moving the columns")
    void colour() {
        String table = new TableFormatter(COLUMNS, true).render(List.of(List.of("x", "1", "!alarm")));

        assertEquals("\u001b[1mNAME\u001b[0m  \u001b[1mN\u001b[0m  \u001b[1mNOTE\u001b[0m\n"
                + "x     1  \u001b[31m!alarm\u001b[0m\n", table);
    }
}
