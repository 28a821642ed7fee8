package com.vrooli.telemetry.client;

import java.util.List;
import java.util.stream.Collectors;

/** The live threads a client started, found by their name prefix. */
final class ClientThreads {

    private ClientThreads() {
    }

    static List<String> alive(TelemetryClient client) {
        String prefix = client.threadNamePrefix();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
                .map(Thread::getName)
                .sorted()
                .collect(Collectors.toList());
    }
}
