package com.vrooli.telemetry.store.postgres;

import com.vrooli.telemetry.core.TimelineQuery;
import com.vrooli.telemetry.core.Timeline;
import com.vrooli.telemetry.core.DeploymentState;
import com.vrooli.telemetry.core.AppendResult;
import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.StoreHealth;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.core.TelemetryStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The {@link TelemetryStore} that several server nodes share: events, ids, summaries, timelines and
 * deployments in one PostgreSQL database. Each append is one transaction (ids claimed, events
 * copied, summaries upserted, the dashboard's aggregates appended as pending rows), so every node
 * sees the same summaries and an event id is stored once whichever node receives it. Built with {@link PostgresStoreBuilder}; thread-safe.
 *
 * <p>When the database cannot be reached, appends and reads throw
 * {@link com.vrooli.telemetry.core.StoreUnavailableException} with nothing written, and
 * {@link #health()} says so; the pool reconnects by itself when the database is back.
 */
public final class PostgresTelemetryStore implements TelemetryStore {

    private final PgDatabase db;
    private final EventAppender appender;
    private final EventReader reader;
    private final SummaryReader summaries;
    private final ActivityReader activity;
    private final Runnable maintenancePass;
    private final Maintenance maintenance;

    PostgresTelemetryStore(PgDatabase db, EventAppender appender, EventReader reader, ActivityReader activity,
                           Runnable maintenancePass, Maintenance maintenance) {
        this.db = db;
        this.appender = appender;
        this.reader = reader;
        this.summaries = new SummaryReader(db);
        this.activity = activity;
        this.maintenancePass = maintenancePass;
        this.maintenance = maintenance;
    }

    /** A builder for a store on the database at {@code jdbcUrl} ({@code jdbc:postgresql://HOST/DB}). */
    public static PostgresStoreBuilder builder(String jdbcUrl) {
        return new PostgresStoreBuilder(jdbcUrl);
    }

    @Override
    public AppendResult append(List<TelemetryEvent> events) {
        return appender.append(events);
    }

    @Override
    public List<ScenarioSummary> summaries() {
        db.requireOpen();
        return summaries.all();
    }

    @Override
    public Optional<ScenarioSummary> summary(String scenario) {
        db.requireOpen();
        return summaries.one(scenario);
    }

    @Override
    public EventPage query(EventQuery query) {
        return reader.query(query);
    }

    /** Read from the timeline table (schema V5) after folding the pending uploads (V8); costs the buckets returned. */
    @Override
    public Optional<Timeline> timeline(TimelineQuery query) {
        return activity.timeline(query);
    }

    /** Read from the deployments table (schema V5) after folding the pending uploads (V8); costs the scenario's rows. */
    @Override
    public Optional<List<DeploymentState>> deployments(String scenario) {
        return activity.deployments(scenario);
    }

    /** Writable when a pooled connection answers within a second. */
    @Override
    public StoreHealth health() {
        if (db.isClosed()) {
            return StoreHealth.unavailable("the store is closed");
        }
        try (Connection c = db.pool().getConnection()) {
            return c.isValid(1) ? StoreHealth.ok() : StoreHealth.unavailable("the database does not answer");
        } catch (SQLException e) {
            return StoreHealth.unavailable("the database cannot be reached");
        }
    }

    /** Pool and query figures for metrics. */
    public PostgresStoreStats stats() {
        return PostgresStoreStats.of(db, appender.scenariosRefused(), reader.pagesCut());
    }

    /**
     * Creates due partitions, applies retention, deletes timeline buckets past their window and
     * applies the store-wide deployment cap now, as the background maintenance does every hour;
     * for tests and operators' tools.
     */
    public void maintainPartitions() {
        db.requireOpen();
        maintenancePass.run();
    }

    @Override
    public void close() {
        maintenance.close();
        db.close();
    }
}
