package com.vrooli.telemetry.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Reads API tokens from a tokens file and from the environment into an {@link ApiTokens.Builder}.
 *
 * <p>Tokens file: one token per line, {@code upload TOKEN [PATTERN[,PATTERN...]]} or
 * {@code read TOKEN}; {@code #} starts a comment, blank lines are skipped. A file that others may
 * read is refused, one that its group may read is accepted with a warning (POSIX file systems only).
 *
 * <p>Environment: {@value #UPLOAD_VARIABLE} holds upload tokens separated by spaces or {@code ;},
 * each {@code TOKEN} or {@code TOKEN:PATTERN[,PATTERN...]}; {@value #READ_VARIABLE} holds read
 * tokens separated by spaces, {@code ,} or {@code ;}.
 *
 * <p>Error messages name the file and line, never a token. Stateless. Public for the launcher
 * ({@code telemetry serve --tokens-file}); {@link #parseLine} stays internal.
 */
public final class TokenSources {

    /** The environment variable of upload tokens. */
    public static final String UPLOAD_VARIABLE = "TELEMETRY_UPLOAD_TOKENS";
    /** The environment variable of read tokens. */
    public static final String READ_VARIABLE = "TELEMETRY_READ_TOKENS";

    private TokenSources() {
    }

    /**
     * Adds the tokens of a tokens file.
     *
     * @param warnings receives warnings about the file (never a token)
     * @throws IllegalArgumentException when the file is readable by others or a line is malformed
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static void readFile(Path file, ApiTokens.Builder into, Consumer<String> warnings) {
        checkPermissions(file, warnings);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokens file " + file + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            try {
                parseLine(lines.get(i), into);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tokens file " + file + ", line " + (i + 1) + ": " + e.getMessage(),
                        e);
            }
        }
    }

    /** Adds one line of a tokens file (comments and blank lines add nothing). */
    static void parseLine(String line, ApiTokens.Builder into) {
        int hash = line.indexOf('#');
        String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
        if (content.isEmpty()) {
            return;
        }
        String[] words = content.split("\\s+", 3);
        if (words.length < 2) {
            throw new IllegalArgumentException("expected 'upload TOKEN [PATTERN,...]' or 'read TOKEN'");
        }
        switch (words[0]) {
            case "upload":
                into.upload(words[1], patterns(words.length > 2 ? words[2] : ""));
                break;
            case "read":
                if (words.length > 2) {
                    throw new IllegalArgumentException("a read token takes no scenario patterns");
                }
                into.read(words[1]);
                break;
            default:
                // Not echoed: a line written the wrong way round would start with the token.
                throw new IllegalArgumentException("a line must start with upload or read");
        }
    }

    /**
     * Adds the tokens of {@value #UPLOAD_VARIABLE} and {@value #READ_VARIABLE}, when set.
     *
     * @param variable looks up one environment variable; null when unset
     * @throws IllegalArgumentException when an entry is malformed (the message names the variable, not the token)
     */
    public static void readEnvironment(UnaryOperator<String> variable, ApiTokens.Builder into) {
        String upload = variable.apply(UPLOAD_VARIABLE);
        if (upload != null) {
            int n = 0;
            for (String entry : upload.trim().split("[\\s;]+")) {
                n++;
                if (entry.isEmpty()) {
                    continue;
                }
                int colon = entry.indexOf(':');
                try {
                    if (colon < 0) {
                        into.upload(entry);
                    } else {
                        into.upload(entry.substring(0, colon), patterns(entry.substring(colon + 1)));
                    }
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(UPLOAD_VARIABLE + ", entry " + n + ": " + e.getMessage(), e);
                }
            }
        }
        String read = variable.apply(READ_VARIABLE);
        if (read != null) {
            int n = 0;
            for (String entry : read.trim().split("[\\s,;]+")) {
                n++;
                if (entry.isEmpty()) {
                    continue;
                }
                try {
                    into.read(entry);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(READ_VARIABLE + ", entry " + n + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static List<String> patterns(String text) {
        List<String> out = new ArrayList<>();
        for (String p : Arrays.asList(text.trim().split("[\\s,]+"))) {
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    private static void checkPermissions(Path file, Consumer<String> warnings) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = view.readAttributes().permissions();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokens file " + file + ": " + e.getMessage(), e);
        }
        if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
            throw new IllegalArgumentException("tokens file " + file + " is readable by every user; make it private"
                    + " first (chmod 600 " + file + ")");
        }
        if (permissions.contains(PosixFilePermission.GROUP_READ)) {
            warnings.accept("tokens file " + file + " is readable by its group; chmod 600 keeps it private");
        }
    }
}
