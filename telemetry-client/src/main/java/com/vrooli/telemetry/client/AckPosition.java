package com.vrooli.telemetry.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * How much of the spool the server has acknowledged, kept in a small text file beside it and
 * replaced atomically (temporary file, then an atomic move), so a crash leaves the old position
 * or the new one, never a mix.
 *
 * <p>The position is only trusted while it still describes the same file: the anchor (length and
 * CRC32C of the last acknowledged line, which holds a unique event id) must still end exactly at
 * {@code offset}, and the file's identity ({@code fileKey}, where the file system has one) must
 * match. Otherwise the whole file is sent again, which is safe because the server de-duplicates by
 * event id.
 *
 * @param offset       bytes of the current file the server has acknowledged (a line boundary)
 * @param removed      bytes removed from the front of the file since it was created (compaction
 *                     and the size cap); {@code removed + offset} only ever grows
 * @param anchorLength length of the last acknowledged line with its newline, 0 when none
 * @param anchorCrc    CRC32C of that line
 * @param fileKey      the spool's file key when the position was written, or null
 */
record AckPosition(long offset, long removed, int anchorLength, long anchorCrc, String fileKey) {

    /** Nothing acknowledged. */
    static final AckPosition START = new AckPosition(0, 0, 0, 0, null);

    AckPosition {
        if (offset < 0 || removed < 0 || anchorLength < 0) {
            throw new IllegalArgumentException("negative position");
        }
    }

    /** This position moved back to the start of the file. */
    AckPosition restart() {
        return new AckPosition(0, removed, 0, 0, null);
    }

    /**
     * Reads the position file; {@link #START} when it is missing or unreadable (the consequence
     * is a re-send, which the server de-duplicates).
     */
    static AckPosition load(Path file) {
        try {
            return parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return START;
        } catch (IOException | RuntimeException e) {
            RateLimitedLogger.LOGGER.warning("cannot read the telemetry position file " + file + " (" + e
                    + "); the local file will be sent again from its start");
            return START;
        }
    }

    /** Writes this position atomically: {@code temp} is written, forced and moved over {@code file}. */
    void store(Path file, Path temp, boolean fsync) throws IOException {
        byte[] bytes = encode().getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            if (fsync) {
                ch.force(true);
            }
        }
        SpoolCompactor.moveAtomically(temp, file);
    }

    String encode() {
        StringBuilder sb = new StringBuilder(160);
        sb.append("version=1\n")
                .append("offset=").append(offset).append('\n')
                .append("removed=").append(removed).append('\n')
                .append("anchor_length=").append(anchorLength).append('\n')
                .append("anchor_crc32c=").append(anchorCrc).append('\n');
        if (fileKey != null) {
            sb.append("file_key=").append(fileKey.replace('\n', ' ')).append('\n');
        }
        return sb.toString();
    }

    /**
     * Parses the text of a position file.
     *
     * @throws IllegalArgumentException when it is not one
     */
    static AckPosition parse(String text) {
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        if (!"1".equals(values.get("version"))) {
            throw new IllegalArgumentException("not a version 1 position file");
        }
        return new AckPosition(number(values, "offset"), number(values, "removed"),
                (int) number(values, "anchor_length"), number(values, "anchor_crc32c"), values.get("file_key"));
    }

    private static long number(Map<String, String> values, String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("position file has no " + key);
        }
        return Long.parseLong(v.trim());
    }
}
