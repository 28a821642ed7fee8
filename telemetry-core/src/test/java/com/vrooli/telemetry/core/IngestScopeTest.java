package com.vrooli.telemetry.core;

import static com.vrooli.telemetry.core.Decoding.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The scenarios an ingest call may write to arrive as an argument: all or nothing of the batch. */
class IngestScopeTest {

    private final InMemoryTelemetryStore store = InMemoryTelemetryStore.create();
    private final IngestService ingest = IngestService.create(store,
            Clock.fixed(Instant.parse("2025-01-15T13:00:00Z"), ZoneOffset.UTC));
    private final ScenarioScope pickerOnly = ScenarioScope.of(s -> s.startsWith("picker-"));

    private IngestResult upload(String body, String defaultScenario, ScenarioScope scope) {
        byte[] bytes = utf8(body);
        return ingest.ingest(bytes, 0, bytes.length, BodyFormat.NDJSON, defaultScenario, scope);
    }

    @Test
    @DisplayName("a batch within the scope is stored")
    void within() {
        IngestResult r = upload("{\"scenario\":\"picker-wheel\",\"event\":\"a\"}\n{\"event\":\"b\"}", "picker-2",
                pickerOnly);
        assertEquals(2, r.stored());
        assertEquals(2, store.summaries().size());
    }

    @Test
    @DisplayName("one event outside the scope refuses the batch, naming each scenario once, sorted; nothing is stored")
    void outside() {
        ScenarioNotPermittedException e = assertThrows(ScenarioNotPermittedException.class, () -> upload(
                "{\"scenario\":\"picker-wheel\",\"event\":\"a\"}\n{\"scenario\":\"z\",\"event\":\"b\"}\n"
                        + "{\"event\":\"c\"}\n{\"scenario\":\"z\",\"event\":\"d\"}", "from-query", pickerOnly));
        assertEquals(List.of("from-query", "z"), List.copyOf(e.scenarios()));
        assertTrue(store.summaries().isEmpty());
    }

    @Test
    @DisplayName("invalid events are judged per event, never against the scope")
    void invalidEventsDoNotCount() {
        IngestResult r = upload("{\"scenario\":\"picker-wheel\",\"event\":\"a\"}\n{\"scenario\":\"../x\",\"event\":\"b\"}",
                null, pickerOnly);
        assertEquals(1, r.stored());
        assertEquals(1, r.rejected());
    }

    @Test
    @DisplayName("without a scope argument every scenario may be written")
    void all() {
        byte[] body = utf8("{\"scenario\":\"anything\",\"event\":\"a\"}");
        assertEquals(1, ingest.ingest(body, BodyFormat.NDJSON, null).stored());
    }
}
