package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.core.StoreUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where {@code summary} and {@code logs} read from: a running server ({@code --server}, by default
 * {@code http://localhost:$API_PORT}) or a telemetry directory read directly ({@code --dir}, safe
 * while a server writes it). Picocli fills the fields; at most one source may be given. A server
 * with API tokens is read with the token of {@link ReadTokenOptions}.
 */
class SourceOptions {

    @Option(names = "--server", paramLabel = "URL",
            description = "Ask the server at URL (default: http://localhost:$API_PORT, port 8080 when unset).")
    String server;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Read a telemetry directory directly (works while a server writes it).")
    Path dir;

    /** Opens the chosen source; only a server takes a token. */
    TelemetryReader open(CliEnvironment env, StoreOpener stores, ReadTokenOptions tokens) {
        if (dir != null) {
            refuseToken(tokens, "--dir");
            if (!Files.isDirectory(dir)) {
                throw new CliException(CliException.ERROR, "cannot read " + dir + ": no such directory");
            }
            try {
                return TelemetryReader.of(stores.openReadOnly(dir));
            } catch (StoreUnavailableException e) {
                throw new CliException(CliException.ERROR, "cannot read " + dir + ": " + e.getMessage(), e);
            }
        }
        return ServerClient.connect(serverUrl(env), tokens.resolve(env));
    }

    /** Words naming the source in messages. */
    String describe(CliEnvironment env) {
        return dir != null ? dir.toString() : "the server at " + serverUrl(env);
    }

    String serverUrl(CliEnvironment env) {
        return server != null ? server : "http://localhost:" + env.apiPort();
    }

    /** A token flag with a local source is a mistake worth saying (the environment variable is ignored). */
    static void refuseToken(ReadTokenOptions tokens, String local) {
        if (tokens.given()) {
            throw new CliException(CliException.USAGE, "--token and --token-file are for --server; " + local
                    + " reads without one");
        }
    }

    static Path requireFile(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new CliException(CliException.ERROR, "cannot read " + file + ": no such readable file");
        }
        return file;
    }
}
