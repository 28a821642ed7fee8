package com.vrooli.telemetry.http;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One headless Chromium per browser test class, started before its first test and closed after its last. */
abstract class BrowserTestBase {

    static Browser browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
