package com.vrooli.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.testing.Await;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The background thread waits, never spins, while an upload waits for its answer. */
@Timeout(90)
class WorkerIdleTest {

    /**
     * A spinning thread burns its whole share of a core: on this 2-core machine, even loaded to a
     * tenth of a core, some 400 ms over the 4 s the answer is awaited. A waiting thread wakes once
     * (at the request's deadline) and uses a few milliseconds.
     */
    private static final long MAX_CPU_NANOS = Duration.ofMillis(150).toNanos();

    @TempDir
    Path dir;

    @Test
    void theWorkerUsesNoCpuWhileAnUploadWaitsForItsAnswerPastTheRefreshInterval() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger hung = new AtomicInteger();
        try (FakeServer server = TestServers.fake(exchange -> {
                 hung.incrementAndGet();
                 release.await();
             }, release::countDown);
             // The refresh falls due every 20 ms, the answer is awaited for 4 s.
             TelemetryClient client = TestClients.fast(dir.resolve("spool.jsonl"), server.uploadUri())
                     .requestTimeout(Duration.ofSeconds(4)).build()) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            assertTrue(threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled(), "thread CPU time");
            long worker = workerThreadId(client);
            client.record("first");
            Await.until("the upload waits for its answer", () -> hung.get() >= 1);
            long before = threads.getThreadCpuTime(worker);

            Await.until("the request timed out", () -> client.stats().failedUploads() >= 1);
            long after = threads.getThreadCpuTime(worker);
            assertTrue(before >= 0 && after >= 0, "the background thread is alive throughout");
            long used = after - before;

            assertTrue(used < MAX_CPU_NANOS, "the background thread used " + used / 1_000_000
                    + " ms of CPU while it had nothing to do but wait for one answer");
        }
    }

    private static long workerThreadId(TelemetryClient client) {
        String name = client.threadNamePrefix() + "-worker";
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name))
                .findFirst().orElseThrow().getId();
    }
}
