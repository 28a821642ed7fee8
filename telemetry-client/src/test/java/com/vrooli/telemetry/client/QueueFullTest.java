package com.vrooli.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.testing.Await;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** When the file cannot take events, the bounded queue fills and record drops and counts instead of waiting. */
@Timeout(60)
class QueueFullTest {

    @TempDir
    Path dir;

    @Test
    void recordDropsAndCountsWhenTheQueueIsFullAndTheRestReachTheFileLater() throws IOException {
        Path spool = dir.resolve("spool.jsonl");
        SpoolPaths paths = SpoolPaths.of(spool);
        paths.createDirectories();
        int attempts = 1000;
        try (FileChannel lockFile = FileChannel.open(paths.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock appendLock = lockFile.lock(0, 1, false);
            // The background thread now waits for the append lock while opening the file.
            TelemetryClient client = TelemetryClient.builder().scenario("picker-wheel").spoolFile(spool)
                    .queueCapacity(16).lockWait(Duration.ofMinutes(1)).closeOnShutdown(false).build();
            try {
                for (int i = 0; i < attempts; i++) {
                    client.record("tick");
                }
                ClientStats stuck = client.stats();
                assertEquals(attempts, stuck.recorded());
                assertEquals(attempts - 16, stuck.dropped(DropReason.QUEUE_FULL), stuck.toString());
                assertEquals(0, stuck.spooled());

                appendLock.release();
                Await.until("the queued events reach the file", Await.DEADLINE,
                        () -> client.stats().spooled() + client.stats().dropped(DropReason.QUEUE_FULL) == attempts,
                        client::stats);
                assertTrue(client.flush(Duration.ofSeconds(30)));
            } finally {
                client.close();
            }
            assertEquals(client.stats().spooled(), SpoolFiles.eventIds(spool).size());
            assertEquals(List.of(), ClientThreads.alive(client));
        }
    }
}
