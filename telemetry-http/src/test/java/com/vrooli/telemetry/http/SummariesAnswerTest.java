package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.SummaryAggregator;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.core.WireJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summaries answer is byte for byte what WireJson writes, however it was assembled. */
class SummariesAnswerTest {

    private static final Instant T0 = Instant.parse("2025-01-15T12:00:00Z");

    private final SummariesAnswer answer = new SummariesAnswer();

    @Test
    void anEmptyListAndAFreshListAreEncodedAsWireJsonDoes() {
        assertArrayEquals(WireJson.summaries(List.of()), answer.encode(List.of()));
        List<ScenarioSummary> list = List.of(summary("a", 1), summary("b", 3), summary("c", 12));
        assertArrayEquals(WireJson.summaries(list), answer.encode(list));
    }

    @Test
    void theSameSummariesGiveTheSameAnswerWithoutEncodingAgain() {
        List<ScenarioSummary> list = List.of(summary("a", 2), summary("b", 5));

        byte[] first = answer.encode(list);

        assertSame(first, answer.encode(new ArrayList<>(list)));
    }

    @Test
    void aChangedAddedOrRemovedScenarioIsReflected() {
        ScenarioSummary a = summary("a", 2);
        ScenarioSummary b = summary("b", 5);
        ScenarioSummary c = summary("c", 1);
        answer.encode(List.of(a, b, c));

        List<ScenarioSummary> changed = List.of(a, summary("b", 6), c);
        assertArrayEquals(WireJson.summaries(changed), answer.encode(changed));
        List<ScenarioSummary> added = List.of(summary("0", 1), a, changed.get(1), c);
        assertArrayEquals(WireJson.summaries(added), answer.encode(added));
        List<ScenarioSummary> removed = List.of(a, c);
        assertArrayEquals(WireJson.summaries(removed), answer.encode(removed));
        assertArrayEquals(WireJson.summaries(List.of()), answer.encode(List.of()));
    }

    @Test
    void theGzipAnswerInflatesToExactlyThePlainAnswerAsItChanges() throws Exception {
        assertGzipOf(answer.answer(List.of()));
        java.util.Random random = new java.util.Random(5);
        List<ScenarioSummary> current = new ArrayList<>();
        for (int step = 0; step < 60; step++) {
            int change = random.nextInt(4);
            String name = "s" + random.nextInt(40);
            current.removeIf(x -> x.scenario().equals(name));
            if (change > 0) {
                current.add(summary(name, 1 + random.nextInt(30)));
            }
            current.sort(java.util.Comparator.comparing(ScenarioSummary::scenario));
            SummariesAnswer.Answer a = answer.answer(List.copyOf(current));
            assertArrayEquals(WireJson.summaries(current), a.json());
            assertGzipOf(a);
        }
    }

    @Test
    void theGzipAnswerIsMadeOnceAndMuchSmaller() {
        List<ScenarioSummary> list = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            list.add(summary(String.format("scenario-%03d", i), 40));
        }
        SummariesAnswer.Answer a = answer.answer(list);
        assertSame(a.gzip(), answer.answer(new ArrayList<>(list)).gzip());
        org.junit.jupiter.api.Assertions.assertTrue(a.gzip().length * 3 < a.json().length,
                a.gzip().length + " bytes gzip'd of " + a.json().length);
    }

    /** A gzip member whose deflate stream ends exactly before its 8-byte trailer and inflates to the JSON. */
    private static void assertGzipOf(SummariesAnswer.Answer a) throws Exception {
        byte[] gzip = a.gzip();
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(gzip))) {
            assertArrayEquals(a.json(), in.readAllBytes()); // also checks the CRC-32 and the length
        }
        java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
        inflater.setInput(gzip, 10, gzip.length - 10);
        byte[] out = new byte[a.json().length + 1];
        int n = inflater.inflate(out);
        org.junit.jupiter.api.Assertions.assertTrue(inflater.finished(), "the deflate stream has a final block");
        org.junit.jupiter.api.Assertions.assertEquals(a.json().length, n);
        org.junit.jupiter.api.Assertions.assertEquals(8, inflater.getRemaining(), "only the trailer follows");
        inflater.end();
    }

    /** A summary of {@code events} events, every third a failure with details. */
    private static ScenarioSummary summary(String scenario, int events) {
        SummaryAggregator aggregator = new SummaryAggregator(scenario);
        for (int i = 0; i < events; i++) {
            Instant at = T0.plusSeconds(i);
            aggregator.add(i % 3 == 2
                    ? TelemetryEvent.of(at, scenario, "migration_failed", Map.of("version", "v" + i, "error", "locked"))
                    : TelemetryEvent.of(at, scenario, "app_start"));
        }
        return aggregator.snapshot();
    }
}
