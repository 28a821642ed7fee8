package com.vrooli.telemetry.http;

import static com.vrooli.telemetry.http.QueryParams.shorten;
import static com.vrooli.telemetry.http.QueryParams.single;

import com.vrooli.telemetry.core.EventLevel;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.Timestamps;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters of the events endpoint, both ways: parsed by the server into an
 * {@link EventQuery} (bad values are 400 with plain words) and written by the CLI from one.
 * Parameters: {@code level}, {@code event} (repeatable or comma-separated), {@code search},
 * {@code since}, {@code until}, {@code deployment_id}, {@code limit}, {@code cursor} and
 * {@code order} ({@code newest} or {@code oldest}). Unknown parameters are ignored. Stateless.
 * Public only for {@link #toQueryString}, which the CLI's client of a server uses.
 */
public final class EventQueryParams {

    static final String LEVEL = "level";
    static final String EVENT = "event";
    static final String SEARCH = "search";
    static final String SINCE = QueryParams.SINCE;
    static final String UNTIL = QueryParams.UNTIL;
    static final String DEPLOYMENT_ID = "deployment_id";
    static final String LIMIT = "limit";
    static final String CURSOR = "cursor";
    static final String ORDER = "order";

    private EventQueryParams() {
    }

    /**
     * The query the parameters ask for.
     *
     * @throws HttpProblem 400 when a value is invalid or a single-valued parameter is repeated
     */
    static EventQuery parse(String scenario, Map<String, Deque<String>> params) {
        EventQuery.Builder b = EventQuery.builder(scenario);
        String level = single(params, LEVEL);
        if (level != null) {
            b.minLevel(EventLevel.fromWireName(level).orElseThrow(() -> HttpProblem.badRequest(
                    "level must be one of info, warn, error; got '" + shorten(level) + "'")));
        }
        b.eventTypes(eventTypes(params.get(EVENT)));
        b.search(single(params, SEARCH));
        QueryParams.Window window = QueryParams.window(params);
        b.since(window.since()).until(window.until());
        b.deploymentId(single(params, DEPLOYMENT_ID));
        b.limit(limit(single(params, LIMIT)));
        b.cursor(single(params, CURSOR));
        b.order(order(single(params, ORDER)));
        return b.build();
    }

    /** The query string (without {@code ?}) that asks for {@code q}; the scenario goes in the path. */
    public static String toQueryString(EventQuery q) {
        List<String> parts = new ArrayList<>();
        if (q.minLevel() != null) {
            add(parts, LEVEL, q.minLevel().wireName());
        }
        for (String type : new TreeSet<>(q.eventTypes())) {
            add(parts, EVENT, type);
        }
        add(parts, SEARCH, q.search());
        add(parts, SINCE, q.since() == null ? null : Timestamps.format(q.since()));
        add(parts, UNTIL, q.until() == null ? null : Timestamps.format(q.until()));
        add(parts, DEPLOYMENT_ID, q.deploymentId());
        add(parts, LIMIT, Integer.toString(q.limit()));
        add(parts, CURSOR, q.cursor());
        add(parts, ORDER, q.order() == EventQuery.Order.OLDEST_FIRST ? "oldest" : "newest");
        return String.join("&", parts);
    }

    private static void add(List<String> parts, String name, String value) {
        if (value != null) {
            parts.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        }
    }

    private static Set<String> eventTypes(Deque<String> values) {
        Set<String> types = new LinkedHashSet<>();
        if (values != null) {
            for (String v : values) {
                for (String t : v.split(",", -1)) {
                    if (!t.isBlank()) {
                        types.add(t.trim());
                    }
                }
            }
        }
        return types;
    }

    private static int limit(String text) {
        if (text == null) {
            return EventQuery.DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= EventQuery.MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below with the same words as an out-of-range number
        }
        throw HttpProblem.badRequest("limit must be a whole number from 1 to " + EventQuery.MAX_LIMIT + "; got '"
                + shorten(text) + "'");
    }

    private static EventQuery.Order order(String text) {
        if (text == null) {
            return EventQuery.Order.NEWEST_FIRST;
        }
        switch (text.toLowerCase(Locale.ROOT)) {
            case "newest":
            case "desc":
                return EventQuery.Order.NEWEST_FIRST;
            case "oldest":
            case "asc":
                return EventQuery.Order.OLDEST_FIRST;
            default:
                throw HttpProblem.badRequest("order must be newest or oldest; got '" + shorten(text) + "'");
        }
    }
}
