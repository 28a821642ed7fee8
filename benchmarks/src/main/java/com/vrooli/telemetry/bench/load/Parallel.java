package com.vrooli.telemetry.bench.load;

import java.util.ArrayList;
import java.util.List;

/** Closed-loop runs on several servers at once (one store behind them), merged into one result. */
final class Parallel {

    private Parallel() {
    }

    static RunResult run(String name, List<ServerUnderTest> servers, List<UploadWorkload> loads, double seconds,
                         long batches) throws Exception {
        if (servers.size() == 1) {
            RunResult r = ClosedLoop.run(servers.get(0), loads.get(0), seconds, batches);
            return rename(name, List.of(r));
        }
        List<RunResult> results = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        Exception[] failure = new Exception[1];
        for (int i = 0; i < servers.size(); i++) {
            ServerUnderTest s = servers.get(i);
            UploadWorkload w = loads.get(i);
            long share = batches / servers.size();
            Thread t = new Thread(() -> {
                try {
                    RunResult r = ClosedLoop.run(s, w, seconds, share);
                    synchronized (results) {
                        results.add(r);
                    }
                } catch (Exception e) {
                    failure[0] = e;
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return rename(name, results);
    }

    /** The results as one: counts summed, the longest time, all latencies, the first run's CPU (process-wide). */
    private static RunResult rename(String name, List<RunResult> parts) {
        long requests = 0;
        long events = 0;
        long bytes = 0;
        long errors = 0;
        int connections = 0;
        double seconds = 0;
        String firstError = null;
        List<LatencySamples> latencies = new ArrayList<>();
        for (RunResult r : parts) {
            requests += r.requests();
            events += r.events();
            bytes += r.bodyBytes();
            errors += r.errors();
            connections += r.connections();
            seconds = Math.max(seconds, r.seconds());
            latencies.add(r.latencies());
            if (firstError == null) {
                firstError = r.firstError();
            }
        }
        RunResult first = parts.get(0);
        return new RunResult(name, connections, first.batch(), requests, events, bytes, seconds,
                LatencySamples.merge(latencies), errors, firstError, first.cpu());
    }
}
