package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes the answer of {@code GET /api/v1/telemetry} exactly as {@link WireJson#summaries} does,
 * without re-encoding what has not changed. Summaries are immutable and a store hands back the same
 * instance while a scenario takes no new events, so each scenario's encoded object is kept beside
 * the instance it came from and reused while the store returns that instance; when every one is
 * unchanged, the previous answer itself is reused. With 1,000 scenarios the answer is megabytes,
 * and encoding it on every request would dominate the latency. Thread-safe: concurrent requests
 * at worst encode the same summary twice.
 */
final class SummariesAnswer {

    private static final byte[] HEAD = "{\"scenarios\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = "],\"total_scenarios\":".getBytes(StandardCharsets.US_ASCII);

    /** One scenario's summary and its encoded object. */
    private record Piece(ScenarioSummary summary, byte[] json) {
    }

    /** The last answer: the summaries it was made of, in order, and its bytes. */
    private record Answer(ScenarioSummary[] summaries, Map<String, Piece> pieces, byte[] json) {
        boolean madeOf(List<ScenarioSummary> current) {
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
    }

    private volatile Answer last = new Answer(new ScenarioSummary[0], Map.of(), WireJson.summaries(List.of()));

    /** The answer for {@code summaries}; the returned array is shared and must not be changed. */
    byte[] encode(List<ScenarioSummary> summaries) {
        Answer previous = last;
        if (previous.madeOf(summaries)) {
            return previous.json();
        }
        Map<String, Piece> pieces = new HashMap<>(summaries.size() * 2);
        byte[] count = Integer.toString(summaries.size()).getBytes(StandardCharsets.US_ASCII);
        int length = HEAD.length + Math.max(summaries.size() - 1, 0) + TAIL.length + count.length + 1;
        for (ScenarioSummary s : summaries) {
            Piece piece = previous.pieces().get(s.scenario());
            if (piece == null || piece.summary() != s) {
                piece = new Piece(s, WireJson.summary(s));
            }
            pieces.put(s.scenario(), piece);
            length += piece.json().length;
        }
        byte[] json = new byte[length];
        int pos = put(json, 0, HEAD);
        for (int i = 0; i < summaries.size(); i++) {
            if (i > 0) {
                json[pos++] = ',';
            }
            pos = put(json, pos, pieces.get(summaries.get(i).scenario()).json());
        }
        pos = put(json, pos, TAIL);
        pos = put(json, pos, count);
        json[pos] = '}';
        last = new Answer(summaries.toArray(new ScenarioSummary[0]), pieces, json);
        return json;
    }

    private static int put(byte[] dst, int pos, byte[] src) {
        System.arraycopy(src, 0, dst, pos, src.length);
        return pos + src.length;
    }
}
