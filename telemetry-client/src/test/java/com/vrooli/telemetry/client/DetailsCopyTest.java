package com.vrooli.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.vrooli.telemetry.core.Details;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code record} takes the caller's details out of its hands: what the caller changes afterwards changes nothing. */
@Timeout(60)
class DetailsCopyTest {

    private final FileSystem fs = SpoolFiles.jimfs();
    private final Path spool = fs.getPath("/appdata/telemetry/deployment-telemetry.jsonl");

    @AfterEach
    void close() throws IOException {
        fs.close();
    }

    /** A map with a nested map, a nested list and a value written with its toString(). */
    private static Map<String, Object> mutableDetails(List<Object> list, Map<String, Object> nested,
                                                      AtomicInteger counter) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("step", "before");
        details.put("list", list);
        details.put("nested", nested);
        details.put("counter", counter);
        return details;
    }

    @Test
    void changesToTheMapAndWhatItHoldsAfterRecordChangeNothing() throws IOException {
        List<Object> list = new ArrayList<>(List.of(1, 2));
        Map<String, Object> nested = new HashMap<>(Map.of("k", "v"));
        AtomicInteger counter = new AtomicInteger(7);
        Map<String, Object> details = mutableDetails(list, nested, counter);
        try (TelemetryClient client = TelemetryClient.builder().scenario("picker-wheel").spoolFile(spool)
                .closeOnShutdown(false).build()) {
            // A backlog ahead of it, so the background thread reaches the event well after the changes.
            for (int i = 0; i < 5000; i++) {
                client.record("filler");
            }
            client.record("changed_later", details);
            details.put("step", "after");
            details.put("added", true);
            list.add(3);
            nested.put("k", "changed");
            counter.set(99);
            client.flush(Duration.ofSeconds(30));
        }

        TelemetryEvent event = SpoolFiles.events(spool).stream().filter(e -> e.event().equals("changed_later"))
                .findFirst().orElseThrow();
        assertEquals("{\"step\":\"before\",\"list\":[1,2],\"nested\":{\"k\":\"v\"},\"counter\":\"7\"}",
                event.details().toString());
    }

    @Test
    void aSnapshotIsTakenOfMutableDetailsAtOnce() {
        List<Object> list = new ArrayList<>(List.of("a"));
        Map<String, Object> nested = new HashMap<>(Map.of("n", 1));
        AtomicInteger counter = new AtomicInteger(1);
        Map<String, Object> details = mutableDetails(list, nested, counter);

        Object snapshot = DetailsSnapshot.of(details);
        details.clear();
        list.clear();
        nested.clear();
        counter.set(2);

        assertEquals(Details.parse("{\"step\":\"before\",\"list\":[\"a\"],\"nested\":{\"n\":1},\"counter\":\"1\"}"),
                snapshot);
    }

    @Test
    void detailsThatCannotChangeAreKeptAsTheyAre() {
        Map<String, ?> frozen = Map.of("n", 1, "list", List.of("a", List.of(2.5)), "one", Collections.singletonMap("k", 'c'));
        assertSame(frozen, DetailsSnapshot.of(frozen));
        assertSame(null, DetailsSnapshot.of(null));
    }

    @Test
    void anUnmodifiableViewOrAMutableValueInsideAnImmutableMapIsCopied() {
        Map<String, Object> backing = new HashMap<>(Map.of("n", 1));
        Map<String, Object> view = Collections.unmodifiableMap(backing);
        Object viewSnapshot = DetailsSnapshot.of(view);
        backing.put("n", 2);
        assertEquals(Details.parse("{\"n\":1}"), viewSnapshot);

        List<Object> inner = new ArrayList<>(List.of(1));
        Object innerSnapshot = DetailsSnapshot.of(Map.of("inner", inner));
        inner.add(2);
        assertEquals(Details.parse("{\"inner\":[1]}"), innerSnapshot);
    }

    @Test
    void aMapThatContainsItselfIsRefusedWithoutRecursingForever() {
        Map<String, Object> cycle = new HashMap<>();
        cycle.put("self", cycle);
        assertThrows(IllegalArgumentException.class, () -> DetailsSnapshot.of(cycle));
    }
}
