package com.vrooli.telemetry.store.jsonl.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Proves that a snapshot belongs to the file it is checked against: CRC32C checksums of the file's
 * first bytes (at most {@value #HEAD}) and of the bytes just before the covered offset (at most
 * {@value #TAIL}). A file that was replaced or rotated (new first line), cut shorter, or rewritten
 * near the offset does not match. Bytes between the two regions are not checked: they are only
 * ever appended by this store.
 *
 * @param headLength how many bytes from the start the head checksum covers
 * @param headCrc    CRC32C of those bytes
 * @param tailLength how many bytes before the offset the tail checksum covers
 * @param tailCrc    CRC32C of those bytes
 */
public record FileFingerprint(int headLength, int headCrc, int tailLength, int tailCrc) {

    static final int HEAD = 4096;
    static final int TAIL = 4096;

    /** The fingerprint of the first {@code offset} bytes of the file; the file must be at least that long. */
    public static FileFingerprint of(FileChannel ch, long offset) throws IOException {
        int headLength = (int) Math.min(HEAD, offset);
        int tailLength = (int) Math.min(TAIL, offset);
        return new FileFingerprint(headLength, crc(ch, 0, headLength), tailLength,
                crc(ch, offset - tailLength, tailLength));
    }

    /** True when the file holds at least {@code offset} bytes and their fingerprint is this one. */
    public boolean matches(FileChannel ch, long offset) throws IOException {
        return ch.size() >= offset && equals(of(ch, offset));
    }

    private static int crc(FileChannel ch, long from, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        while (bytes.hasRemaining()) {
            if (ch.read(bytes, from + bytes.position()) < 0) {
                throw new IOException("file ended early; it was truncated while being read");
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes.flip());
        return (int) crc.getValue();
    }
}
