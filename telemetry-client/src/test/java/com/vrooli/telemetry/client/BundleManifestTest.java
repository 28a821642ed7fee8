package com.vrooli.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.TelemetryEvent;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading {@code bundle.json}: the document's block, the key bundles write today, and clear failures. */
class BundleManifestTest {

    /** The shape of {@code shared/spec/bundle.example.json}. */
    private static final String EXAMPLE = "{\n"
            + "  \"schema_version\": \"0.1\",\n"
            + "  \"target\": \"desktop\",\n"
            + "  \"app\": { \"name\": \"picker-wheel\", \"version\": \"1.0.0\", \"description\": \"Spin a wheel to pick\" },\n"
            + "  \"ipc\": { \"mode\": \"loopback-http\", \"host\": \"127.0.0.1\", \"port\": 47710,"
            + " \"auth_token_path\": \"runtime/auth-token\" },\n"
            + "  \"telemetry\": {\n"
            + "    \"file\": \"telemetry/deployment-telemetry.jsonl\",\n"
            + "    \"upload_to\": \"https://telemetry.example.com/api/v1/telemetry/upload\"\n"
            + "  },\n"
            + "  \"services\": []\n"
            + "}\n";

    private final FileSystem fs = SpoolFiles.jimfs();
    private final Path appData = fs.getPath("/home/user/.local/share/picker-wheel");
    private final Path manifest = fs.getPath("/opt/picker-wheel/bundle.json");

    @AfterEach
    void closeFs() throws IOException {
        fs.close();
    }

    private BundleManifest read(String json) throws IOException {
        Files.createDirectories(manifest.getParent());
        Files.write(manifest, json.getBytes(StandardCharsets.UTF_8));
        return BundleManifest.read(manifest, appData);
    }

    @Test
    void theExampleManifestGivesScenarioVersionFileAndUploadAddress() throws IOException {
        BundleManifest m = read(EXAMPLE);

        assertEquals("picker-wheel", m.scenario());
        assertEquals("1.0.0", m.appVersion());
        assertEquals(appData.resolve("telemetry/deployment-telemetry.jsonl"), m.telemetryFile());
        assertEquals(URI.create("https://telemetry.example.com/api/v1/telemetry/upload"), m.uploadUri());
        assertNull(m.token());
    }

    @Test
    void uploadUrlAsExistingBundlesWriteItIsAccepted() throws IOException {
        BundleManifest m = read("{\"app\":{\"name\":\"x\"},\"telemetry\":{\"file\":\"t.jsonl\","
                + "\"upload_url\":\"http://10.0.0.5:8080/api/v1/telemetry/upload\"}}");

        assertEquals(URI.create("http://10.0.0.5:8080/api/v1/telemetry/upload"), m.uploadUri());
    }

    @Test
    void uploadToWinsOverUploadUrl() throws IOException {
        BundleManifest m = read("{\"app\":{\"name\":\"x\"},\"telemetry\":{\"upload_to\":\"https://a/u\","
                + "\"upload_url\":\"https://b/u\"}}");

        assertEquals(URI.create("https://a/u"), m.uploadUri());
    }

    @Test
    void withoutATelemetryBlockTheDefaultFileIsKeptLocally() throws IOException {
        BundleManifest m = read("{\"app\":{\"name\":\"x\",\"extra\":[1,2]},\"whatever\":{\"deep\":true}}");

        assertEquals(appData.resolve(BundleManifest.DEFAULT_FILE), m.telemetryFile());
        assertNull(m.uploadUri());
        assertNull(m.appVersion());
    }

    @Test
    void aTokenFileIsReadRelativeToTheAppDataDirAndNeverShown() throws IOException {
        Files.createDirectories(appData.resolve("runtime"));
        Files.write(appData.resolve("runtime/telemetry-token"), "tok123\n".getBytes(StandardCharsets.UTF_8));

        BundleManifest m = read("{\"app\":{\"name\":\"x\"},\"telemetry\":{\"token_file\":\"runtime/telemetry-token\"}}");

        assertEquals("tok123", m.token());
        assertTrue(!m.toString().contains("tok123"), m.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON | {app: | not valid JSON",
        "an array | [] | must be a JSON object",
        "no app | {} | no app.name",
        "a name that is no scenario | {\"app\":{\"name\":\"my app/1\"}} | cannot be the scenario",
        "a name that is a number | {\"app\":{\"name\":42}} | app.name",
        "a relative upload address | {\"app\":{\"name\":\"x\"},\"telemetry\":{\"upload_to\":\"/api/v1\"}} | absolute http",
        "an ftp upload address | {\"app\":{\"name\":\"x\"},\"telemetry\":{\"upload_url\":\"ftp://h/u\"}} | absolute http",
        "a file that is a number | {\"app\":{\"name\":\"x\"},\"telemetry\":{\"file\":7}} | telemetry.file",
        "a missing token file | {\"app\":{\"name\":\"x\"},\"telemetry\":{\"token_file\":\"nope\"}} | token file",
    })
    void anUnusableManifestIsAClearException(String what, String json, String expected) {
        BundleManifestException e = assertThrows(BundleManifestException.class, () -> read(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(manifest.toString()), e.getMessage());
    }

    @Test
    void aMissingManifestIsAClearException() {
        BundleManifestException e = assertThrows(BundleManifestException.class,
                () -> TelemetryClient.fromBundle(fs.getPath("/nowhere/bundle.json"), appData));
        assertTrue(e.getMessage().contains("/nowhere/bundle.json"), e.getMessage());
    }

    @Test
    void fromBundleBuildsAClientThatKeepsTheConfiguredFile() throws IOException {
        read("{\"app\":{\"name\":\"picker-wheel\",\"version\":\"1.0.0\"},"
                + "\"telemetry\":{\"file\":\"telemetry/deployment-telemetry.jsonl\"}}");

        try (TelemetryClient client = TelemetryClient.builderFromBundle(manifest, appData)
                .deploymentId("deploy-9").closeOnShutdown(false).build()) {
            client.appStart("linux-x64", "desktop");
            assertTrue(client.flush(Duration.ofSeconds(30)));
            assertEquals("1.0.0", client.appVersion());
        }

        List<TelemetryEvent> events = SpoolFiles.events(appData.resolve("telemetry/deployment-telemetry.jsonl"));
        assertEquals(1, events.size());
        assertEquals("picker-wheel", events.get(0).scenario());
        assertEquals("deploy-9", events.get(0).deploymentId());
        assertEquals("1.0.0", events.get(0).details().get("version"));
    }
}
