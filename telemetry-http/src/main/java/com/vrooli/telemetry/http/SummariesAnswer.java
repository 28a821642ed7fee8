package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.WireJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Encodes the answer of {@code GET /api/v1/telemetry} exactly as {@link WireJson#summaries} does,
 * without re-encoding what has not changed. Summaries are immutable and a store hands back the same
 * instance while a scenario takes no new events, so each scenario's encoded object is kept beside
 * the instance it came from and reused while the store returns that instance; when every one is
 * unchanged, the previous answer itself is reused (at once when the store hands back the very same list,
 * as the PostgreSQL store does while no transaction committed). With 1,000 scenarios the answer is megabytes,
 * and encoding it on every request would dominate the latency.
 *
 * <p>The same answer gzip'd, for clients that accept it, is made the same way: each scenario's
 * object is compressed as a raw deflate stream of its own, primed with the object before it as a
 * dictionary (what the inflater has just produced) and ended by a sync flush, which leaves it
 * byte-aligned and not final; it is kept beside the object with the neighbour it was compressed
 * after. The pieces are joined into one gzip member with a final empty block and the CRC-32 of the
 * whole answer. A changed scenario is compressed again, and so is the one after it. Thread-safe: concurrent requests at worst encode the same summary twice.
 */
final class SummariesAnswer {

    private static final byte[] HEAD = "{\"scenarios\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = "],\"total_scenarios\":".getBytes(StandardCharsets.US_ASCII);
    /** ID1 ID2, deflate, no flags, no time, no extra flags, unknown OS. */
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    /** A final fixed-Huffman block holding only its end: BFINAL=1, BTYPE=01, code 0, padded. */
    private static final byte[] FINAL_BLOCK = {0x03, 0x00};
    private static final byte[] COMMA = {','};
    /** Deflate's window: how far back a dictionary can reach. */
    private static final int WINDOW = 32 * 1024;

    /**
     * One scenario's summary, its encoded object and, once asked for, that object deflated as it
     * follows the piece before it in the answer (a comma in front unless it is the first).
     */
    private static final class Piece {
        final ScenarioSummary summary;
        final byte[] json;
        private volatile Deflated deflated;

        Piece(ScenarioSummary summary, byte[] json) {
            this.summary = summary;
            this.json = json;
        }

        /**
         * This object deflated after {@code previous} (null: first, right after the head). The
         * previous object's text is the dictionary: it is what the inflater has just produced, so
         * back-references into it are valid, and neighbouring summaries share most of their text.
         */
        byte[] deflated(Piece previous, Deflater deflater) {
            Deflated known = deflated;
            if (known == null || known.after != previous) {
                byte[] bytes = previous == null ? deflate(deflater, HEAD, json)
                        : deflate(deflater, previous.json, COMMA, json);
                known = new Deflated(previous, bytes);
                deflated = known;
            }
            return known.bytes;
        }
    }

    /** A piece's compressed bytes and the piece they were compressed after. */
    private record Deflated(Piece after, byte[] bytes) {
    }

    /** One answer: the summaries it was made of, in order, its bytes and, once asked for, its gzip. */
    static final class Answer {
        private final List<ScenarioSummary> source;
        private final ScenarioSummary[] summaries;
        private final Piece[] ordered;
        private final Map<String, Piece> pieces;
        private final byte[] json;
        private volatile byte[] gzip;

        private Answer(List<ScenarioSummary> source, Piece[] ordered, Map<String, Piece> pieces, byte[] json) {
            this.source = source;
            this.summaries = source.toArray(new ScenarioSummary[0]);
            this.ordered = ordered;
            this.pieces = pieces;
            this.json = json;
        }

        boolean madeOf(List<ScenarioSummary> current) {
            if (current == source) {
                return true;
            }
            if (current.size() != summaries.length) {
                return false;
            }
            for (int i = 0; i < summaries.length; i++) {
                if (current.get(i) != summaries[i]) {
                    return false;
                }
            }
            return true;
        }

        /** The answer's JSON; shared, not to be changed. */
        byte[] json() {
            return json;
        }

        /** The answer as one gzip member; shared, not to be changed. */
        byte[] gzip() {
            byte[] known = gzip;
            if (known == null) {
                known = compress();
                gzip = known;
            }
            return known;
        }

        private byte[] compress() {
            Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4 + 64);
                out.writeBytes(GZIP_HEADER);
                out.writeBytes(deflate(deflater, null, HEAD));
                for (int i = 0; i < ordered.length; i++) {
                    out.writeBytes(ordered[i].deflated(i == 0 ? null : ordered[i - 1], deflater));
                }
                int tailStart = json.length - trailerLength(ordered.length);
                out.writeBytes(deflate(deflater, ordered.length == 0 ? HEAD : ordered[ordered.length - 1].json,
                        Arrays.copyOfRange(json, tailStart, json.length)));
                out.writeBytes(FINAL_BLOCK);
                CRC32 crc = new CRC32();
                crc.update(json);
                writeIntLittleEndian(out, (int) crc.getValue());
                writeIntLittleEndian(out, json.length);
                return out.toByteArray();
            } finally {
                deflater.end();
            }
        }
    }

    private volatile Answer last = build(List.of(), Map.of());

    /** The answer for {@code summaries}; the returned array is shared and must not be changed. */
    byte[] encode(List<ScenarioSummary> summaries) {
        return answer(summaries).json();
    }

    /** The answer for {@code summaries}, plain or gzip'd on demand. */
    Answer answer(List<ScenarioSummary> summaries) {
        Answer previous = last;
        if (previous.madeOf(summaries)) {
            return previous;
        }
        Answer next = build(summaries, previous.pieces);
        last = next;
        return next;
    }

    private static Answer build(List<ScenarioSummary> summaries, Map<String, Piece> known) {
        Map<String, Piece> pieces = new HashMap<>(summaries.size() * 2);
        Piece[] ordered = new Piece[summaries.size()];
        int length = HEAD.length + Math.max(summaries.size() - 1, 0) + trailerLength(summaries.size());
        for (int i = 0; i < ordered.length; i++) {
            ScenarioSummary s = summaries.get(i);
            Piece piece = known.get(s.scenario());
            if (piece == null || piece.summary != s) {
                piece = new Piece(s, WireJson.summary(s));
            }
            pieces.put(s.scenario(), piece);
            ordered[i] = piece;
            length += piece.json.length;
        }
        byte[] count = Integer.toString(summaries.size()).getBytes(StandardCharsets.US_ASCII);
        byte[] json = new byte[length];
        int pos = put(json, 0, HEAD);
        for (int i = 0; i < ordered.length; i++) {
            if (i > 0) {
                json[pos++] = ',';
            }
            pos = put(json, pos, ordered[i].json);
        }
        pos = put(json, pos, TAIL);
        pos = put(json, pos, count);
        json[pos] = '}';
        return new Answer(summaries, ordered, pieces, json);
    }

    /** Bytes after the last scenario: the tail, the count and the closing brace. */
    private static int trailerLength(int scenarios) {
        return TAIL.length + Integer.toString(scenarios).length() + 1;
    }

    /**
     * The bytes as a raw deflate stream of their own, ended by a sync flush (byte-aligned, not
     * final), primed with the end of {@code dictionary} (at most the 32 KiB window), which must be
     * exactly the text that precedes them in the answer; null for none.
     */
    private static byte[] deflate(Deflater deflater, byte[] dictionary, byte[]... parts) {
        deflater.reset();
        if (dictionary != null) {
            int length = Math.min(dictionary.length, WINDOW);
            deflater.setDictionary(dictionary, dictionary.length - length, length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        byte[] buffer = new byte[8192];
        for (int p = 0; p < parts.length; p++) {
            deflater.setInput(parts[p]);
            int flush = p == parts.length - 1 ? Deflater.SYNC_FLUSH : Deflater.NO_FLUSH;
            int n;
            do {
                n = deflater.deflate(buffer, 0, buffer.length, flush);
                out.write(buffer, 0, n);
            } while (n == buffer.length || !deflater.needsInput());
        }
        return out.toByteArray();
    }

    private static void writeIntLittleEndian(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    private static int put(byte[] dst, int pos, byte[] src) {
        System.arraycopy(src, 0, dst, pos, src.length);
        return pos + src.length;
    }
}
