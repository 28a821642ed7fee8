package com.vrooli.telemetry.store.postgres;

import com.vrooli.telemetry.core.DeploymentAggregator;
import com.vrooli.telemetry.core.StoreException;
import com.vrooli.telemetry.core.StoreLimits;
import com.vrooli.telemetry.core.StoreUnavailableException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Builds a {@link PostgresTelemetryStore}: opens the pool, applies the schema migrations, creates
 * the partitions due and starts their maintenance. Not thread-safe; {@link #open()} may be called
 * once per store wanted.
 */
public final class PostgresStoreBuilder {

    private final String jdbcUrl;
    private String user;
    private String password;
    private int maxPoolSize = 8;
    /** How long PostgreSQL lets a session of this store sit idle inside a transaction before ending it. */
    static final Duration IDLE_IN_TRANSACTION = Duration.ofSeconds(60);

    private Duration connectionTimeout = Duration.ofSeconds(3);
    private int partitionsAhead = 3;
    private Duration retention;
    private Duration maintenancePeriod = Duration.ofHours(1);
    private Duration foldPeriod = Duration.ofSeconds(1);
    private Clock clock = Clock.systemUTC();
    private int maxScenarios = 10_000;
    private long maxPageBytes = 4L * 1024 * 1024;
    private int maxFailureTypes = StoreLimits.DEFAULT_MAX_FAILURE_TYPES;
    private int maxDeployments = StoreLimits.DEFAULT_MAX_DEPLOYMENTS;

    PostgresStoreBuilder(String jdbcUrl) {
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the JDBC URL must start with jdbc:postgresql:");
        }
    }

    /** The database user; default: the URL's, else the driver's default. */
    public PostgresStoreBuilder user(String user) {
        this.user = user;
        return this;
    }

    /** The password; never logged and never part of an error message. */
    public PostgresStoreBuilder password(String password) {
        this.password = password;
        return this;
    }

    /** Connections per node (default 8). */
    public PostgresStoreBuilder maxPoolSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1, got " + n);
        }
        this.maxPoolSize = n;
        return this;
    }

    /** How long an operation waits for a connection before the store answers unavailable (default 3 s). */
    public PostgresStoreBuilder connectionTimeout(Duration timeout) {
        if (timeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectionTimeout must be at least 250 ms");
        }
        this.connectionTimeout = timeout;
        return this;
    }

    /** Daily partitions created ahead of today (default 3). */
    public PostgresStoreBuilder partitionsAhead(int days) {
        if (days < 1 || days > 60) {
            throw new IllegalArgumentException("partitionsAhead must be between 1 and 60 days, got " + days);
        }
        this.partitionsAhead = days;
        return this;
    }

    /** Events older than this are dropped, a whole day's partition at a time (default: kept). */
    public PostgresStoreBuilder retention(Duration maxAge) {
        if (maxAge != null && maxAge.toDays() < 1) {
            throw new IllegalArgumentException("retention must be at least one day");
        }
        this.retention = maxAge;
        return this;
    }

    /** How often partitions are created ahead and retention applied (default one hour). */
    public PostgresStoreBuilder maintenancePeriod(Duration period) {
        this.maintenancePeriod = Objects.requireNonNull(period, "period");
        return this;
    }

    /**
     * How often this node folds the activity uploads left pending (default one second; see the
     * module README): reads fold first anyway, so this only bounds how many rows wait for a fold.
     * Longer periods fold more uploads into each live row at once; shorter keep reads cheap.
     */
    public PostgresStoreBuilder foldPeriod(Duration period) {
        Objects.requireNonNull(period, "period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("foldPeriod must be positive, got " + period);
        }
        this.foldPeriod = period;
        return this;
    }

    /**
     * Distinct scenarios the store holds, across every node (default 10,000): events of a new
     * scenario past it are refused one by one in the append's result; existing scenarios go on.
     */
    public PostgresStoreBuilder maxScenarios(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("maxScenarios must be at least 1, got " + n);
        }
        this.maxScenarios = n;
        return this;
    }

    /**
     * Failure types counted by name per scenario (default 256); later types are counted in the
     * summary's other_failures. Their events are stored and queryable as any other.
     */
    public PostgresStoreBuilder maxFailureTypes(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("maxFailureTypes must not be negative, got " + n);
        }
        this.maxFailureTypes = n;
        return this;
    }

    /**
     * Deployment rows kept across the store, on top of 10,000 per scenario (default 100,000): past
     * either, the deployments silent the longest are dropped from the fleet view; their events stay.
     */
    public PostgresStoreBuilder maxDeployments(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("maxDeployments must be at least 1, got " + n);
        }
        this.maxDeployments = n;
        return this;
    }

    /** Stored-line bytes of one events page (default 4 MiB); a page always holds one event. */
    public PostgresStoreBuilder maxPageBytes(long bytes) {
        if (bytes < 1024) {
            throw new IllegalArgumentException("maxPageBytes must be at least 1024, got " + bytes);
        }
        this.maxPageBytes = bytes;
        return this;
    }

    /** The clock partitions, retention and id ages follow (default UTC system clock). */
    public PostgresStoreBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Opens the store.
     *
     * @throws StoreUnavailableException when the database cannot be reached or migrated
     */
    public PostgresTelemetryStore open() {
        HikariDataSource pool = pool();
        try {
            migrate(pool);
            PgDatabase db = new PgDatabase(pool);
            DeploymentCaps caps = new DeploymentCaps(DeploymentAggregator.MAX_DEPLOYMENTS, maxDeployments);
            ActivityFold fold = new ActivityFold(db, caps);
            Partitions partitions = new Partitions(db, clock, partitionsAhead, retention, fold);
            ActivityPruning pruning = new ActivityPruning(db, caps, fold);
            Runnable pass = () -> {
                partitions.maintain();
                pruning.prune();
            };
            pass.run();
            Maintenance maintenance = Maintenance.every(maintenancePeriod, pass, foldPeriod, fold::fold);
            EventAppender appender = new EventAppender(db, partitions, new ScenarioCap(maxScenarios), clock,
                    maxFailureTypes);
            return new PostgresTelemetryStore(db, appender, new EventReader(db, maxPageBytes),
                    new ActivityReader(db, fold), pass, maintenance);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private HikariDataSource pool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setPoolName("telemetry-pg");
        config.setMaximumPoolSize(maxPoolSize);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        config.setValidationTimeout(Math.min(1000, connectionTimeout.toMillis() - 1));
        // A node that stalls or loses the network inside a transaction must not keep its locks
        // (the fold's lock, a scenario's summary row) for the hours TCP keepalive would take: no
        // transaction of this store waits on anything but the database between statements.
        config.setConnectionInitSql("SET idle_in_transaction_session_timeout = '"
                + IDLE_IN_TRANSACTION.toMillis() + "ms'");
        // Metrics come from the pool's MXBean through stats(); no JMX registration needed.
        config.setRegisterMbeans(false);
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            SQLException cause = e.getCause() instanceof SQLException ? (SQLException) e.getCause() : null;
            String state = cause == null || cause.getSQLState() == null ? "none" : cause.getSQLState();
            throw new StoreUnavailableException("cannot connect to the database (SQLSTATE " + state + ")", e);
        }
    }

    private static void migrate(HikariDataSource pool) {
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/telemetry")
                    .table("telemetry_schema_history").load().migrate();
        } catch (FlywayException e) {
            throw new StoreException("the schema migrations failed: " + e.getClass().getSimpleName(), e);
        }
    }
}
