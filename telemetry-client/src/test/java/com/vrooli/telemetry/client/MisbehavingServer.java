package com.vrooli.telemetry.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A socket server that is not a telemetry server, in one of the ways a wrong address, a captive
 * portal or a broken proxy is not: each {@link Behaviour} is what it does with every connection.
 * Each connection gets its own daemon thread; {@link #close()} closes the listener and every
 * connection still open.
 */
final class MisbehavingServer implements AutoCloseable {

    /** What the server does after reading a request's first bytes. */
    enum Behaviour {
        ANSWERS_RANDOM_BYTES("answers random non-HTTP bytes"),
        ANSWERS_200_WITH_HTML("answers 200 with an HTML page"),
        ANSWERS_200_WITH_OTHER_JSON("answers 200 with JSON that is not an upload answer"),
        ANSWERS_200_WITH_A_JSON_ARRAY("answers 200 with a JSON array"),
        ANSWERS_200_WITH_NO_BODY("answers 200 with an empty body"),
        ANSWERS_200_WITH_AN_ENDLESS_BODY("answers 200 with an endless body"),
        ACCEPTS_AND_STAYS_SILENT("accepts and never answers"),
        RESETS_EVERY_CONNECTION("resets every connection");

        private final String description;

        Behaviour(String description) {
            this.description = description;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private final ServerSocket listener;
    private final Behaviour behaviour;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    MisbehavingServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "misbehaving-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uploadUri() {
        return FakeServer.uploadUri(listener.getLocalPort());
    }

    int connections() {
        return connections.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                connections.incrementAndGet();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "misbehaving-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            if (behaviour == Behaviour.RESETS_EVERY_CONNECTION) {
                s.setSoLinger(true, 0);
                return;
            }
            InputStream in = s.getInputStream();
            in.read(new byte[8192]);
            OutputStream out = s.getOutputStream();
            switch (behaviour) {
                case ACCEPTS_AND_STAYS_SILENT:
                    // Read (and drop) whatever comes until the client or close() hangs up.
                    while (in.read(new byte[8192]) >= 0) {
                        continue;
                    }
                    return;
                case ANSWERS_RANDOM_BYTES:
                    byte[] noise = new byte[512];
                    new Random(connections.get()).nextBytes(noise);
                    out.write(noise);
                    break;
                case ANSWERS_200_WITH_HTML:
                    out.write(http200("text/html", "<html><body>Welcome to the hotel Wi-Fi</body></html>"));
                    break;
                case ANSWERS_200_WITH_OTHER_JSON:
                    out.write(http200("application/json", "{\"ok\":true,\"message\":\"thanks\"}"));
                    break;
                case ANSWERS_200_WITH_A_JSON_ARRAY:
                    out.write(http200("application/json", "[\"accepted\"]"));
                    break;
                case ANSWERS_200_WITH_NO_BODY:
                    out.write(http200("application/json", ""));
                    break;
                case ANSWERS_200_WITH_AN_ENDLESS_BODY:
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"status\":\""
                            .getBytes(StandardCharsets.US_ASCII));
                    byte[] more = "accepted".repeat(1024).getBytes(StandardCharsets.US_ASCII);
                    while (true) {
                        out.write(more);
                    }
                default:
                    throw new IllegalStateException(behaviour.name());
            }
            out.flush();
        } catch (IOException e) {
            // The client hung up: that is its right.
        } finally {
            open.remove(s);
        }
    }

    private static byte[] http200(String type, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return ("HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\nContent-Length: " + b.length
                + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
