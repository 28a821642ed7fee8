package com.vrooli.telemetry.cli;

/** A command failure with the exit code and the one-line message the user sees. */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure: server error, unknown scenario, unreadable file. */
    static final int ERROR = 1;
    /** Wrong usage: bad option values or arguments. */
    static final int USAGE = 2;
    /** The server could not be reached. */
    static final int UNREACHABLE = 3;
    /** Interrupted (Ctrl-C), as shells report SIGINT. */
    static final int INTERRUPTED = 130;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
