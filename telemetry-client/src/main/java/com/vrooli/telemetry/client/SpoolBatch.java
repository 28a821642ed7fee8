package com.vrooli.telemetry.client;

/**
 * Whole lines read from the spool for one upload.
 *
 * @param start          offset of the first line
 * @param end            offset after the last line's newline
 * @param lines          how many lines
 * @param body           the lines as stored (NDJSON), or null for a damaged line too long to send
 * @param lastLineLength length of the last line with its newline (the position anchor)
 * @param lastLineCrc    CRC32C of the last line with its newline
 */
record SpoolBatch(long start, long end, int lines, byte[] body, int lastLineLength, long lastLineCrc) {

    /** True for a damaged line longer than any batch: it is skipped, never sent. */
    boolean damaged() {
        return body == null;
    }
}
