package com.vrooli.telemetry.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Runs the in-process hosting example end to end, as a smoke test of the published API. */
class HostServerInProcessTest {

    @Test
    @DisplayName("the example serves, stores the upload, reads the summary back and stops")
    void runsEndToEnd() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        String summaries = HostServerInProcess.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertEquals("{\"scenarios\":[{\"scenario\":\"picker-wheel\",\"total_events\":2,"
                + "\"last_event\":\"2025-01-15T12:00:05Z\",\"failure_counts\":{},\"recent_failures\":[]}],"
                + "\"total_scenarios\":1}", summaries);
        String output = printed.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("upload answered 200: {\"status\":\"accepted\",\"events_received\":2,"
                + "\"events_stored\":2}"), output);
    }
}
