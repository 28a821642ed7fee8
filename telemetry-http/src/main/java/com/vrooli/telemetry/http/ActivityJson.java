package com.vrooli.telemetry.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.vrooli.telemetry.core.DeploymentState;
import com.vrooli.telemetry.core.FailureEntry;
import com.vrooli.telemetry.core.Timeline;
import com.vrooli.telemetry.core.TimelineBucket;
import com.vrooli.telemetry.core.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON of the timeline and deployments answers (field names in snake case, as the API's others). Stateless. */
final class ActivityJson {

    private static final JsonFactory JSON = new JsonFactory();

    private ActivityJson() {
    }

    /** {@code {"scenario","bucket","bucket_seconds","buckets":[{"start","events","failures","failures_by_type"}]}}. */
    static byte[] timeline(Timeline t) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("scenario", t.scenario());
            g.writeStringField("bucket", t.resolution().wireName());
            g.writeNumberField("bucket_seconds", t.resolution().width().getSeconds());
            g.writeArrayFieldStart("buckets");
            for (TimelineBucket b : t.buckets()) {
                g.writeStartObject();
                g.writeStringField("start", Timestamps.format(b.start()));
                g.writeNumberField("events", b.events());
                g.writeNumberField("failures", b.failures());
                writeCounts(g, "failures_by_type", b.failuresByType());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** {@code {"scenario","silent_after_seconds","total_deployments","deployments":[...]}}, status as of {@code now}. */
    static byte[] deployments(String scenario, List<DeploymentState> rows, Instant now, Duration silentAfter) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("scenario", scenario);
            g.writeNumberField("silent_after_seconds", silentAfter.getSeconds());
            g.writeNumberField("total_deployments", rows.size());
            g.writeArrayFieldStart("deployments");
            for (DeploymentState d : rows) {
                g.writeStartObject();
                g.writeStringField("deployment_id", d.deploymentId());
                g.writeStringField("status", d.status(now, silentAfter).wireName());
                g.writeStringField("first_seen", Timestamps.format(d.firstSeen()));
                g.writeStringField("last_seen", Timestamps.format(d.lastSeen()));
                writeTime(g, "last_start", d.lastStart());
                g.writeStringField("version", d.lastVersion());
                g.writeStringField("platform", d.lastPlatform());
                g.writeNumberField("starts", d.starts());
                g.writeNumberField("crashes", d.crashes());
                g.writeNumberField("failures", d.totalFailures());
                writeCounts(g, "failure_counts", d.failureCounts());
                writeFailure(g, d.lastFailure());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void writeFailure(JsonGenerator g, FailureEntry f) throws IOException {
        if (f == null) {
            g.writeNullField("last_failure");
            return;
        }
        g.writeObjectFieldStart("last_failure");
        g.writeStringField("timestamp", Timestamps.format(f.timestamp()));
        g.writeStringField("event", f.event());
        if (f.details() != null) {
            g.writeFieldName("details");
            g.writeRawValue(f.details().json());
        }
        g.writeEndObject();
    }

    private static void writeTime(JsonGenerator g, String name, Instant t) throws IOException {
        if (t == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, Timestamps.format(t));
        }
    }

    private static void writeCounts(JsonGenerator g, String name, Map<String, Long> counts) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayBuilder out = new ByteArrayBuilder(1024);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
