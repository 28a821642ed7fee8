package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real browser (headless Chromium through Selenium) against a real server on
 * port 0 over the JSONL store in a temporary directory: what a person sees on each page, links,
 * filters, the back button, live updates, signing in, hostile strings, the security headers and
 * the time 1,000 scenarios take. Screenshots are saved under {@code target/screenshots/}.
 */
class DashboardBrowserTest extends BrowserTestBase {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String READ_TOKEN = "read-token-0123456789abcdef";
    private static final String UPLOAD_TOKEN = "upload-token-0123456789abcdef";

    @RegisterExtension
    final DashboardServer dashboard = new DashboardServer();
    private final Instant now = dashboard.now;
    private JsonlTelemetryStore store;
    private TelemetryServer server;

    private void serve(ApiTokens tokens) {
        dashboard.serve(tokens);
        store = dashboard.store();
        server = dashboard.server();
    }

    private String url(String pathAndQuery) {
        return dashboard.url(pathAndQuery);
    }

    private TelemetryEvent event(String scenario, String deployment, String type, long secondsAgo,
                                 Map<String, ?> details) {
        return DashboardSeed.event(now, scenario, deployment, type, secondsAgo, details);
    }

    /** Three scenarios: one failing with three deployments (failing, silent, ok), one quiet, one fine. */
    private void seed() {
        store.append(DashboardSeed.events(now));
    }

    private List<String> column(String tableCss, int column) {
        return browser.column(tableCss, column);
    }

    private void awaitColumn(String what, String table, int column, List<String> expected) {
        browser.await(() -> what + ": " + expected + ", not " + column(table, column),
                d -> column(table, column).equals(expected));
    }

    private List<String> overviewNames() {
        return column("table.scenarios", 0);
    }

    private void awaitNames(List<String> expected) {
        browser.await(() -> "scenario rows " + expected + ", not " + overviewNames(),
                d -> overviewNames().equals(expected));
    }

    @Test
    @DisplayName("the overview lists every scenario with events, last event, failures, a 24 h sparkline and state")
    void overview() {
        serve(ApiTokens.none());
        seed();
        browser.driver.get(url("/"));

        awaitNames(List.of("photo-vault", "picker-wheel", "shared-auth"));
        assertEquals(List.of("2", "66", "1"), column("table.scenarios", 1));
        assertEquals(List.of("0", "3", "0"), column("table.scenarios", 3));
        assertEquals(List.of("ok", "failing", "quiet"), column("table.scenarios", 5));
        // Failures of the last 24 h: the crash and the unreachable dependency, not the 29 h old migration.
        awaitColumn("sparklines loaded", "table.scenarios", 4, List.of("0", "2", "0"));
        assertEquals(3, browser.all(By.cssSelector("td.spark svg.sparkline")).size());
        assertEquals("3 scenarios", browser.visible(By.id("scenario-count")).getText());
        assertTrue(browser.visible(By.id("live")).getText().startsWith("Live · updated"));
        browser.screenshot("overview-light");
        browser.colorScheme("dark");
        browser.screenshot("overview-dark");
        browser.colorScheme("light");
    }

    @Test
    @DisplayName("sorting and filtering live in the URL, and the back button restores each step")
    void sortFilterAndBack() {
        serve(ApiTokens.none());
        seed();
        browser.driver.get(url("/"));
        awaitNames(List.of("photo-vault", "picker-wheel", "shared-auth"));

        browser.visible(By.id("sort-events")).click();
        browser.await("sorted by events", d -> d.getCurrentUrl().endsWith("/?sort=events&dir=asc"));
        awaitNames(List.of("shared-auth", "photo-vault", "picker-wheel"));
        browser.visible(By.id("sort-events")).click();
        awaitNames(List.of("picker-wheel", "photo-vault", "shared-auth"));
        assertTrue(browser.driver.getCurrentUrl().endsWith("/?sort=events&dir=desc"), browser.driver.getCurrentUrl());

        browser.visible(By.id("filter")).sendKeys("pi");
        awaitNames(List.of("picker-wheel"));
        assertTrue(browser.driver.getCurrentUrl().contains("q=pi"));
        assertEquals("1 of 3 scenarios", browser.visible(By.id("scenario-count")).getText());

        new Select(browser.visible(By.id("state-filter"))).selectByValue("quiet");
        browser.await("no quiet scenario matches 'pi'", d -> overviewNames().isEmpty());

        // Typing in the filter replaces the history entry rather than adding one per key.
        browser.driver.navigate().back();
        awaitNames(List.of("picker-wheel"));
        assertTrue(browser.driver.getCurrentUrl().endsWith("/?sort=events&dir=desc&q=pi"));
        browser.driver.navigate().back();
        awaitNames(List.of("shared-auth", "photo-vault", "picker-wheel"));
        browser.driver.navigate().back();
        awaitNames(List.of("photo-vault", "picker-wheel", "shared-auth"));
        assertTrue(browser.driver.getCurrentUrl().endsWith("/"));

        // A shared link opens the same view.
        browser.driver.get(url("/?sort=scenario&dir=desc&state=ok"));
        awaitNames(List.of("photo-vault"));
    }

    @Test
    @DisplayName("the scenario page shows failures over time, the fleet, recent failures and the event log")
    void scenarioPage() {
        serve(ApiTokens.none());
        seed();
        browser.driver.get(url("/"));
        awaitNames(List.of("photo-vault", "picker-wheel", "shared-auth"));

        // By keyboard: the scenario's link takes focus and Enter follows it.
        browser.visible(By.linkText("picker-wheel")).sendKeys(Keys.ENTER);

        assertEquals("picker-wheel", browser.visible(By.id("scenario-title")).getText());
        assertTrue(browser.driver.getCurrentUrl().endsWith("/?scenario=picker-wheel"));
        browser.visible(By.cssSelector("#failure-chart .uplot canvas"));
        String legend = browser.visible(By.cssSelector("#failure-chart .u-legend")).getText();
        assertTrue(legend.contains("crash") && legend.contains("dependency_unreachable"), legend);
        assertEquals("2 failures in 64 events, last 24h, by 1h bucket", browser.visible(By.id("chart-note")).getText());
        browser.await("deployment rows", d -> column("table.deployments", 0).size() == 3);
        assertEquals(List.of("deploy-c", "deploy-a", "deploy-b"), column("table.deployments", 0));
        assertEquals(List.of("ok", "failing", "silent"), column("table.deployments", 1));
        assertEquals(List.of("1.2.0", "1.2.0", "1.1.0"), column("table.deployments", 2));
        assertEquals(List.of("mac-arm64", "win-x64", "linux-x64"), column("table.deployments", 3));

        browser.screenshot("scenario-light");
        WebElement failure = browser.visible(By.cssSelector("#recent-failures li details"));
        assertTrue(failure.getText().startsWith("crash"), failure.getText());
        failure.findElement(By.tagName("summary")).click();
        WebElement json = browser.visible(By.cssSelector("#recent-failures li details details"));
        json.findElement(By.tagName("summary")).click();
        assertTrue(browser.visible(By.cssSelector("#recent-failures details pre")).getText()
                .contains("\"error\": \"NullPointer in driver\""));
        browser.screenshot("scenario-failure-details");

        new Select(browser.visible(By.id("range"))).selectByValue("7d");
        browser.await("7 day chart", d -> d.findElement(By.id("chart-note")).getText()
                .equals("3 failures in 66 events, last 7d, by 1h bucket"));
        assertTrue(browser.driver.getCurrentUrl().contains("range=7d"));
        browser.colorScheme("dark");
        browser.await("dark theme applied", d -> "rgb(230, 237, 243)".equals(d.executeScript(
                "return getComputedStyle(document.body).color;")));
        browser.driver.navigate().refresh();
        browser.visible(By.cssSelector("#failure-chart .uplot canvas"));
        browser.screenshot("scenario-dark");
        browser.colorScheme("light");

        browser.driver.navigate().back();
        browser.await("24 h chart again", d -> d.findElement(By.id("chart-note")).getText().contains("last 24h"));
        browser.visible(By.id("back-overview")).click();
        awaitNames(List.of("photo-vault", "picker-wheel", "shared-auth"));
    }

    @Test
    @DisplayName("the event log applies every filter of the events endpoint and pages with the back button")
    void eventLog() {
        serve(ApiTokens.none());
        seed();
        browser.driver.get(url("/?scenario=picker-wheel"));
        browser.await("first page", d -> d.findElements(By.cssSelector("table.events tbody tr")).size() == 50);

        browser.visible(By.id("page-older")).click();
        browser.await("second page", d -> d.findElements(By.cssSelector("table.events tbody tr")).size() == 16);
        assertTrue(browser.driver.getCurrentUrl().contains("cursor="));
        browser.driver.navigate().back();
        browser.await("first page again", d -> d.findElements(By.cssSelector("table.events tbody tr")).size() == 50);

        new Select(browser.visible(By.id("f-level"))).selectByValue("error");
        browser.visible(By.id("f-apply")).click();
        awaitColumn("errors only, newest stored first", "table.events", 2,
                List.of("migration_failed", "crash", "dependency_unreachable"));
        assertTrue(browser.driver.getCurrentUrl().contains("level=error"));

        browser.visible(By.id("f-search")).sendKeys("quota", Keys.ENTER);
        awaitColumn("search", "table.events", 2, List.of("migration_failed"));

        browser.visible(By.id("f-clear")).click();
        browser.visible(By.id("f-event")).sendKeys("app_start,crash");
        browser.visible(By.id("f-deployment")).sendKeys("deploy-a", Keys.ENTER);
        awaitColumn("event and deployment", "table.events", 2, List.of("crash", "app_start"));

        browser.visible(By.id("f-clear")).click();
        browser.js("document.getElementById('f-since').value = arguments[0];"
                + "document.getElementById('f-until').value = arguments[1];",
                local(now.minusSeconds(2 * 3600 + 1)), local(now.minusSeconds(3600)));
        browser.visible(By.id("f-apply")).click();
        awaitColumn("time range", "table.events", 2, List.of("dependency_unreachable"));

        // A deployment in the fleet table filters the log to it.
        browser.visible(By.id("f-clear")).click();
        browser.await("fleet", d -> !d.findElements(By.cssSelector("table.deployments tbody tr")).isEmpty());
        browser.visible(By.cssSelector("tr[data-deployment='deploy-b'] button")).click();
        awaitColumn("deploy-b only", "table.events", 2, List.of("migration_failed", "app_start"));
        assertEquals("deploy-b", browser.visible(By.id("f-deployment")).getAttribute("value"));
    }

    /** The browser's local time for a datetime-local input. */
    private String local(Instant t) {
        return (String) browser.js("const d = new Date(arguments[0]); const p = (n) => String(n).padStart(2, '0');"
                + "return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + 'T' + p(d.getHours())"
                + " + ':' + p(d.getMinutes()) + ':' + p(d.getSeconds());", t.toString());
    }

    @Test
    @DisplayName("new events appear without a reload")
    void liveUpdates() throws Exception {
        serve(ApiTokens.none());
        seed();
        browser.driver.get(url("/?scenario=picker-wheel&level=error"));
        browser.await("errors", d -> column("table.events", 2).size() == 3);
        browser.js("window.__sameDocument = true;");

        upload("{\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-c\",\"event\":\"update_error\","
                + "\"details\":{\"error\":\"signature mismatch\"}}", null);

        browser.await("the new failure in the log", d -> column("table.events", 2).contains("update_error"));
        browser.await("and in the fleet", d -> column("table.deployments", 1).get(0).equals("failing"));
        assertEquals(Boolean.TRUE, browser.js("return window.__sameDocument === true;"), "no reload happened");
    }

    @Test
    @DisplayName("script and HTML in event details and ids are shown as text and never run")
    void hostileStringsAreText() throws Exception {
        serve(ApiTokens.none());
        String img = "<img src=x onerror=\\\"window.__pwned=1;alert(1)\\\">";
        String script = "<script>window.__pwned=2;alert(2)</script>";
        upload("[{\"scenario\":\"evil\",\"deployment_id\":\"" + img + "\",\"event\":\"app_start\","
                + "\"details\":{\"version\":\"" + script + "\",\"platform\":\"" + img + "\"}},"
                + "{\"scenario\":\"evil\",\"deployment_id\":\"" + script + "\",\"event\":\"crash\","
                + "\"details\":{\"error\":\"" + img + "\",\"" + script + "\":\"<b>bold</b>\"}}]", null);

        browser.driver.get(url("/"));
        awaitNames(List.of("evil"));
        browser.visible(By.linkText("evil")).click();
        browser.await("fleet", d -> column("table.deployments", 0).size() == 2);
        browser.await("log", d -> column("table.events", 2).size() == 2);
        for (WebElement d : browser.all(By.cssSelector("details"))) {
            browser.js("arguments[0].open = true;", d);
        }

        String page = browser.visible(By.id("main")).getText();
        assertTrue(page.contains("<img src=x onerror=\"window.__pwned=1;alert(1)\">"), page);
        assertTrue(page.contains("<script>window.__pwned=2;alert(2)</script>"), page);
        assertTrue(page.contains("<b>bold</b>"), page);
        assertNull(browser.js("return window.__pwned;"));
        assertEquals(0L, browser.js("return document.querySelectorAll('main img, main script, main b').length;"));
        assertEquals(1L, browser.js("return document.scripts.length;"), "only the dashboard's own module");
        try {
            browser.driver.switchTo().alert();
            throw new AssertionError("an alert opened");
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
        browser.screenshot("hostile-strings");
    }

    @Test
    @DisplayName("dashboard answers carry a Content-Security-Policy without inline scripts; no third-party requests")
    void securityHeadersAndNoThirdParty() throws Exception {
        serve(ApiTokens.none());
        seed();
        for (String path : new String[] {"/", "/ui/app.js", "/ui/style.css", "/ui/vendor/uPlot.esm.js"}) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), path);
            assertEquals(DashboardFiles.CONTENT_SECURITY_POLICY, r.headers().firstValue("Content-Security-Policy")
                    .orElse(null), path);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), path);
            assertFalse(DashboardFiles.CONTENT_SECURITY_POLICY.contains("unsafe-inline"));
        }
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(url("/"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertFalse(page.body().contains("<script>"), "no inline script");
        assertEquals(404, HTTP.send(HttpRequest.newBuilder(URI.create(url("/ui/nope.js"))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());

        browser.driver.get(url("/?scenario=picker-wheel"));
        browser.visible(By.cssSelector("#failure-chart .uplot canvas"));
        String origin = server.uri().resolve("/").toString();
        @SuppressWarnings("unchecked")
        List<String> requested = (List<String>) browser.js(
                "return performance.getEntriesByType('resource').map((e) => e.name);");
        assertFalse(requested.isEmpty());
        for (String r : requested) {
            assertTrue(r.startsWith(origin) || r.startsWith("data:"), "third-party request: " + r);
        }
    }

    @Test
    @DisplayName("with tokens, a sign-in box takes a read token, keeps it in sessionStorage and never in the URL")
    void signIn() throws Exception {
        serve(ApiTokens.builder().read(READ_TOKEN).upload(UPLOAD_TOKEN).build());
        seed();
        browser.driver.get(url("/"));

        browser.visible(By.id("token")).sendKeys("not-the-right-token-at-all", Keys.ENTER);
        assertEquals("the API token is not valid", browser.visible(By.cssSelector(".signin .error")).getText());
        assertNull(browser.js("return sessionStorage.getItem('telemetry.readToken');"), "a refused token is forgotten");
        assertFalse(browser.driver.findElement(By.id("signout")).isDisplayed());
        browser.screenshot("sign-in");

        browser.visible(By.id("token")).sendKeys(UPLOAD_TOKEN, Keys.ENTER);
        assertEquals("this token may not read telemetry", browser.visible(By.cssSelector(".signin .error")).getText());

        browser.visible(By.id("token")).sendKeys(READ_TOKEN, Keys.ENTER);
        awaitNames(List.of("photo-vault", "picker-wheel", "shared-auth"));
        assertEquals(READ_TOKEN, browser.js("return sessionStorage.getItem('telemetry.readToken');"));
        assertFalse(browser.driver.getCurrentUrl().contains(READ_TOKEN));
        browser.visible(By.linkText("picker-wheel")).click();
        browser.await("deployments with the token", d -> column("table.deployments", 0).size() == 3);
        assertFalse(browser.driver.getCurrentUrl().contains(READ_TOKEN));

        browser.visible(By.id("signout")).click();
        browser.visible(By.id("token"));
        assertNull(browser.js("return sessionStorage.getItem('telemetry.readToken');"));
    }

    @Test
    @DisplayName("1,000 scenarios render in under a second")
    void thousandScenarios() {
        serve(ApiTokens.none());
        List<TelemetryEvent> events = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String scenario = String.format("scenario-%04d", i);
            events.add(event(scenario, "d-" + i, "app_start", 600 + i, Map.of("version", "1.0." + i)));
            if (i % 7 == 0) {
                events.add(event(scenario, "d-" + i, "crash", 300, null));
            }
        }
        store.append(events);

        browser.driver.get(url("/"));
        browser.await("1,000 rows", d -> d.findElements(By.cssSelector("table.scenarios tbody tr")).size() == 1000);

        double fetchToRender = ((Number) browser.js("return performance.getEntriesByName('overview-rendered')[0]"
                + ".startTime - performance.getEntriesByName('overview-fetch-start')[0].startTime;")).doubleValue();
        double fetched = ((Number) browser.js("return performance.getEntriesByName('overview-fetched')[0]"
                + ".startTime - performance.getEntriesByName('overview-fetch-start')[0].startTime;")).doubleValue();
        double pageToRender = ((Number) browser.js(
                "return performance.getEntriesByName('overview-rendered')[0].startTime;")).doubleValue();
        System.out.printf("dashboard: 1,000 scenarios: %.0f ms from request to rendered table (%.0f ms of it the"
                + " summaries request), %.0f ms from navigation start (loaded shared machine)%n", fetchToRender,
                fetched, pageToRender);
        assertTrue(fetchToRender < 1000, "rendered in " + fetchToRender + " ms");
        assertEquals("1,000 scenarios", browser.visible(By.id("scenario-count")).getText());
        browser.screenshot("overview-1000");
    }

    private void upload(String body, String token) throws Exception {
        DashboardSeed.upload(server.uri(), body, token);
    }
}
