package com.vrooli.telemetry.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Maximum throughput: each connection sends its next batch as soon as the previous one is
 * answered, until the time is up or the batch budget is spent. Latency is request to full answer.
 */
final class ClosedLoop {

    private ClosedLoop() {
    }

    /**
     * @param seconds how long to run (ignored when {@code batches} is positive)
     * @param batches how many batches to send in all, shared by the connections; 0 to run for {@code seconds}
     */
    static RunResult run(ServerUnderTest server, UploadWorkload workload, double seconds, long batches)
            throws InterruptedException {
        UploadWorkload.Tally tally = new UploadWorkload.Tally();
        AtomicLong budget = new AtomicLong(batches > 0 ? batches : Long.MAX_VALUE);
        List<LatencySamples> samples = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CpuMeter cpu = new CpuMeter();
        cpu.start();
        long start = System.nanoTime();
        long deadline = batches > 0 ? Long.MAX_VALUE : start + (long) (seconds * 1e9);
        for (int c = 0; c < workload.connections(); c++) {
            LatencySamples mine = new LatencySamples();
            samples.add(mine);
            UploadRequests requests = workload.requests(c);
            Thread t = new Thread(() -> drive(server.address(), requests, tally, mine, budget, deadline),
                    "load-" + server.name() + "-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new RunResult(server.name(), workload.connections(), workload.batch(), tally.requests.get(),
                tally.events.get(), tally.bodyBytes.get(), elapsed, LatencySamples.merge(samples),
                tally.errors.get(), tally.firstError.get(), cpu.stop());
    }

    private static void drive(InetSocketAddress address, UploadRequests requests, UploadWorkload.Tally tally,
                              LatencySamples latencies, AtomicLong budget, long deadline) {
        try (RawHttpClient client = new RawHttpClient(address)) {
            while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
                byte[] request = requests.next();
                long sent = System.nanoTime();
                if (!tally.exchange(client, requests, request)) {
                    return;
                }
                latencies.add(System.nanoTime() - sent);
            }
        } catch (IOException e) {
            tally.fail("cannot connect: " + e);
        }
    }
}
