package com.vrooli.telemetry.store.jsonl.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads the intact {@link JournalRecord}s of one journal segment front to back, once, through one
 * reusable direct buffer: no record is copied, its parts are handed out as views of the buffer,
 * valid only until the next record is read. The segment ends at its first frame that is not a
 * whole, intact record (a length or checksum that does not hold, a malformed payload): see
 * {@link #intactEnd()} and {@link #cutTornTail()}. Not thread-safe.
 */
public final class JournalSegmentReader implements AutoCloseable {

    /** Reads of this size keep system calls few without holding much memory. */
    static final int CHUNK = 4 << 20;

    /** Receives the parts of one record, in their order. */
    public interface PartSink {
        /**
         * One scenario part, or a rotation marker ({@code position == JournalRecord.ROTATED}).
         *
         * @param lines       the part's lines, a view valid only during this call
         * @param linesOffset where the lines are in the segment file, to read them again later
         */
        void part(long seq, String scenario, long position, ByteBuffer lines, long linesOffset) throws IOException;
    }

    private final FileChannel channel;
    private final long size;
    private final CRC32C crc = new CRC32C();
    private ByteBuffer buf;
    /** Segment offset of {@code buf}'s position 0. */
    private long bufStart;
    /** Offset just after the last intact record read. */
    private long intactEnd;
    private boolean ended;
    /** The parts of the record being read, checked whole before any is handed out. */
    private int parts;
    private String[] names = new String[16];
    private long[] positions = new long[16];
    private int[] offsets = new int[16];
    private int[] lengths = new int[16];
    private byte[] name = new byte[64];

    private JournalSegmentReader(FileChannel channel, int chunk) throws IOException {
        this.channel = channel;
        this.size = channel.size();
        this.buf = ByteBuffer.allocateDirect(chunk).limit(0);
    }

    /** Opens a segment for reading and for cutting its torn tail. */
    public static JournalSegmentReader open(Path segment) throws IOException {
        return open(segment, CHUNK);
    }

    /** Like {@link #open(Path)}, with reads of {@code chunk} bytes (small ones test the chunk boundaries). */
    static JournalSegmentReader open(Path segment, int chunk) throws IOException {
        FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        try {
            return new JournalSegmentReader(ch, chunk);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Reads the next intact record and hands its parts to {@code sink}.
     *
     * @return the record's sequence number, or -1 when no intact record is left
     */
    public long next(PartSink sink) throws IOException {
        if (ended || !fill(JournalRecord.HEADER)) {
            ended = true;
            return -1;
        }
        int at = buf.position();
        int length = buf.getInt(at);
        if (length < 12 || length > JournalRecord.MAX_PAYLOAD || length > size - intactEnd - JournalRecord.HEADER
                || !fill(JournalRecord.HEADER + length)) {
            ended = true;
            return -1;
        }
        at = buf.position();
        int expected = buf.getInt(at + 4);
        ByteBuffer payload = buf.slice(at + JournalRecord.HEADER, length);
        crc.reset();
        crc.update(payload.duplicate());
        if ((int) crc.getValue() != expected || !parse(payload)) {
            ended = true;
            return -1;
        }
        long seq = payload.getLong(0);
        long payloadOffset = bufStart + at + JournalRecord.HEADER;
        for (int i = 0; i < parts; i++) {
            sink.part(seq, names[i], positions[i], payload.slice(offsets[i], lengths[i]), payloadOffset + offsets[i]);
        }
        buf.position(at + JournalRecord.HEADER + length);
        intactEnd = bufStart + buf.position();
        return seq;
    }

    /** Offset just after the last intact record read so far. */
    long intactEnd() {
        return intactEnd;
    }

    /**
     * Once every intact record was read: cuts off what follows them, like a torn line. Zeros are the
     * space reserved for records, not a torn record.
     *
     * @return true when the cut bytes held a torn record (not only zeros)
     */
    boolean cutTornTail() throws IOException {
        if (intactEnd >= size) {
            return false;
        }
        boolean torn = !zeros(intactEnd, size);
        channel.truncate(intactEnd);
        channel.force(false);
        return torn;
    }

    /** Checks the payload's structure into the part arrays; false when it is malformed. */
    private boolean parse(ByteBuffer payload) {
        int limit = payload.limit();
        if (limit < 12) {
            return false;
        }
        int count = payload.getInt(8);
        if (count < 0 || count > (limit - 12) / 14) {
            return false;
        }
        ensureParts(count);
        int p = 12;
        for (int i = 0; i < count; i++) {
            if (limit - p < 2) {
                return false;
            }
            int nameLength = payload.getShort(p);
            p += 2;
            if (nameLength < 0 || limit - p < nameLength + 12) {
                return false;
            }
            if (name.length < nameLength) {
                name = new byte[nameLength];
            }
            payload.get(p, name, 0, nameLength);
            names[i] = new String(name, 0, nameLength, StandardCharsets.US_ASCII);
            p += nameLength;
            positions[i] = payload.getLong(p);
            lengths[i] = payload.getInt(p + 8);
            p += 12;
            offsets[i] = p;
            if (lengths[i] < 0 || limit - p < lengths[i]) {
                return false;
            }
            p += lengths[i];
        }
        parts = count;
        return p == limit;
    }

    private void ensureParts(int count) {
        if (names.length < count) {
            names = new String[count];
            positions = new long[count];
            offsets = new int[count];
            lengths = new int[count];
        }
    }

    /**
     * Makes the {@code bytes} after the current record's start available in the buffer, compacting
     * and growing it as needed; false when the segment ends before them.
     */
    private boolean fill(int bytes) throws IOException {
        if (buf.remaining() >= bytes) {
            return true;
        }
        if (size - intactEnd < bytes) {
            return false;
        }
        if (buf.capacity() < bytes) {
            ByteBuffer bigger = ByteBuffer.allocateDirect(bytes);
            bigger.put(buf);
            buf = bigger;
        } else {
            buf.compact();
        }
        bufStart = intactEnd;
        while (buf.position() < bytes) {
            if (channel.read(buf, bufStart + buf.position()) < 0) {
                throw new IOException("journal segment ended inside a record");
            }
        }
        buf.flip();
        return true;
    }

    private boolean zeros(long from, long to) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        for (long pos = from; pos < to; ) {
            chunk.clear();
            int n = channel.read(chunk, pos);
            if (n <= 0) {
                return true;
            }
            for (int i = 0; i < n; i++) {
                if (chunk.get(i) != 0) {
                    return false;
                }
            }
            pos += n;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
