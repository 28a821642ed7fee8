package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.DeploymentState;
import com.vrooli.telemetry.core.Timeline;
import com.vrooli.telemetry.core.TimelineQuery;
import com.vrooli.telemetry.core.AppendResult;
import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.StoreHealth;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.core.TelemetryStore;
import io.undertow.util.StatusCodes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The store the upload path writes through when tokens are configured: before a batch is appended,
 * every event's scenario (as decoded, after {@code ?scenario=} and an envelope's
 * {@code scenario_name} filled in the missing ones) must match the upload token's patterns.
 * Otherwise the whole batch is refused with 403 and nothing is stored, so a misconfigured token
 * shows as a refusal, never as a half-stored batch. Fails closed: an append outside an
 * authenticated upload is refused. Everything else is passed through. Thread-safe.
 */
final class ScenarioCheckingStore implements TelemetryStore {

    private static final int NAMED_AT_MOST = 3;

    private final TelemetryStore delegate;
    private final UploadPermissions permissions;

    ScenarioCheckingStore(TelemetryStore delegate, UploadPermissions permissions) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.permissions = Objects.requireNonNull(permissions, "permissions");
    }

    @Override
    public AppendResult append(List<TelemetryEvent> events) {
        TokenGrant grant = permissions.current();
        if (grant == null) {
            throw new IllegalStateException("an upload reached the store without an authenticated token");
        }
        TreeSet<String> forbidden = new TreeSet<>();
        for (TelemetryEvent e : events) {
            if (!grant.mayWrite(e.scenario())) {
                forbidden.add(e.scenario());
            }
        }
        if (!forbidden.isEmpty()) {
            throw new HttpProblem(StatusCodes.FORBIDDEN, forbiddenMessage(forbidden), Map.of());
        }
        return delegate.append(events);
    }

    private static String forbiddenMessage(TreeSet<String> scenarios) {
        StringBuilder names = new StringBuilder();
        int n = 0;
        for (String s : scenarios) {
            if (n == NAMED_AT_MOST) {
                names.append(" and ").append(scenarios.size() - n).append(" more");
                break;
            }
            names.append(n == 0 ? "'" : ", '").append(s).append('\'');
            n++;
        }
        return "this token may not upload to scenario" + (scenarios.size() > 1 ? "s " : " ") + names
                + "; nothing was stored";
    }

    @Override
    public List<ScenarioSummary> summaries() {
        return delegate.summaries();
    }

    @Override
    public Optional<ScenarioSummary> summary(String scenario) {
        return delegate.summary(scenario);
    }

    @Override
    public Optional<Timeline> timeline(TimelineQuery query) {
        return delegate.timeline(query);
    }

    @Override
    public Optional<List<DeploymentState>> deployments(String scenario) {
        return delegate.deployments(scenario);
    }

    @Override
    public EventPage query(EventQuery query) {
        return delegate.query(query);
    }

    @Override
    public StoreHealth health() {
        return delegate.health();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
