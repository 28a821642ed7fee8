package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.TelemetryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * What issue 15 asks of the dashboard beyond showing the data, in a real browser: the 24 h
 * failures column sorts like the others (by keyboard too), the focus order of each page with a
 * visible focus and a name at every stop, text contrast of at least WCAG AA in the light and the
 * dark theme (ratios computed from the computed styles), the chart's accessible name, and the
 * overview taking new events without a reload. Screenshots are saved under
 * {@code target/screenshots/}.
 */
class DashboardUsabilityBrowserTest extends BrowserTestBase {

    @RegisterExtension
    final DashboardServer dashboard = new DashboardServer();

    private List<String> overviewNames() {
        return browser.column("table.scenarios", 0);
    }

    private void awaitNames(List<String> expected) {
        browser.await(() -> "scenario rows " + expected + ", not " + overviewNames(),
                d -> overviewNames().equals(expected));
    }

    private void openOverview() {
        dashboard.serve(ApiTokens.none());
        dashboard.seed();
        browser.driver.get(dashboard.url("/"));
        awaitNames(List.of("photo-vault", "picker-wheel", "shared-auth"));
    }

    @Test
    @DisplayName("the failures-in-24-h column sorts by keyboard, both ways, rows below the fold included")
    void sortByRecentFailures() {
        dashboard.serve(ApiTokens.none());
        dashboard.seed();
        // 40 more scenarios, sorted by name after the seed's; only zz-37 failed, 5 times, in the last 24 h.
        List<TelemetryEvent> more = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String scenario = String.format("zz-%02d", i);
            more.add(DashboardSeed.event(dashboard.now, scenario, "d", "app_start", 4000, null));
            for (int k = 0; i == 37 && k < 5; k++) {
                more.add(DashboardSeed.event(dashboard.now, scenario, "d", "crash", 100 + k, null));
            }
        }
        dashboard.store().append(more);
        browser.driver.get(dashboard.url("/"));
        browser.await("43 rows", d -> overviewNames().size() == 43);

        browser.visible(By.id("sort-recent")).sendKeys(Keys.ENTER);

        browser.await("sorted by 24 h failures", d -> d.getCurrentUrl().endsWith("/?sort=recent&dir=asc"));
        browser.await(() -> "zz-37 then picker-wheel last, not " + overviewNames(), d -> {
            List<String> names = overviewNames();
            return names.size() == 43 && names.subList(41, 43).equals(List.of("picker-wheel", "zz-37"));
        });
        assertEquals("ascending", browser.visible(By.xpath("//th[button[@id='sort-recent']]")).getAttribute("aria-sort"));
        assertEquals("sort-recent", browser.js("return document.activeElement.id;"), "the focus stays on the button");

        new Actions(browser.driver).sendKeys(Keys.SPACE).perform();

        browser.await("descending", d -> d.getCurrentUrl().endsWith("/?sort=recent&dir=desc"));
        browser.await(() -> "zz-37 first, not " + overviewNames(),
                d -> overviewNames().subList(0, 2).equals(List.of("zz-37", "picker-wheel")));
        assertEquals(List.of("5", "2", "0"), browser.column("table.scenarios", 4).subList(0, 3).stream()
                .map(t -> t.split("\\s")[0]).toList());
        assertEquals("descending",
                browser.visible(By.xpath("//th[button[@id='sort-recent']]")).getAttribute("aria-sort"));
        browser.screenshot("overview-sorted-by-24h-failures");

        // A shared link sorts the same way.
        browser.driver.navigate().refresh();
        browser.await(() -> "zz-37 first after a reload, not " + overviewNames(),
                d -> !overviewNames().isEmpty() && overviewNames().get(0).equals("zz-37"));
    }

    /**
     * Presses Tab {@code stops} times, describing each element that takes the focus; from the top
     * of the page when it was just loaded.
     */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> tabThrough(int stops) {
        List<Map<String, Object>> seen = new ArrayList<>();
        for (int i = 0; i < stops; i++) {
            new Actions(browser.driver).sendKeys(Keys.TAB).perform();
            seen.add((Map<String, Object>) browser.js("const e = document.activeElement;"
                    + "const s = getComputedStyle(e);"
                    + "return {stop: e.id || e.getAttribute('href') && e.textContent.trim() || e.tagName.toLowerCase()"
                    + " + ':' + e.textContent.trim().slice(0, 40),"
                    + " outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,"
                    + " focusVisible: e.matches(':focus-visible')};"));
        }
        return seen;
    }

    private static List<Object> stops(List<Map<String, Object>> seen) {
        return seen.stream().map(m -> m.get("stop")).toList();
    }

    /** Every stop shows a focus ring and has an accessible name. */
    private void assertEveryStopIsVisibleAndNamed(List<Map<String, Object>> seen) {
        for (Map<String, Object> stop : seen) {
            assertEquals(Boolean.TRUE, stop.get("outline"), "no visible focus ring on " + stop);
            assertEquals(Boolean.TRUE, stop.get("focusVisible"), "not :focus-visible: " + stop);
        }
    }

    @Test
    @DisplayName("overview by keyboard: skip link first, then header, filters, every sort button and each scenario,"
            + " each with a visible focus and a name")
    void overviewFocusOrder() {
        openOverview();

        List<Map<String, Object>> seen = tabThrough(13);

        assertEquals(List.of("Skip to content", "home", "filter", "state-filter", "sort-scenario", "sort-events",
                "sort-last", "sort-failures", "sort-recent", "sort-state", "photo-vault", "picker-wheel",
                "shared-auth"), stops(seen));
        assertEveryStopIsVisibleAndNamed(seen);
        assertEquals(List.of(), unnamed("a, button, input, select"));
        browser.screenshot("overview-keyboard-focus");

        // The skip link moves the focus past the header, to the content.
        browser.driver.navigate().refresh();
        awaitNames(List.of("photo-vault", "picker-wheel", "shared-auth"));
        assertEquals(List.of("Skip to content"), stops(tabThrough(1)));
        new Actions(browser.driver).sendKeys(Keys.ENTER).perform();
        browser.await("focus in main", d -> "main".equals(browser.js("return document.activeElement.id;")));
        new Actions(browser.driver).sendKeys(Keys.TAB).perform();
        assertEquals("filter", browser.js("return document.activeElement.id;"));
    }

    @Test
    @DisplayName("scenario page by keyboard: breadcrumb, range, fleet, failures, then the event log's filters in order")
    void scenarioFocusOrder() {
        dashboard.serve(ApiTokens.none());
        dashboard.seed();
        browser.driver.get(dashboard.url("/?scenario=picker-wheel"));
        browser.await("fleet", d -> browser.column("table.deployments", 0).size() == 3);
        browser.await("log", d -> !d.findElements(By.cssSelector("table.events tbody tr")).isEmpty());

        List<Map<String, Object>> seen = tabThrough(20);

        assertEquals(List.of("Skip to content", "home", "back-overview", "range", "status-filter",
                "button:deploy-c", "button:deploy-a", "button:deploy-b"), stops(seen).subList(0, 8));
        List<Object> rest = stops(seen).subList(8, 20);
        assertTrue(rest.get(0).toString().startsWith("summary:crash"), rest.toString());
        int level = rest.indexOf("f-level");
        assertTrue(level > 0, rest.toString());
        assertEquals(List.of("f-level", "f-search", "f-event", "f-deployment", "f-since"),
                rest.subList(level, Math.min(rest.size(), level + 5)), rest.toString());
        assertEveryStopIsVisibleAndNamed(seen);
        assertEquals(List.of(), unnamed("main a, main button, main input, main select, main summary"));
        browser.screenshot("scenario-keyboard-focus");
    }

    @Test
    @DisplayName("a live refresh keeps the keyboard focus on the same deployment's button")
    void liveRefreshKeepsTheFocus() throws Exception {
        dashboard.serve(ApiTokens.none());
        dashboard.seed();
        browser.driver.get(dashboard.url("/?scenario=picker-wheel"));
        browser.await("fleet", d -> browser.column("table.deployments", 0).size() == 3);
        assertEquals("button:deploy-a", stops(tabThrough(7)).get(6));

        DashboardSeed.upload(dashboard.server().uri(), "{\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-d\","
                + "\"event\":\"app_start\"}", null);

        browser.await("the new deployment", d -> browser.column("table.deployments", 0).contains("deploy-d"));
        assertEquals("deploy-a", browser.js("const e = document.activeElement;"
                + "return e.tagName === 'BUTTON' && e.closest('tr').dataset.deployment;"));
        assertEquals(Boolean.TRUE, browser.js("return document.activeElement.matches(':focus-visible');"));
    }

    /** The displayed controls matching {@code css} without an accessible name, read again if a refresh replaced them. */
    private List<String> unnamed(String css) {
        return browser.await("accessible names of " + css, d -> {
            List<String> out = new ArrayList<>();
            for (WebElement e : d.findElements(By.cssSelector(css))) {
                if (e.isDisplayed() && e.getAccessibleName().isBlank()) {
                    out.add(e.getAttribute("outerHTML"));
                }
            }
            return out;
        });
    }

    /**
     * Every displayed element with text of its own whose contrast against the background behind it
     * is under WCAG AA (4.5:1, or 3:1 for large text), as "ratio text (colour on background)"; the
     * background is composited from the element's ancestors, translucent ones included.
     */
    @SuppressWarnings("unchecked")
    private List<String> contrastFailures() {
        return (List<String>) browser.js(String.join("\n",
                "const rgba = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };",
                "const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);",
                "const lum = (c) => { const [r, g, b] = c.slice(0, 3).map((v) => { v /= 255;",
                "  return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });",
                "  return 0.2126 * r + 0.7152 * g + 0.0722 * b; };",
                "const background = (e) => { const chain = []; for (let n = e; n; n = n.parentElement) chain.push(n);",
                "  let bg = [255, 255, 255, 1]; if (matchMedia('(prefers-color-scheme: dark)').matches) bg = [0, 0, 0, 1];",
                "  for (const n of chain.reverse()) bg = over(rgba(getComputedStyle(n).backgroundColor), bg);",
                "  return bg; };",
                "const out = [];",
                "for (const e of document.querySelectorAll('body *')) {",
                "  const own = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());",
                "  if (!own || !e.getClientRects().length || e.closest('[hidden], script, style, noscript')) continue;",
                "  if (e.matches(':disabled') || e.closest('.sr-only, .skip:not(:focus)')) continue;",
                "  const s = getComputedStyle(e); if (s.visibility === 'hidden' || parseFloat(s.opacity) === 0) continue;",
                "  const bg = background(e); const fg = over(rgba(s.color), bg);",
                "  const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a); const ratio = (hi + 0.05) / (lo + 0.05);",
                "  const size = parseFloat(s.fontSize); const large = size >= 24 || (size >= 18.66 && parseInt(s.fontWeight) >= 700);",
                "  if (ratio < (large ? 3 : 4.5)) out.push(ratio.toFixed(2) + ' ' + e.tagName + ' \"'",
                "    + e.textContent.trim().slice(0, 30) + '\" (' + s.color + ' on ' + bg.map(Math.round).join(',') + ')');",
                "}",
                "return out;"));
    }

    @ParameterizedTest(name = "{0} theme")
    @ValueSource(strings = {"light", "dark"})
    @DisplayName("text contrast is at least 4.5:1 (3:1 when large) on the overview and the scenario page")
    void contrast(String scheme) {
        openOverview();
        browser.colorScheme(scheme);
        try {
            String expectedBody = scheme.equals("dark") ? "rgb(13, 17, 23)" : "rgb(255, 255, 255)";
            browser.await(scheme + " theme applied", d -> expectedBody.equals(browser.js(
                    "return getComputedStyle(document.body).backgroundColor;")));
            browser.await("sparklines", d -> !d.findElements(By.cssSelector("td.spark svg")).isEmpty());
            assertEquals(List.of(), contrastFailures(), "overview, " + scheme);
            browser.screenshot("contrast-overview-" + scheme);

            browser.visible(By.linkText("picker-wheel")).click();
            browser.visible(By.cssSelector("#failure-chart .uplot canvas"));
            browser.await("log", d -> !d.findElements(By.cssSelector("table.events tbody tr")).isEmpty());
            for (WebElement d : browser.all(By.cssSelector("#recent-failures details"))) {
                browser.js("arguments[0].open = true;", d);
            }
            assertEquals(List.of(), contrastFailures(), "scenario page, " + scheme);
            browser.screenshot("contrast-scenario-" + scheme);
        } finally {
            browser.colorScheme("light");
        }
    }

    @Test
    @DisplayName("the failures chart is a figure named by its heading, and its canvas says what it draws in words")
    void chartHasAnAccessibleName() {
        openOverview();
        browser.visible(By.linkText("picker-wheel")).click();
        WebElement canvas = browser.visible(By.cssSelector("#failure-chart .uplot canvas"));

        WebElement figure = browser.visible(By.id("failure-chart"));
        assertEquals("figure", figure.getAriaRole());
        assertEquals("Failures over time", figure.getAccessibleName());
        assertEquals("chart-note", figure.getAttribute("aria-describedby"));
        assertEquals("image", canvas.getAriaRole(), "Chromium's name for role=img");
        assertEquals("Stacked bars of failures per hour, by type: crash 1, dependency_unreachable 1",
                canvas.getAccessibleName());

        new Select(browser.visible(By.id("range"))).selectByValue("30d");
        browser.await("30 day chart", d -> d.findElement(By.id("chart-note")).getText().contains("last 30d"));
        assertEquals("Stacked bars of failures per day, by type: crash 1, dependency_unreachable 1,"
                + " migration_failed 1", browser.visible(By.cssSelector("#failure-chart .uplot canvas"))
                .getAccessibleName());
        browser.screenshot("scenario-chart-30d");
    }

    @Test
    @DisplayName("the overview shows new scenarios and new failures without a reload, the focus kept")
    void overviewLiveUpdates() throws Exception {
        openOverview();
        browser.js("window.__sameDocument = true;");
        assertEquals("picker-wheel", stops(tabThrough(12)).get(11));

        DashboardSeed.upload(dashboard.server().uri(), "[{\"scenario\":\"new-app\",\"event\":\"app_start\"},"
                + "{\"scenario\":\"photo-vault\",\"deployment_id\":\"pv-1\",\"event\":\"crash\"}]", null);

        awaitNames(List.of("new-app", "photo-vault", "picker-wheel", "shared-auth"));
        browser.await(() -> "photo-vault failing, not " + browser.column("table.scenarios", 5),
                d -> browser.column("table.scenarios", 5).get(1).equals("failing"));
        assertEquals("1", browser.column("table.scenarios", 3).get(1));
        assertEquals("4 scenarios", browser.visible(By.id("scenario-count")).getText());
        assertEquals("picker-wheel", browser.js("return document.activeElement.dataset.scenario;"),
                "the focus stayed on the link it was on");
        assertEquals(Boolean.TRUE, browser.js("return window.__sameDocument === true;"), "no reload happened");
        browser.screenshot("overview-live");
    }
}
