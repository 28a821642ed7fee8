package com.vrooli.telemetry.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.http.RealServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each example's {@code main}, with the arguments examples/README.md gives: the desktop app uploads
 * to a real server, the offline example reads the app's file, the host example serves over a
 * directory. A smoke test of what a user runs.
 */
class ExampleMainsTest {

    @TempDir
    Path appData;

    @TempDir
    Path serverDir;

    @TempDir
    Path hostDir;

    @Test
    @DisplayName("the desktop app, the offline report of its file, and the in-process host run from main")
    void mains() throws Exception {
        String desktop;
        String offline;
        String host;
        try (RealServer server = RealServer.start(serverDir)) {
            desktop = printedBy(() -> DesktopAppExample.main(new String[] {server.uploadUri().toString(),
                appData.toString()}));
            assertEquals(6, server.events("picker-wheel").size());
        }
        offline = printedBy(() -> ReuseCoreOfflineExample.main(new String[] {
            appData.resolve("telemetry/deployment-telemetry.jsonl").toString()}));
        host = printedBy(() -> HostServerInProcess.main(new String[] {hostDir.toString()}));

        assertTrue(desktop.contains("flush: everything recorded is on the server"), desktop);
        assertTrue(offline.contains(": 6 events in 1 scenario(s); 0 line(s) skipped"), offline);
        assertTrue(offline.contains("picker-wheel: 6 events (4 info, 0 warn, 2 error)"), offline);
        assertTrue(host.contains("upload answered 200: {\"status\":\"accepted\",\"events_received\":3,"
                + "\"events_stored\":3}"), host);
        assertTrue(host.contains("after reopening: " + HostServerInProcessTest.SUMMARIES), host);
    }

    /** What {@code body} printed to {@code System.out}. */
    private static String printedBy(Main body) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface Main {
        void run() throws Exception;
    }
}
