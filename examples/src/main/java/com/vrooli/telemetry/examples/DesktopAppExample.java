package com.vrooli.telemetry.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vrooli.telemetry.client.ClientStats;
import com.vrooli.telemetry.client.DropReason;
import com.vrooli.telemetry.client.TelemetryClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A "desktop app" that embeds the telemetry client the way a deployed bundle does: its installer
 * writes {@code bundle.json} into the app data dir, the app builds the client from it, installs
 * the crash handler, records its start, readiness, a custom event and two failures, flushes,
 * prints what the client did and closes.
 *
 * <p>Run it against a server (any that accepts {@code POST /api/v1/telemetry/upload}, such as
 * {@code ./telemetry serve}); the command line's shaded jar holds core, the JSONL store, the server
 * and their dependencies, so with the client's classes it serves as the class path:
 * <pre>
 * mvn -B -q -DskipTests -pl examples -am package
 * java -cp examples/target/classes:telemetry-client/target/classes:telemetry-cli/target/telemetry.jar \
 *     com.vrooli.telemetry.examples.DesktopAppExample http://127.0.0.1:8080/api/v1/telemetry/upload [appDataDir]
 * </pre>
 * The upload address may also come from {@code TELEMETRY_UPLOAD_URL} and the app data dir from
 * {@code APP_DATA_DIR}; without an address the app keeps the local file only, and without an app
 * data dir it uses a new temporary one. Exits with status 1 when not everything was delivered
 * within the flush timeout (what was not sent stays in the file for the next start).
 */
public final class DesktopAppExample {

    /** The manifest this app ships; its installer copies it into the app data dir. */
    static final String BUNDLE_RESOURCE = "desktop-app-bundle.json";
    static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);

    /**
     * What one run of the app did.
     *
     * @param bundleJson    the installed manifest
     * @param telemetryFile the client's local JSONL file
     * @param flushed       whether everything was uploaded (or, without an address, written) in time
     * @param stats         the client's counts after close
     */
    record Run(Path bundleJson, Path telemetryFile, boolean flushed, ClientStats stats) {
    }

    private DesktopAppExample() {
    }

    /**
     * Runs the app once.
     *
     * @param args optional upload address ({@code none} for the file only) and app data dir
     * @throws IOException when the app data dir or the manifest cannot be written
     */
    public static void main(String[] args) throws IOException {
        String url = args.length > 0 ? args[0] : System.getenv("TELEMETRY_UPLOAD_URL");
        URI uploadTo = url == null || url.isBlank() || url.equals("none") ? null : URI.create(url);
        String dir = args.length > 1 ? args[1] : System.getenv("APP_DATA_DIR");
        Path appData = dir == null || dir.isBlank() ? Files.createTempDirectory("picker-wheel-") : Path.of(dir);
        Run run = run(uploadTo, appData, System.out);
        if (!run.flushed()) {
            System.exit(1);
        }
    }

    /** Installs the manifest into {@code appData} (with {@code uploadTo}, or none) and runs the app. */
    static Run run(URI uploadTo, Path appData, PrintStream out) {
        long started = System.nanoTime();
        Installed installed = installBundle(appData, uploadTo);
        TelemetryClient telemetry = TelemetryClient.fromBundle(installed.bundleJson(), appData).installCrashHandler();
        Path file = installed.telemetryFile();
        out.println("picker-wheel " + telemetry.appVersion() + ": telemetry in " + file + ", "
                + (uploadTo == null ? "not uploaded (no address)" : "uploaded to " + uploadTo));
        boolean flushed;
        try (telemetry) {
            telemetry.appStart(platform(), "desktop");
            long startupMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
            telemetry.ready(startupMs, List.of("api", "ui"));
            telemetry.record("wheel_spun", Map.of("segments", 8, "winner", "pizza"));
            telemetry.dependencyUnreachable("api", "postgres", "connection refused: 127.0.0.1:5432");
            telemetry.migrationFailed("42", "column \"color\" already exists");
            telemetry.shutdown("user_quit", Duration.ofNanos(System.nanoTime() - started).toMillis());
            flushed = telemetry.flush(FLUSH_TIMEOUT);
            out.println(flushed ? "flush: everything recorded is " + (uploadTo == null ? "in the file" : "on the server")
                    : "flush: not everything was uploaded within " + FLUSH_TIMEOUT.toSeconds()
                    + " s; the rest stays in the file for the next start");
            out.println(describe(telemetry.stats()));
        }
        return new Run(installed.bundleJson(), file, flushed, telemetry.stats());
    }

    /** Where the installer put the manifest, and the telemetry file it names. */
    record Installed(Path bundleJson, Path telemetryFile) {
    }

    /**
     * What an installer does: writes the shipped manifest into the app data dir, pointing
     * {@code telemetry.upload_to} at {@code uploadTo}, or removing it for a file-only install.
     */
    static Installed installBundle(Path appData, URI uploadTo) {
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = DesktopAppExample.class.getResourceAsStream(BUNDLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the example's manifest " + BUNDLE_RESOURCE + " is not on the class path");
            }
            ObjectNode bundle = (ObjectNode) json.readTree(in);
            ObjectNode telemetry = (ObjectNode) bundle.get("telemetry");
            if (uploadTo == null) {
                telemetry.remove("upload_to");
            } else {
                telemetry.put("upload_to", uploadTo.toString());
            }
            Files.createDirectories(appData);
            Path bundleJson = appData.resolve("bundle.json");
            Files.write(bundleJson, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(bundle));
            return new Installed(bundleJson, appData.resolve(telemetry.get("file").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the manifest into " + appData, e);
        }
    }

    /** One line of counts, in the order an operator reads them. */
    static String describe(ClientStats s) {
        StringBuilder dropped = new StringBuilder();
        for (DropReason r : DropReason.values()) {
            if (s.dropped(r) > 0) {
                dropped.append(dropped.length() == 0 ? " (" : ", ").append(r).append('=').append(s.dropped(r));
            }
        }
        if (dropped.length() > 0) {
            dropped.append(')');
        }
        return "stats: recorded=" + s.recorded() + " spooled=" + s.spooled() + " uploaded=" + s.uploaded()
                + " duplicates=" + s.duplicates() + " rejected=" + s.rejected() + " dropped=" + s.droppedTotal()
                + dropped + " pending=" + s.pending() + " failedUploads=" + s.failedUploads();
    }

    private static String platform() {
        String os = System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "unknown");
        String osName = os.startsWith("windows") ? "win" : os.startsWith("mac") ? "mac" : os.replace(' ', '-');
        String archName = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("aarch64") ? "arm64" : arch;
        return osName + "-" + archName;
    }
}
