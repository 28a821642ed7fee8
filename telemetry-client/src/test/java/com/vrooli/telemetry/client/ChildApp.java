package com.vrooli.telemetry.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The "app" a {@link ProcessKillTest} runs in a child JVM. Arguments: the spool file, the upload
 * address, and either {@code forever} (record until killed) or a number of events to record
 * before closing and exiting.
 */
public final class ChildApp {

    private ChildApp() {
    }

    public static void main(String[] args) {
        Path spool = Path.of(args[0]);
        URI upload = URI.create(args[1]);
        String mode = args[2];
        TelemetryClient client = TestClients.fast(spool, upload).maxBatchEvents(100).build();
        long pid = ProcessHandle.current().pid();
        System.out.println("started " + pid);
        System.out.flush();
        if (mode.equals("forever")) {
            for (long i = 0; ; i++) {
                client.record("tick", Map.of("n", i, "pid", pid));
                if (i % 20 == 0) {
                    // An app records now and then; this keeps the machine usable for the parent test.
                    LockSupport.parkNanos(1_000_000L);
                }
            }
        }
        int count = Integer.parseInt(mode);
        for (int i = 0; i < count; i++) {
            client.record("tick", Map.of("n", i, "pid", pid));
            if (i % 20 == 0) {
                LockSupport.parkNanos(1_000_000L);
            }
        }
        client.close(Duration.ofSeconds(20));
        System.out.println("done " + client.stats());
    }
}
