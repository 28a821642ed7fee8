package com.vrooli.telemetry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vrooli.telemetry.testing.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Uploader threads that post batches of events with ids unique across the run to whichever server
 * is current, and keep the books: every id sent, every id acknowledged (a 200 that says every event
 * was stored or already there), and the batches whose answer never came. An uploader whose request
 * fails waits for the next server instead of hammering a dead port. Anything a healthy server
 * should never answer is collected in {@link #problems()}.
 */
public final class UploadLoad implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SCENARIOS = {"picker-wheel", "shared-auth", "scenario.three", "batch_4"};
    private static final String[] EVENTS = {"app_start", "ready", "migration_failed", "dependency_unreachable",
        "wheel_spun", "cache_timeout", "service_started", "secrets_missing"};

    /** One request's body, how it is framed and encoded (null: as is), and the ids it carries. */
    public record Batch(byte[] body, String contentType, String contentEncoding, List<String> ids) {
    }

    private volatile HttpClient http = newHttpClient();
    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Queue<Batch> unanswered = new ConcurrentLinkedQueue<>();
    private final Queue<String> problems = new ConcurrentLinkedQueue<>();
    private final AtomicLong acknowledgedBatches = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();

    private URI target;
    private long epoch;
    private int busy;
    private boolean stopped;

    public UploadLoad(int uploaders, long seed) {
        for (int i = 0; i < uploaders; i++) {
            int index = i;
            Thread t = new Thread(() -> run(index, new Random(seed + index)), "uploader-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /**
     * Drops pooled connections: a restarted server may get the port of a killed one, and a request
     * must not go out on a connection of the dead process.
     */
    public void forgetConnections() {
        http = newHttpClient();
    }

    private static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Points every uploader at {@code upload} and lets them go. */
    public synchronized void open(URI upload) {
        target = upload;
        epoch++;
        notifyAll();
    }

    /** Stops new requests and waits until none is in flight. */
    public synchronized void pause() throws InterruptedException {
        target = null;
        long end = System.nanoTime() + Await.DEADLINE.toNanos();
        while (busy > 0) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("uploads still in flight after " + Await.DEADLINE);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    public long acknowledgedBatches() {
        return acknowledgedBatches.get();
    }

    public Set<String> sent() {
        return sent;
    }

    public Set<String> acknowledged() {
        return acknowledged;
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Takes a batch whose answer never came, or null. */
    public Batch takeUnanswered() {
        return unanswered.poll();
    }

    /** Sends {@code b} once from the calling thread; true when it was acknowledged. */
    public boolean send(URI upload, Batch b) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(upload).timeout(Duration.ofSeconds(30))
                .header("Content-Type", b.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(b.body()));
        if (b.contentEncoding() != null) {
            builder.header("Content-Encoding", b.contentEncoding());
        }
        HttpRequest request = builder.build();
        HttpResponse<String> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            unanswered.add(b);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unanswered.add(b);
            return false;
        }
        if (!isAcknowledgement(r, b.ids().size())) {
            problems.add("HTTP " + r.statusCode() + " " + r.body());
            return false;
        }
        acknowledged.addAll(b.ids());
        acknowledgedBatches.incrementAndGet();
        return true;
    }

    private static boolean isAcknowledgement(HttpResponse<String> r, int events) {
        if (r.statusCode() != 200) {
            return false;
        }
        try {
            JsonNode answer = JSON.readTree(r.body());
            return answer.path("status").asText().equals("accepted")
                    && answer.path("events_received").asInt() == events
                    && answer.path("events_stored").asInt() + answer.path("duplicates").asInt() == events;
        } catch (IOException e) {
            return false;
        }
    }

    private void run(int uploader, Random random) {
        long seq = 0;
        while (true) {
            URI upload;
            long myEpoch;
            synchronized (this) {
                while (target == null && !stopped) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (stopped) {
                    return;
                }
                upload = target;
                myEpoch = epoch;
                busy++;
            }
            boolean ok;
            try {
                Batch b = batch(uploader, seq++, random);
                sent.addAll(b.ids());
                ok = send(upload, b);
            } finally {
                synchronized (this) {
                    busy--;
                    notifyAll();
                }
            }
            if (!ok) {
                awaitNextServer(myEpoch);
            }
        }
    }

    private synchronized void awaitNextServer(long failedEpoch) {
        while (epoch == failedEpoch && !stopped) {
            try {
                wait();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * 1 to 30 events over several scenarios (one batch may touch several files), standard and
     * custom types, failures among them, spread-out timestamps, details of varied size; as NDJSON or
     * a JSON array, a quarter of them gzip'd.
     */
    public static Batch batch(int uploader, long seq, Random random) {
        int n = 1 + random.nextInt(30);
        boolean ndjson = random.nextBoolean();
        String home = SCENARIOS[random.nextInt(SCENARIOS.length)];
        List<String> ids = new ArrayList<>(n);
        StringBuilder body = new StringBuilder(ndjson ? "" : "[");
        for (int i = 0; i < n; i++) {
            String id = "u" + uploader + "-b" + seq + "-e" + i;
            ids.add(id);
            String scenario = random.nextInt(4) == 0 ? SCENARIOS[random.nextInt(SCENARIOS.length)] : home;
            Instant ts = Instant.parse("2025-01-15T00:00:00Z").plusMillis(random.nextInt(86_400_000));
            if (!ndjson && i > 0) {
                body.append(',');
            }
            body.append("{\"scenario\":\"").append(scenario).append("\",\"event\":\"")
                    .append(EVENTS[random.nextInt(EVENTS.length)]).append("\",\"event_id\":\"").append(id)
                    .append("\",\"timestamp\":\"").append(ts).append('"');
            if (random.nextBoolean()) {
                body.append(",\"deployment_id\":\"deploy-").append(random.nextInt(5)).append('"');
            }
            if (random.nextInt(5) > 0) {
                body.append(",\"details\":{\"n\":").append(seq).append(",\"pad\":\"")
                        .append("x".repeat(random.nextInt(1500))).append("\"}");
            }
            body.append('}');
            if (ndjson) {
                body.append('\n');
            }
        }
        if (!ndjson) {
            body.append(']');
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        boolean gzip = random.nextInt(4) == 0;
        return new Batch(gzip ? ServerExtension.gzip(bytes) : bytes, ndjson ? "application/x-ndjson" : "application/json",
                gzip ? "gzip" : null, ids);
    }

    @Override
    public void close() {
        synchronized (this) {
            stopped = true;
            notifyAll();
        }
        try {
            for (Thread t : threads) {
                t.join(Await.DEADLINE.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
