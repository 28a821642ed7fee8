package com.vrooli.telemetry.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /api/v1/telemetry} answered back to back on one keep-alive connection: after a
 * warm-up, every request's latency (request to the last byte of the answer) is kept.
 */
final class SummaryLatency {

    private SummaryLatency() {
    }

    /** What the requests took, and how large the answer was. */
    record Result(LatencySamples latencies, int answerBytes, double seconds, CpuMeter.Usage cpu) {
    }

    static Result run(InetSocketAddress server, int warmup, int requests, int expectedScenarios) throws IOException {
        byte[] get = ("GET /api/v1/telemetry HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] expected = ("\"total_scenarios\":" + expectedScenarios).getBytes(StandardCharsets.US_ASCII);
        LatencySamples samples = new LatencySamples();
        CpuMeter cpu = new CpuMeter();
        try (RawHttpClient client = new RawHttpClient(server)) {
            for (int i = 0; i < warmup; i++) {
                check(client.send(get, get.length), client, expected);
            }
            cpu.start();
            long start = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                long t0 = System.nanoTime();
                int status = client.send(get, get.length);
                samples.add(System.nanoTime() - t0);
                check(status, client, expected);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(LatencySamples.merge(List.of(samples)), client.lastBodyLength(), seconds,
                    cpu.stop());
        }
    }

    private static void check(int status, RawHttpClient client, byte[] expected) throws IOException {
        if (status != 200 || !client.lastBodyContains(expected)) {
            String body = client.lastBody();
            throw new IOException("unexpected summaries answer " + status + ": "
                    + body.substring(0, Math.min(body.length(), 300)));
        }
    }
}
