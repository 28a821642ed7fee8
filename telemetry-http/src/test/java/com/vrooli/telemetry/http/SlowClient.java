package com.vrooli.telemetry.http;

import com.vrooli.telemetry.testing.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A raw-socket client that sends the start of a request at once and then trickles the rest one
 * byte per period from a scheduler, as a slow or hostile client would. Reads whatever the server
 * answers until it closes the connection.
 */
final class SlowClient implements AutoCloseable {

    private final Socket socket = new Socket();
    private final ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slow-client");
        t.setDaemon(true);
        return t;
    });
    private final OutputStream out;
    private final InputStream in;
    private final long started;

    /** Connects, sends {@code head} whole, then one byte of {@code tail} every {@code periodMillis}. */
    SlowClient(InetSocketAddress server, String head, String tail, long periodMillis) throws IOException {
        socket.connect(server, 10_000);
        socket.setSoTimeout((int) Await.DEADLINE.toMillis());
        out = socket.getOutputStream();
        in = socket.getInputStream();
        started = System.nanoTime();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] rest = tail.getBytes(StandardCharsets.US_ASCII);
        if (rest.length == 0) {
            return;
        }
        int[] next = {0};
        trickler.scheduleAtFixedRate(() -> {
            try {
                out.write(rest[next[0]++ % rest.length]);
                out.flush();
            } catch (IOException e) {
                trickler.shutdown();
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** What the server sent before closing the connection (a reset counts as a close). */
    String readUntilClosed() throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                answer.write(buf, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // The server closed with unread bytes from us pending: the same as a close for this client.
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    /** Milliseconds since the request was started. */
    long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    @Override
    public void close() throws IOException {
        trickler.shutdownNow();
        socket.close();
    }
}
