package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The timeline and deployments endpoints against a real server over the JSONL store: exact
 * answers, their error discipline, and that both survive a restart. The server's clock is fixed
 * at {@link ServerExtension#NOW}, an hour after the events.
 */
class ActivityEndpointsTest {

    @RegisterExtension
    final ServerExtension server = ServerExtension.jsonl(b -> b.silentAfter(Duration.ofMinutes(90)))
            .withEvents(QueryEndpointsTest.EVENTS);

    static final String MINUTE_TIMELINE = "{\"scenario\":\"picker-wheel\",\"bucket\":\"1m\",\"bucket_seconds\":60,"
            + "\"buckets\":[{\"start\":\"2025-01-15T12:00:00Z\",\"events\":6,\"failures\":2,"
            + "\"failures_by_type\":{\"dependency_unreachable\":1,\"migration_failed\":1}}]}";

    static final String DEPLOYMENTS = "{\"scenario\":\"picker-wheel\",\"silent_after_seconds\":5400,"
            + "\"total_deployments\":2,\"deployments\":["
            + "{\"deployment_id\":\"deploy-2\",\"status\":\"failing\",\"first_seen\":\"2025-01-15T12:00:03Z\","
            + "\"last_seen\":\"2025-01-15T12:00:05Z\",\"last_start\":null,\"version\":null,\"platform\":null,"
            + "\"starts\":0,\"crashes\":0,\"failures\":1,\"failure_counts\":{\"dependency_unreachable\":1},"
            + "\"last_failure\":{\"timestamp\":\"2025-01-15T12:00:04Z\",\"event\":\"dependency_unreachable\","
            + "\"details\":{\"service\":\"sqlite\",\"reason\":\"connection timeout\"}}},"
            + "{\"deployment_id\":\"deploy-1\",\"status\":\"failing\",\"first_seen\":\"2025-01-15T12:00:00Z\","
            + "\"last_seen\":\"2025-01-15T12:00:02Z\",\"last_start\":\"2025-01-15T12:00:00Z\",\"version\":\"1.0.0\","
            + "\"platform\":null,\"starts\":1,\"crashes\":0,\"failures\":1,\"failure_counts\":{\"migration_failed\":1},"
            + "\"last_failure\":{\"timestamp\":\"2025-01-15T12:00:02Z\",\"event\":\"migration_failed\","
            + "\"details\":{\"version\":\"42\",\"error\":\"disk full\"}}}]}";

    @Test
    @DisplayName("the timeline counts events and failures by type per bucket")
    void timeline() {
        ServerExtension.Answer a = server.get("/api/v1/telemetry/picker-wheel/timeline?bucket=1m");

        assertEquals(200, a.status());
        assertEquals(MINUTE_TIMELINE, a.body());
    }

    @Test
    @DisplayName("the timeline's default bucket is an hour; since, until and event narrow it")
    void timelineParameters() {
        assertTrue(server.get("/api/v1/telemetry/picker-wheel/timeline").body()
                .startsWith("{\"scenario\":\"picker-wheel\",\"bucket\":\"1h\",\"bucket_seconds\":3600,"));
        assertEquals("{\"scenario\":\"picker-wheel\",\"bucket\":\"1m\",\"bucket_seconds\":60,\"buckets\":[]}",
                server.get("/api/v1/telemetry/picker-wheel/timeline?bucket=1m&since=2025-01-15T12:00:01Z").body());
        assertEquals("{\"scenario\":\"picker-wheel\",\"bucket\":\"1d\",\"bucket_seconds\":86400,\"buckets\":["
                + "{\"start\":\"2025-01-15T00:00:00Z\",\"events\":1,\"failures\":1,"
                + "\"failures_by_type\":{\"migration_failed\":1}}]}",
                server.get("/api/v1/telemetry/picker-wheel/timeline?bucket=1D&event=migration_failed"
                        + "&until=2025-01-16T00:00:00Z").body());
    }

    @Test
    @DisplayName("deployments: one row each, newest first, with status as of the server's clock")
    void deployments() {
        ServerExtension.Answer a = server.get("/api/v1/telemetry/picker-wheel/deployments");

        assertEquals(200, a.status());
        assertEquals(DEPLOYMENTS, a.body());
    }

    @Test
    @DisplayName("a deployment quiet for longer than --silent-after is silent")
    void silentDeployments() {
        server.restartWith(b -> b.silentAfter(Duration.ofMinutes(30)));

        String body = server.get("/api/v1/telemetry/picker-wheel/deployments").body();

        assertTrue(body.contains("\"deployment_id\":\"deploy-2\",\"status\":\"silent\""), body);
        assertTrue(body.contains("\"deployment_id\":\"deploy-1\",\"status\":\"silent\""), body);
    }

    @Test
    @DisplayName("timeline and deployments answer the same after a restart")
    void surviveRestart() {
        server.restart();

        assertEquals(MINUTE_TIMELINE, server.get("/api/v1/telemetry/picker-wheel/timeline?bucket=1m").body());
        assertEquals(DEPLOYMENTS, server.get("/api/v1/telemetry/picker-wheel/deployments").body());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "timeline?bucket=5m|bucket must be one of 1m, 1h, 1d; got '5m'",
        "timeline?since=yesterday|since 'yesterday' is not an ISO-8601 time with a zone, such as 2025-01-15T12:00:00Z",
        "timeline?until=2025-01-15|until '2025-01-15' is not an ISO-8601 time with a zone, such as 2025-01-15T12:00:00Z",
        "timeline?since=2025-01-16T00:00:00Z&until=2025-01-15T00:00:00Z|since must be before until",
        "timeline?event=a%20b|event 'a b' is not a valid event name",
        "timeline?bucket=1m&bucket=1h|parameter 'bucket' may be given only once",
    })
    @DisplayName("bad timeline parameters are 400 with plain words")
    void badTimelineParameters(String query, String message) {
        ServerExtension.Answer a = server.get("/api/v1/telemetry/picker-wheel/" + query);

        assertEquals(400, a.status());
        assertEquals("{\"status\":\"error\",\"error\":\"" + message + "\"}", a.body());
    }

    @ParameterizedTest
    @CsvSource({"timeline", "deployments"})
    @DisplayName("an unknown scenario is 404")
    void unknownScenario(String route) {
        ServerExtension.Answer a = server.get("/api/v1/telemetry/nope/" + route);

        assertEquals(404, a.status());
        assertEquals("{\"status\":\"error\",\"error\":\"unknown scenario 'nope'\"}", a.body());
    }
}
