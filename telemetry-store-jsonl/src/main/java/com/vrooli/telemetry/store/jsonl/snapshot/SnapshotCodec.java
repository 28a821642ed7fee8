package com.vrooli.telemetry.store.jsonl.snapshot;

import com.vrooli.telemetry.core.ActivityState;
import com.vrooli.telemetry.core.EventLineCodec;
import com.vrooli.telemetry.core.FailureEntry;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.SummaryAggregator;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.read.StoredLines;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * The binary layout of the snapshot file: {@code magic | version | count | entries | crc32c}, the
 * checksum covering everything before it. Recent failures are kept as stored lines (the
 * {@link EventLineCodec} shape) and decoded like the scenario file's own lines, so a restored
 * summary equals the one a full rebuild would compute. Any other magic or version, a wrong
 * checksum or a truncated file is refused as a whole. Stateless.
 */
public final class SnapshotCodec {

    static final int MAGIC = 0x544c534e; // "TLSN"
    /**
     * 2: summaries carry the failures counted past the failure-type cap; 3: the timeline and
     * deployments ({@link ActivityCodec}). An older file is not used: its scenarios are rebuilt from
     * the files once.
     */
    public static final int VERSION = 3;
    private static final int BUFFER = 64 * 1024;

    private SnapshotCodec() {
    }

    /**
     * Writes the snapshot file's bytes to {@code sink} as they are made, through a small buffer:
     * with a million remembered ids the file is megabytes, and building it whole (then copying it
     * for the checksum) made the garbage collector pause appends every time one was written.
     */
    static void encode(Collection<ScenarioSnapshot> snapshots, OutputStream sink) throws IOException {
        CRC32C crc = new CRC32C();
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(sink, crc),
                BUFFER));
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(snapshots.size());
        byte[] chunk = new byte[BUFFER];
        for (ScenarioSnapshot s : snapshots) {
            writeEntry(out, s, chunk);
        }
        out.flush();
        new DataOutputStream(sink).writeInt((int) crc.getValue());
    }

    /**
     * The snapshots of a file's bytes, by scenario.
     *
     * @throws IOException when the bytes are not a complete snapshot file of this format
     */
    static Map<String, ScenarioSnapshot> decode(byte[] bytes) throws IOException {
        if (bytes.length < 16) {
            throw new IOException("snapshot file is too short");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt()) {
            throw new IOException("snapshot file checksum does not match");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 4));
        if (in.readInt() != MAGIC || in.readInt() != VERSION) {
            throw new IOException("not a snapshot file of format version " + VERSION);
        }
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("snapshot file holds a negative count");
        }
        Map<String, ScenarioSnapshot> out = new HashMap<>();
        try {
            for (int i = 0; i < count; i++) {
                ScenarioSnapshot s = readEntry(in);
                out.put(s.scenario(), s);
            }
        } catch (RuntimeException e) {
            throw new IOException("snapshot entry is not valid: " + e.getMessage(), e);
        }
        if (in.available() != 0) {
            throw new IOException("snapshot file has bytes after its last entry");
        }
        return out;
    }

    private static void writeEntry(DataOutputStream out, ScenarioSnapshot s, byte[] chunk) throws IOException {
        ScenarioSummary summary = s.summary();
        out.writeUTF(summary.scenario());
        out.writeLong(s.offset());
        FileFingerprint fp = s.fingerprint();
        out.writeInt(fp.headLength());
        out.writeInt(fp.headCrc());
        out.writeInt(fp.tailLength());
        out.writeInt(fp.tailCrc());
        out.writeLong(s.badLines());
        out.writeLong(s.idLines());
        out.writeLong(summary.totalEvents());
        out.writeBoolean(summary.lastEvent() != null);
        if (summary.lastEvent() != null) {
            out.writeLong(summary.lastEvent().getEpochSecond());
            out.writeInt(summary.lastEvent().getNano());
        }
        out.writeInt(summary.failureCounts().size());
        for (Map.Entry<String, Long> e : summary.failureCounts().entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
        out.writeLong(summary.otherFailures());
        out.writeInt(summary.recentFailures().size());
        for (FailureEntry f : summary.recentFailures()) {
            byte[] line = EventLineCodec.encode(new TelemetryEvent(f.timestamp(), summary.scenario(), f.deploymentId(),
                    f.event(), f.eventId(), f.details()));
            out.writeInt(line.length - 1);
            out.write(line, 0, line.length - 1);
        }
        ActivityCodec.write(out, summary.scenario(), s.activity());
        long[] ids = s.recentIds();
        out.writeInt(ids.length);
        ByteBuffer idBytes = ByteBuffer.wrap(chunk);
        int perChunk = chunk.length / Long.BYTES;
        for (int i = 0; i < ids.length; i += perChunk) {
            int n = Math.min(perChunk, ids.length - i);
            idBytes.clear();
            idBytes.asLongBuffer().put(ids, i, n);
            out.write(chunk, 0, n * Long.BYTES);
        }
    }

    private static ScenarioSnapshot readEntry(DataInputStream in) throws IOException {
        String scenario = in.readUTF();
        long offset = in.readLong();
        FileFingerprint fp = new FileFingerprint(in.readInt(), in.readInt(), in.readInt(), in.readInt());
        long badLines = in.readLong();
        long idLines = in.readLong();
        long total = in.readLong();
        Instant last = in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
        int types = in.readInt();
        if (types < 0) {
            throw new IOException("snapshot entry holds a negative count");
        }
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < types; i++) {
            counts.put(in.readUTF(), in.readLong());
        }
        long otherFailures = in.readLong();
        if (otherFailures < 0) {
            throw new IOException("snapshot entry holds a negative count");
        }
        int recentCount = in.readInt();
        if (recentCount < 0 || recentCount > SummaryAggregator.RECENT_FAILURES) {
            throw new IOException("snapshot entry holds " + recentCount + " recent failures");
        }
        StoredLines lines = StoredLines.of(scenario);
        List<FailureEntry> recent = new ArrayList<>(recentCount);
        for (int i = 0; i < recentCount; i++) {
            recent.add(ActivityCodec.readFailure(in, lines, "recent failure"));
        }
        ActivityState activity = ActivityCodec.read(in, lines);
        int idCount = in.readInt();
        if (idCount < 0 || idCount > in.available() / Long.BYTES) {
            throw new IOException("snapshot entry holds " + idCount + " event ids");
        }
        long[] ids = new long[idCount];
        ByteBuffer.wrap(in.readNBytes(idCount * Long.BYTES)).asLongBuffer().get(ids);
        return new ScenarioSnapshot(new ScenarioSummary(scenario, total, last, counts, recent, otherFailures), activity,
                offset, fp,
                badLines, idLines, ids);
    }
}
