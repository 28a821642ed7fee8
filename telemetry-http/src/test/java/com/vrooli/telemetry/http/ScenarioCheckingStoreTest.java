package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The store the upload path writes through with tokens: all or nothing, and closed without a token. */
class ScenarioCheckingStoreTest {

    private static final Instant T = Instant.parse("2025-01-15T12:00:00Z");

    private final InMemoryTelemetryStore delegate = InMemoryTelemetryStore.create();
    private final UploadPermissions permissions = new UploadPermissions();
    private final ScenarioCheckingStore store = new ScenarioCheckingStore(delegate, permissions);
    private final TokenGrant pickerOnly = new TokenGrant(0, false, List.of(new ScenarioPattern("picker-*")));

    @Test
    @DisplayName("a batch within the token's patterns is appended")
    void allowed() throws Exception {
        permissions.handleAs(pickerOnly, exchange -> store.append(List.of(event("picker-wheel"), event("picker-2"))),
                null);
        assertEquals(2, delegate.summaries().size());
    }

    @Test
    @DisplayName("one forbidden scenario refuses the batch: 403 naming at most three scenarios, nothing appended")
    void forbidden() {
        List<TelemetryEvent> batch = new ArrayList<>(List.of(event("picker-wheel")));
        for (String s : new String[] {"e", "d", "c", "b", "a", "a"}) {
            batch.add(event(s));
        }
        HttpProblem p = assertThrows(HttpProblem.class,
                () -> permissions.handleAs(pickerOnly, exchange -> store.append(batch), null));

        assertEquals(403, p.status());
        assertEquals("this token may not upload to scenarios 'a', 'b', 'c' and 2 more; nothing was stored",
                p.getMessage());
        assertTrue(delegate.summaries().isEmpty());
    }

    @Test
    @DisplayName("an append outside an authenticated upload fails closed")
    void failsClosed() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> store.append(List.of(event("picker-wheel"))));
        assertEquals("an upload reached the store without an authenticated token", e.getMessage());
        assertTrue(delegate.summaries().isEmpty());
        assertEquals(null, permissions.current(), "the grant does not outlive its request");
    }

    private static TelemetryEvent event(String scenario) {
        return TelemetryEvent.of(T, scenario, "app_start");
    }
}
