package com.vrooli.telemetry.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The read token of {@code summary} and {@code logs} for a server that has API tokens. Precedence:
 * {@code --token}, then {@code --token-file}, then {@value #VARIABLE}; giving both flags is a usage
 * error. {@code --token} shows the token to anyone who lists processes, so the file and the
 * variable are the ways to prefer. Picocli fills the fields.
 */
final class ReadTokenOptions {

    static final String VARIABLE = "TELEMETRY_TOKEN";

    /** A token file is one token; anything much longer is not one. */
    private static final int MAX_FILE_BYTES = 4096;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Read token for a server with API tokens (visible to other users in the process list;"
                    + " prefer --token-file or TELEMETRY_TOKEN).")
    String token;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Read the read token from FILE (one token; surrounding whitespace is ignored).")
    Path tokenFile;

    /** True when a token was given by a flag (the environment variable does not count). */
    boolean given() {
        return token != null || tokenFile != null;
    }

    /**
     * The token to send, if any.
     *
     * @throws CliException (usage) when both flags are given or a token is malformed; (error) when
     *                      the token file cannot be read or is empty
     */
    Optional<ReadToken> resolve(CliEnvironment env) {
        if (token != null && tokenFile != null) {
            throw new CliException(CliException.USAGE, "give the token by --token or by --token-file, not both");
        }
        if (token != null) {
            return Optional.of(new ReadToken(token.trim(), "--token"));
        }
        if (tokenFile != null) {
            return Optional.of(new ReadToken(readFile(tokenFile), "--token-file " + tokenFile));
        }
        String fromEnv = env.variable(VARIABLE);
        return fromEnv == null ? Optional.empty() : Optional.of(new ReadToken(fromEnv.trim(), VARIABLE));
    }

    private static String readFile(Path file) {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE_BYTES) {
                throw new CliException(CliException.ERROR, "cannot read the token file " + file
                        + ": it must be a file holding one token");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliException(CliException.ERROR, "cannot read the token file " + file + ": " + e.getMessage(), e);
        }
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw new CliException(CliException.ERROR, "the token file " + file + " is empty");
        }
        return text;
    }
}
