package com.vrooli.telemetry.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its chromedriver, both named explicitly so that Selenium
 * Manager never downloads anything, with a fresh profile per browser. Screenshots go to
 * {@code target/screenshots/}. Not thread-safe.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Generous: eight sessions compile on two cores while these tests run. */
    static final Duration WAIT = Duration.ofSeconds(30);

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Browser start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver: run ./test,"
                    + " which installs them, or apt-get install -y chromium chromium-driver");
        }
        Path profile = Files.createTempDirectory("dashboard-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
        return new Browser(driver, profile);
    }

    /** Waits until {@code condition} gives a non-null, non-false value, and returns it. */
    <T> T await(String what, Function<ChromeDriver, T> condition) {
        return await(() -> what, condition);
    }

    /** {@link #await(String, Function)} with a message made when it fails (to show what was there instead). */
    <T> T await(Supplier<String> what, Function<ChromeDriver, T> condition) {
        return new WebDriverWait(driver, WAIT)
                .withMessage(() -> what.get() + " (at " + driver.getCurrentUrl() + ")")
                .ignoring(StaleElementReferenceException.class)
                .until(d -> condition.apply((ChromeDriver) d));
    }

    /** The text of one column of a table's body rows, read in one step so a live re-render cannot tear it. */
    @SuppressWarnings("unchecked")
    List<String> column(String tableCss, int column) {
        return (List<String>) js("return [...document.querySelectorAll(arguments[0] + ' tbody tr')]"
                + ".map((r) => r.querySelectorAll('th, td')[arguments[1]].innerText.trim());", tableCss, column);
    }

    /** The first element matching {@code by}, once there is one that is displayed. */
    WebElement visible(By by) {
        return await("visible " + by, d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst()
                .orElse(null));
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** Emulates prefers-color-scheme (light or dark) through the DevTools protocol of chromedriver. */
    void colorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** Saves a screenshot of the window as {@code target/screenshots/{name}.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
