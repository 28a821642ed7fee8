package com.vrooli.telemetry.examples;

import com.vrooli.telemetry.http.TelemetryServer;
import com.vrooli.telemetry.store.postgres.PostgresTelemetryStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Two telemetry server nodes on one PostgreSQL, to try the shared store locally
 * ({@code scripts/pg-cluster}): starts an embedded PostgreSQL 16 (zonky: its binaries come from
 * Maven, nothing to install), two {@link TelemetryServer}s over their own
 * {@link PostgresTelemetryStore} on it, sends the API document's example to the first node and
 * the same events again to the second (stored once), prints both nodes' summaries and a few curl
 * lines, then serves until Ctrl-C.
 *
 * <pre>
 * scripts/pg-cluster [PORT1 PORT2]      (defaults 8081 8082)
 * </pre>
 */
public final class PostgresClusterDemo implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final List<PostgresTelemetryStore> stores = new ArrayList<>();
    private final List<TelemetryServer> nodes = new ArrayList<>();

    private PostgresClusterDemo(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts the database and one node per port (0 picks a free port).
     *
     * @throws IOException when PostgreSQL cannot start
     */
    public static PostgresClusterDemo start(int... ports) throws IOException {
        PostgresClusterDemo demo = new PostgresClusterDemo(EmbeddedPostgres.builder().start());
        try {
            for (int port : ports) {
                PostgresTelemetryStore store = PostgresTelemetryStore.builder(demo.jdbcUrl()).open();
                demo.stores.add(store);
                demo.nodes.add(TelemetryServer.builder(store).port(port).build().start());
            }
            return demo;
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    /** The database's URL (user postgres, trusted locally). */
    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** The nodes' base addresses. */
    public List<URI> nodes() {
        return nodes.stream().map(TelemetryServer::uri).toList();
    }

    /**
     * Sends the example events to every node in turn and returns each node's
     * {@code GET /api/v1/telemetry} answer (identical: they share the database).
     */
    public List<String> exercise() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        List<String> out = new ArrayList<>();
        for (URI node : nodes()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(node.resolve("/api/v1/telemetry/upload"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(EVENTS)).build(), HttpResponse.BodyHandlers.ofString());
            System.out.println("POST " + node + "/api/v1/telemetry/upload -> " + r.statusCode() + " " + r.body());
        }
        for (URI node : nodes()) {
            String summaries = http.send(HttpRequest.newBuilder(node.resolve("/api/v1/telemetry")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            System.out.println("GET  " + node + "/api/v1/telemetry -> " + summaries);
            out.add(summaries);
        }
        return out;
    }

    /** The example events, with event ids so that sending them to the second node stores nothing twice. */
    static final String EVENTS = "["
            + "{\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-123\",\"event\":\"app_start\","
            + "\"event_id\":\"demo-1\",\"timestamp\":\"2025-01-15T12:00:00Z\","
            + "\"details\":{\"version\":\"1.0.0\",\"platform\":\"win-x64\"}},"
            + "{\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-123\",\"event\":\"dependency_unreachable\","
            + "\"event_id\":\"demo-2\",\"timestamp\":\"2025-01-15T14:25:00Z\","
            + "\"details\":{\"service\":\"sqlite\",\"reason\":\"connection timeout\"}}]";

    @Override
    public void close() {
        nodes.forEach(TelemetryServer::close);
        stores.forEach(PostgresTelemetryStore::close);
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("could not stop PostgreSQL cleanly: " + e.getMessage());
        }
    }

    /**
     * Runs the demo until Ctrl-C.
     *
     * @param args optional ports of the two nodes (default 8081 8082)
     */
    public static void main(String[] args) throws Exception {
        int first = args.length > 0 ? Integer.parseInt(args[0]) : 8081;
        int second = args.length > 1 ? Integer.parseInt(args[1]) : 8082;
        PostgresClusterDemo demo = start(first, second);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            stopped.countDown();
        }, "demo-stop"));
        System.out.println("PostgreSQL: " + demo.jdbcUrl());
        for (URI node : demo.nodes()) {
            System.out.println("node: " + node);
        }
        demo.exercise();
        System.out.println();
        System.out.println("Try:  curl -s " + demo.nodes().get(1) + "/api/v1/telemetry/picker-wheel/events?level=error");
        System.out.println("      ./telemetry serve --port 8083 --store postgres --jdbc-url '" + demo.jdbcUrl() + "'");
        System.out.println("Ctrl-C stops both nodes and the database.");
        stopped.await();
    }
}
