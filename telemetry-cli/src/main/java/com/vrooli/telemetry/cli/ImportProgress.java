package com.vrooli.telemetry.cli;

import java.io.PrintWriter;

/**
 * The import's progress: a bar redrawn in place on a terminal, a plain line at each tenth
 * otherwise (logs and CI). Not thread-safe.
 */
final class ImportProgress {

    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private long total;
    private long done;
    private int shown = -1;

    ImportProgress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void start(long expected) {
        this.total = Math.max(expected, 0);
        show();
    }

    void advance(long n) {
        done += n;
        show();
    }

    void finish() {
        if (terminal) {
            out.println();
        }
        out.flush();
    }

    private void show() {
        int percent = total == 0 ? 100 : (int) Math.min(100, done * 100 / total);
        if (terminal) {
            if (percent == shown) {
                return;
            }
            int filled = percent * WIDTH / 100;
            out.print("\rimporting [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + percent + "% ("
                    + done + " of " + total + " events)");
            out.flush();
        } else {
            int tenth = percent / 10 * 10;
            if (tenth == shown) {
                return;
            }
            out.println("importing: " + tenth + "% (" + done + " of " + total + " events)");
            percent = tenth;
        }
        shown = percent;
    }
}
