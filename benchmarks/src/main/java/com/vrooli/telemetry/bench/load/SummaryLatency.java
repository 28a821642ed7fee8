package com.vrooli.telemetry.bench.load;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;

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

    /**
     * @param gzip whether the requests accept a gzip'd answer ({@code Accept-Encoding: gzip}, as
     *             curl --compressed and browsers send); its bytes are then what is timed, and the
     *             warm-up answers and the last one are inflated and checked
     */
    static Result run(InetSocketAddress server, int warmup, int requests, int expectedScenarios, boolean gzip)
            throws IOException {
        byte[] get = ("GET /api/v1/telemetry HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
                + (gzip ? "\r\nAccept-Encoding: gzip" : "") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] expected = ("\"total_scenarios\":" + expectedScenarios).getBytes(StandardCharsets.US_ASCII);
        LatencySamples samples = new LatencySamples();
        CpuMeter cpu = new CpuMeter();
        try (RawHttpClient client = new RawHttpClient(server)) {
            for (int i = 0; i < warmup; i++) {
                check(client.send(get, get.length), client, expected, gzip);
            }
            cpu.start();
            long start = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                long t0 = System.nanoTime();
                int status = client.send(get, get.length);
                samples.add(System.nanoTime() - t0);
                if (status != 200) {
                    throw new IOException("unexpected summaries answer " + status + ": " + client.lastBody());
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            CpuMeter.Usage used = cpu.stop();
            check(200, client, expected, gzip);
            return new Result(LatencySamples.merge(List.of(samples)), client.lastBodyLength(), seconds, used);
        }
    }

    private static void check(int status, RawHttpClient client, byte[] expected, boolean gzip) throws IOException {
        String body;
        if (gzip) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(client.lastBodyBytes()))) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } else {
            body = client.lastBody();
        }
        if (status != 200 || !body.contains(new String(expected, StandardCharsets.US_ASCII))) {
            throw new IOException("unexpected summaries answer " + status + ": "
                    + body.substring(0, Math.min(body.length(), 300)));
        }
    }
}
