package com.vrooli.telemetry.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * One HTTP/1.1 keep-alive connection driven with pre-built request bytes: a write of the whole
 * request, then a read of the status line, the headers and a {@code Content-Length} body into a
 * reused buffer. No allocation per request, so the load generator costs far less CPU than the
 * servers it measures. Not thread-safe: one connection per thread.
 */
final class RawHttpClient implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 60_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private byte[] buf = new byte[64 * 1024];
    private int start;
    private int end;
    private int bodyStart;
    private int bodyLength;

    RawHttpClient(InetSocketAddress server) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(server, TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /**
     * Sends {@code request[0..length)} and reads the whole answer.
     *
     * @return the status code
     * @throws IOException when the connection fails or the answer is not a Content-Length response
     */
    int send(byte[] request, int length) throws IOException {
        out.write(request, 0, length);
        return readResponse();
    }

    /** The body of the last answer, as text (for error reports and checks). */
    String lastBody() {
        return new String(buf, bodyStart, bodyLength, StandardCharsets.UTF_8);
    }

    /** A copy of the last answer's body. */
    byte[] lastBodyBytes() {
        return java.util.Arrays.copyOfRange(buf, bodyStart, bodyStart + bodyLength);
    }

    /** Bytes in the body of the last answer. */
    int lastBodyLength() {
        return bodyLength;
    }

    /** True when the last answer's body contains {@code ascii}. */
    boolean lastBodyContains(byte[] ascii) {
        outer:
        for (int i = bodyStart; i <= bodyStart + bodyLength - ascii.length; i++) {
            for (int j = 0; j < ascii.length; j++) {
                if (buf[i + j] != ascii[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private int readResponse() throws IOException {
        int headerEnd = findHeaderEnd();
        int status = parseStatus();
        long contentLength = contentLength(headerEnd);
        if (contentLength < 0) {
            throw new IOException("answer without Content-Length: " + headText(headerEnd));
        }
        start = headerEnd;
        fill((int) contentLength);
        bodyStart = start;
        bodyLength = (int) contentLength;
        start += bodyLength;
        return status;
    }

    /** Reads until the buffer holds the headers; returns the index just after the blank line. */
    private int findHeaderEnd() throws IOException {
        while (true) {
            // Headers are a few hundred bytes: scanning them again after each read costs nothing.
            for (int i = start + 3; i < end; i++) {
                if (buf[i] == '\n' && buf[i - 1] == '\r' && buf[i - 2] == '\n' && buf[i - 3] == '\r') {
                    return i + 1;
                }
            }
            readMore();
        }
    }

    /** Makes sure {@code n} bytes from {@code start} are in the buffer. */
    private void fill(int n) throws IOException {
        while (end - start < n) {
            readMore();
        }
    }

    private void readMore() throws IOException {
        if (start > 0 && start == end) {
            start = 0;
            end = 0;
        }
        if (end == buf.length) {
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            } else {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
        }
        int r = in.read(buf, end, buf.length - end);
        if (r < 0) {
            throw new IOException("server closed the connection");
        }
        end += r;
    }

    private int parseStatus() throws IOException {
        // "HTTP/1.1 200 ..."
        int at = start + 9;
        if (end - start < 12 || buf[start] != 'H') {
            throw new IOException("not an HTTP answer");
        }
        return (buf[at] - '0') * 100 + (buf[at + 1] - '0') * 10 + (buf[at + 2] - '0');
    }

    private long contentLength(int headerEnd) {
        String head = headText(headerEnd);
        int at = indexOfIgnoreCase(head, "\r\ncontent-length:");
        if (at < 0) {
            return -1;
        }
        int from = at + "\r\ncontent-length:".length();
        int to = head.indexOf('\r', from);
        return Long.parseLong(head.substring(from, to).trim());
    }

    private String headText(int headerEnd) {
        return new String(buf, start, headerEnd - start, StandardCharsets.ISO_8859_1);
    }

    private static int indexOfIgnoreCase(String s, String lowerNeedle) {
        return s.toLowerCase(Locale.ROOT).indexOf(lowerNeedle);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
