package com.vrooli.telemetry.store.jsonl.snapshot;

import com.vrooli.telemetry.core.ActivityState;
import com.vrooli.telemetry.core.DeploymentAggregator;
import com.vrooli.telemetry.core.DeploymentState;
import com.vrooli.telemetry.core.EventLineCodec;
import com.vrooli.telemetry.core.FailureEntry;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.core.TimelineAggregator;
import com.vrooli.telemetry.core.TimelineCell;
import com.vrooli.telemetry.core.TimelineResolution;
import com.vrooli.telemetry.store.jsonl.read.StoredLines;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of a snapshot entry that holds a scenario's timeline buckets and deployments, so a
 * restart resumes them like the summary. Counts read back are checked against the aggregates'
 * bounds; anything out of range refuses the whole snapshot file (it is then rebuilt). A last
 * failure is kept as a stored line, as the summary's recent failures are. Stateless.
 */
final class ActivityCodec {

    /** More buckets than every resolution keeps together cannot be a real snapshot. */
    private static final int MAX_CELLS = maxCells();

    private ActivityCodec() {
    }

    static void write(DataOutputStream out, String scenario, ActivityState state) throws IOException {
        out.writeInt(state.cells().size());
        for (TimelineCell c : state.cells()) {
            out.writeByte(c.resolution().ordinal());
            out.writeLong(c.index());
            writeCounts(out, c.typeCounts());
            out.writeLong(c.otherEvents());
            out.writeLong(c.otherFailures());
        }
        out.writeInt(state.deployments().size());
        for (DeploymentState d : state.deployments()) {
            out.writeUTF(d.deploymentId());
            writeInstant(out, d.firstSeen());
            writeInstant(out, d.lastSeen());
            writeOptionalInstant(out, d.lastStart());
            writeOptionalText(out, d.lastVersion());
            writeOptionalText(out, d.lastPlatform());
            out.writeLong(d.starts());
            out.writeLong(d.crashes());
            writeCounts(out, d.failureCounts());
            FailureEntry f = d.lastFailure();
            out.writeBoolean(f != null);
            if (f != null) {
                byte[] line = EventLineCodec.encode(new TelemetryEvent(f.timestamp(), scenario, f.deploymentId(),
                        f.event(), f.eventId(), f.details()));
                out.writeInt(line.length - 1);
                out.write(line, 0, line.length - 1);
            }
        }
    }

    /** Reads an entry's activity; {@code lines} decodes its failures (one reader per entry, see {@link #readFailure}). */
    static ActivityState read(DataInputStream in, StoredLines lines) throws IOException {
        int cellCount = count(in, MAX_CELLS, "timeline buckets");
        List<TimelineCell> cells = new ArrayList<>(cellCount);
        TimelineResolution[] resolutions = TimelineResolution.values();
        for (int i = 0; i < cellCount; i++) {
            int r = in.readUnsignedByte();
            if (r >= resolutions.length) {
                throw new IOException("snapshot entry holds an unknown timeline resolution " + r);
            }
            long index = in.readLong();
            Map<String, Long> counts = readCounts(in, TimelineAggregator.MAX_TYPES_PER_BUCKET);
            cells.add(new TimelineCell(resolutions[r], index, counts, in.readLong(), in.readLong()));
        }
        int deploymentCount = count(in, DeploymentAggregator.MAX_DEPLOYMENTS, "deployments");
        List<DeploymentState> deployments = new ArrayList<>(deploymentCount);
        for (int i = 0; i < deploymentCount; i++) {
            String id = in.readUTF();
            Instant first = readInstant(in);
            Instant last = readInstant(in);
            Instant lastStart = in.readBoolean() ? readInstant(in) : null;
            String version = in.readBoolean() ? in.readUTF() : null;
            String platform = in.readBoolean() ? in.readUTF() : null;
            long starts = in.readLong();
            long crashes = in.readLong();
            Map<String, Long> failures = readCounts(in, DeploymentAggregator.MAX_FAILURE_TYPES + 1);
            FailureEntry lastFailure = in.readBoolean() ? readFailure(in, lines, "last failure") : null;
            deployments.add(new DeploymentState(id, first, last, lastStart, version, platform, starts, crashes,
                    failures, lastFailure));
        }
        return new ActivityState(cells, deployments);
    }

    /**
     * Reads a failure written as its stored line; {@code what} names it in the error (last failure,
     * recent failure). {@code lines} is the entry's scenario's reader, shared by all of the entry's
     * failures: a fresh decoder per line (its tables of checked names) was a quarter of the time
     * spent decoding a snapshot of 1000 scenarios.
     */
    static FailureEntry readFailure(DataInputStream in, StoredLines lines, String what) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > StoredLines.MAX_LINE_BYTES) {
            throw new IOException("snapshot entry holds a line of " + length + " bytes");
        }
        byte[] line = in.readNBytes(length);
        TelemetryEvent e = line.length == length ? lines.decode(line, 0, length) : null;
        if (e == null) {
            throw new IOException("snapshot entry holds an unreadable " + what);
        }
        return FailureEntry.of(e);
    }

    private static int count(DataInputStream in, int max, String what) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) {
            throw new IOException("snapshot entry holds " + n + " " + what);
        }
        return n;
    }

    private static void writeCounts(DataOutputStream out, Map<String, Long> counts) throws IOException {
        out.writeInt(counts.size());
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
    }

    private static Map<String, Long> readCounts(DataInputStream in, int max) throws IOException {
        int n = count(in, max, "counted types");
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            counts.put(in.readUTF(), in.readLong());
        }
        return counts;
    }

    private static void writeInstant(DataOutputStream out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private static void writeOptionalInstant(DataOutputStream out, Instant t) throws IOException {
        out.writeBoolean(t != null);
        if (t != null) {
            writeInstant(out, t);
        }
    }

    private static void writeOptionalText(DataOutputStream out, String text) throws IOException {
        out.writeBoolean(text != null);
        if (text != null) {
            out.writeUTF(text);
        }
    }

    private static int maxCells() {
        int n = 0;
        for (TimelineResolution r : TimelineResolution.values()) {
            n += r.keptBuckets();
        }
        return n;
    }
}
