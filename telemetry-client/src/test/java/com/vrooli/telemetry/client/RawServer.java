package com.vrooli.telemetry.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A socket server that misbehaves below HTTP: it resets every connection or answers garbage. */
final class RawServer implements AutoCloseable {

    enum Mode { RESET, GARBAGE }

    private final ServerSocket socket;
    private final Mode mode;
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    RawServer(Mode mode) throws IOException {
        this.mode = mode;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::serve, "raw-test-server-" + mode);
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    URI uploadUri() {
        return FakeServer.uploadUri(socket.getLocalPort());
    }

    int connections() {
        return connections.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                connections.incrementAndGet();
                if (mode == Mode.RESET) {
                    s.setSoLinger(true, 0);
                } else {
                    InputStream in = s.getInputStream();
                    in.read(new byte[512]);
                    OutputStream out = s.getOutputStream();
                    out.write("SURPRISE \u0000\u0001 this is not HTTP\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
