package com.vrooli.telemetry.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends arbitrary bytes on a fresh connection, half-closes it (so the server sees the end of
 * whatever it was sent) and reads what comes back until the server closes. Bounded: a server that
 * neither answers nor closes within {@link #READ_TIMEOUT_MS} is reported as hanging.
 */
public final class RawExchange {

    public static final int READ_TIMEOUT_MS = 20_000;
    private static final int MAX_READ = 4 * 1024 * 1024;

    /**
     * What came back: the first response's status (-1 when the server closed without a status
     * line), its headers in lower case, its body, and every byte received.
     */
    public record Reply(int status, Map<String, String> headers, String body, String raw) {

        public String header(String name) {
            return headers.get(name);
        }
    }

    private RawExchange() {
    }

    public static Reply send(InetSocketAddress address, byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, 10_000);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
                socket.shutdownOutput();
            } catch (IOException serverStoppedReading) {
                // The server may answer and close before taking every byte (an early 413): read its answer.
            }
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                if (out.size() > MAX_READ) {
                    throw new AssertionError("the server sent more than " + MAX_READ + " bytes");
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server neither answered nor closed within " + READ_TIMEOUT_MS
                    + " ms; received: " + out.toString(StandardCharsets.ISO_8859_1), e);
        } catch (IOException reset) {
            // A reset after (or instead of) an answer: keep what arrived.
        }
        return out.toByteArray();
    }

    public static Reply parse(byte[] bytes) {
        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        int headEnd = raw.indexOf("\r\n\r\n");
        if (!raw.startsWith("HTTP/") || headEnd < 0) {
            return new Reply(-1, Map.of(), "", raw);
        }
        String[] lines = raw.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        int bodyStart = headEnd + 4;
        String length = headers.get("content-length");
        int bodyEnd = length == null ? bytes.length : Math.min(bytes.length, bodyStart + Integer.parseInt(length));
        String body = new String(bytes, bodyStart, bodyEnd - bodyStart, StandardCharsets.UTF_8);
        return new Reply(status, headers, body, raw);
    }
}
