package com.vrooli.telemetry.cli;

/** ANSI text styles for terminal output; {@link #NONE} leaves text as it is. */
enum Ansi {
    NONE(""),
    BOLD("\u001b[1m"),
    DIM("\u001b[2m"),
    RED("\u001b[31m"),
    YELLOW("\u001b[33m");

    private static final String RESET = "\u001b[0m";

    private final String code;

    Ansi(String code) {
        this.code = code;
    }

    /** The text in this style when {@code enabled}, else the text unchanged. */
    String apply(String text, boolean enabled) {
        return !enabled || this == NONE || text.isEmpty() ? text : code + text + RESET;
    }
}
