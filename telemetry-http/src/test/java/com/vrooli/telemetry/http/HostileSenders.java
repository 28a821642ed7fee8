package com.vrooli.telemetry.http;

import com.vrooli.telemetry.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Many hostile HTTP connections driven by one thread over a {@link Selector}: each sends its request
 * head, then either nothing more (a stall) or a few body bytes every tick (a trickle), and records
 * what the server answered and when it closed the connection. One thread for thousands of
 * connections, so what a test measures meanwhile is the server, not this driver's scheduling.
 */
final class HostileSenders implements AutoCloseable {

    /** One connection's script and what happened to it. */
    static final class Conn {
        final String head;
        final byte[] trickle;
        final StringBuilder answer = new StringBuilder();
        SocketChannel channel;
        volatile long closedAtNanos;

        Conn(String head, byte[] trickle) {
            this.head = head;
            this.trickle = trickle;
        }

        boolean closed() {
            return closedAtNanos != 0;
        }

        synchronized String answer() {
            return answer.toString();
        }

        synchronized void received(ByteBuffer buf) {
            answer.append(StandardCharsets.ISO_8859_1.decode(buf));
        }
    }

    private static final int CONNECT_BATCH = 200;

    private final InetSocketAddress server;
    private final List<Conn> conns;
    private final long tickNanos;
    private final Selector selector;
    private final Thread driver;
    private final CountDownLatch headsSent = new CountDownLatch(1);
    private volatile boolean stop;
    private volatile Throwable failure;

    HostileSenders(InetSocketAddress server, List<Conn> conns, long tickMillis) throws IOException {
        this.server = server;
        this.conns = List.copyOf(conns);
        this.tickNanos = TimeUnit.MILLISECONDS.toNanos(tickMillis);
        this.selector = Selector.open();
        this.driver = new Thread(this::drive, "hostile-senders");
        driver.setDaemon(true);
    }

    /** Connects every connection (in batches, so the server's backlog never overflows) and sends their heads. */
    void start() throws InterruptedException {
        driver.start();
        if (!headsSent.await(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("could not connect " + conns.size() + " connections: " + failure);
        }
        if (failure != null) {
            throw new AssertionError("driver failed", failure);
        }
    }

    List<Conn> conns() {
        return conns;
    }

    long closedCount() {
        return conns.stream().filter(Conn::closed).count();
    }

    Throwable failure() {
        return failure;
    }

    private void drive() {
        ByteBuffer in = ByteBuffer.allocate(4096);
        try {
            for (int from = 0; from < conns.size(); from += CONNECT_BATCH) {
                List<Conn> batch = conns.subList(from, Math.min(conns.size(), from + CONNECT_BATCH));
                for (Conn c : batch) {
                    c.channel = SocketChannel.open();
                    c.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    c.channel.connect(server);
                    writeFully(c.channel, c.head.getBytes(StandardCharsets.US_ASCII));
                    c.channel.configureBlocking(false);
                    c.channel.register(selector, SelectionKey.OP_READ, c);
                }
                selectOnce(in, 0);
            }
            headsSent.countDown();
            long nextTick = System.nanoTime() + tickNanos;
            while (!stop && closedCount() < conns.size()) {
                long wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextTick - System.nanoTime()));
                selectOnce(in, wait);
                if (System.nanoTime() >= nextTick) {
                    nextTick += tickNanos;
                    for (Conn c : conns) {
                        if (c.trickle.length > 0 && !c.closed()) {
                            trickle(c);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
            headsSent.countDown();
        }
    }

    private void selectOnce(ByteBuffer in, long waitMillis) throws IOException {
        if (waitMillis == 0) {
            selector.selectNow();
        } else {
            selector.select(waitMillis);
        }
        for (SelectionKey key : selector.selectedKeys()) {
            Conn c = (Conn) key.attachment();
            in.clear();
            int n;
            try {
                n = c.channel.read(in);
            } catch (IOException reset) {
                n = -1;
            }
            if (n < 0) {
                c.closedAtNanos = System.nanoTime();
                key.cancel();
                c.channel.close();
            } else {
                in.flip();
                c.received(in);
            }
        }
        selector.selectedKeys().clear();
    }

    private static void trickle(Conn c) {
        try {
            // Non-blocking: a full send buffer just means this tick's bytes wait; the server reads what it gets.
            c.channel.write(ByteBuffer.wrap(c.trickle));
        } catch (IOException closedByServer) {
            // The read side will see the close and record it.
        }
    }

    private static void writeFully(SocketChannel ch, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    @Override
    public void close() {
        stop = true;
        try {
            driver.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Conn c : conns) {
            try {
                if (c.channel != null) {
                    c.channel.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
