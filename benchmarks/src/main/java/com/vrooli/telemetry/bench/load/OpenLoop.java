package com.vrooli.telemetry.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Fixed rate: the connections share a schedule of intended send times, evenly spaced at the
 * target rate and interleaved across connections. Latency is measured from the intended send
 * time, not from when the request actually left, so a server that falls behind is charged for
 * the requests it delayed (no coordinated omission). A connection that is behind sends at once.
 */
final class OpenLoop {

    private OpenLoop() {
    }

    /** Sends at {@code requestsPerSecond} in all, for {@code seconds}. */
    static RunResult run(ServerUnderTest server, UploadWorkload workload, double requestsPerSecond, double seconds)
            throws InterruptedException {
        UploadWorkload.Tally tally = new UploadWorkload.Tally();
        int connections = workload.connections();
        long interval = (long) (connections * 1e9 / requestsPerSecond);
        List<LatencySamples> samples = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CpuMeter cpu = new CpuMeter();
        // Connect first, so connecting is not charged to the first requests.
        List<RawHttpClient> clients = new ArrayList<>();
        try {
            for (int c = 0; c < connections; c++) {
                clients.add(new RawHttpClient(server.address()));
            }
        } catch (IOException e) {
            closeAll(clients);
            throw new IllegalStateException("cannot connect to " + server.address(), e);
        }
        cpu.start();
        long start = System.nanoTime() + 10_000_000L;
        long end = start + (long) (seconds * 1e9);
        for (int c = 0; c < connections; c++) {
            LatencySamples mine = new LatencySamples();
            samples.add(mine);
            RawHttpClient client = clients.get(c);
            UploadRequests requests = workload.requests(c);
            long first = start + interval * c / connections;
            Thread t = new Thread(() -> drive(client, requests, tally, mine, first, interval, end),
                    "open-loop-" + server.name() + "-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        closeAll(clients);
        return new RunResult(server.name(), connections, workload.batch(), tally.requests.get(), tally.events.get(),
                tally.bodyBytes.get(), elapsed, LatencySamples.merge(samples), tally.errors.get(),
                tally.firstError.get(), cpu.stop());
    }

    private static void drive(RawHttpClient client, UploadRequests requests, UploadWorkload.Tally tally,
                              LatencySamples latencies, long first, long interval, long end) {
        for (long intended = first; intended < end; intended += interval) {
            byte[] request = requests.next();
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!tally.exchange(client, requests, request)) {
                return;
            }
            latencies.add(System.nanoTime() - intended);
        }
    }

    private static void closeAll(List<RawHttpClient> clients) {
        for (RawHttpClient c : clients) {
            try {
                c.close();
            } catch (IOException e) {
                // Closing a finished benchmark connection; nothing to recover.
            }
        }
    }
}
