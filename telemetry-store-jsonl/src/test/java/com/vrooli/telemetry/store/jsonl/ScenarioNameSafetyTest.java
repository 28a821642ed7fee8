package com.vrooli.telemetry.store.jsonl;

import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.assertWholeValidLines;
import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import com.vrooli.telemetry.core.AppendResult;
import com.vrooli.telemetry.core.EventError;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.StoreUnavailableException;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.directory.ScenarioDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Only valid names reach a path, paths stay inside the directory, and names differing in case never share a file. */
class ScenarioNameSafetyTest {

    static Stream<Arguments> fileSystems() {
        return Stream.of(Arguments.of("unix", Configuration.unix()), Arguments.of("macOS", Configuration.osX()),
                Arguments.of("windows", Configuration.windows()));
    }

    private static Path dirOn(Configuration config) {
        return Jimfs.newFileSystem(config).getPath(config == Configuration.windows() ? "C:\\telemetry" : "/telemetry");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("fileSystems")
    @DisplayName("the first spelling owns a name; other spellings are refused one by one, saying which to use")
    void firstSpellingOwnsTheName(String name, Configuration config) throws IOException {
        Path dir = dirOn(config);
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            store.append(List.of(event("picker-wheel", "app_start", 0)));

            AppendResult r = store.append(List.of(event("Picker-Wheel", "crash", 1), event("picker-wheel", "ready", 2),
                    event("PICKER-WHEEL", "crash", 3), event("other", "ready", 4)));

            assertEquals(Map.of("picker-wheel", 1, "other", 1), r.storedByScenario());
            String reason = "scenario 'Picker-Wheel' differs only in letter case from the stored scenario"
                    + " 'picker-wheel'; names like these would share one file on some systems, so send it as"
                    + " 'picker-wheel' or choose another name";
            assertEquals(List.of(new EventError(0, reason), new EventError(2, reason.replace("Picker-Wheel",
                    "PICKER-WHEEL"))), r.rejected());
            assertEquals(List.of("app_start", "ready"), assertWholeValidLines(dir.resolve("picker-wheel.jsonl"),
                    "picker-wheel").stream().map(TelemetryEvent::event).toList());
            assertEquals(2, store.summary("picker-wheel").orElseThrow().totalEvents());
            assertTrue(store.summary("Picker-Wheel").isEmpty());
            assertTrue(store.query(EventQuery.builder("Picker-Wheel").build()).events().isEmpty());
            assertEquals(2, store.summaries().size());
        }
    }

    @Test
    @DisplayName("two first appends racing with spellings that differ in case: exactly one spelling is stored")
    void racingSpellings() throws Exception {
        Path dir = dirOn(Configuration.osX());
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            CountDownLatch go = new CountDownLatch(1);
            List<AppendResult> results = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (String spelling : List.of("App", "app", "APP", "aPp")) {
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    AppendResult r = store.append(List.of(event(spelling, "ready", 0)));
                    synchronized (results) {
                        results.add(r);
                    }
                });
                t.start();
                threads.add(t);
            }
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }

            assertEquals(1, results.stream().mapToInt(AppendResult::stored).sum());
            assertEquals(3, results.stream().mapToInt(r -> r.rejected().size()).sum());
            assertEquals(1, store.summaries().size());
            String owner = store.summaries().get(0).scenario();
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(owner + ".jsonl"), files.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".jsonl")).toList());
            }
            assertEquals(1, assertWholeValidLines(dir.resolve(owner + ".jsonl"), owner).size());
        }
    }

    @Test
    @DisplayName("on open, of two files differing in case the one with the earliest first event owns the name")
    void caseTwinsOnOpen() throws IOException {
        Path dir = dirOn(Configuration.unix());
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            store.append(List.of(event("app", "app_start", 0), event("app", "ready", 1)));
        }
        // An older store on a case-sensitive disk let a second spelling in, with later events.
        Files.writeString(dir.resolve("App.jsonl"), "{\"ts\":\"2025-01-15T12:00:30Z\",\"scenario\":\"App\","
                + "\"event\":\"crash\"}\n", StandardCharsets.UTF_8);

        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            assertEquals(List.of("App", "app"), store.summaries().stream().map(s -> s.scenario()).toList(),
                    "both stay readable");
            assertEquals(1, store.query(EventQuery.builder("App").build()).events().size());

            AppendResult r = store.append(List.of(event("App", "crash", 5), event("app", "ready", 6)));

            assertEquals(Map.of("app", 1), r.storedByScenario());
            assertEquals(1, r.rejected().size());
            assertTrue(r.rejected().get(0).error().contains("stored scenario 'app'"), r.rejected().get(0).error());
            assertEquals(1, assertWholeValidLines(dir.resolve("App.jsonl"), "App").size());
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"CON", "nul", "Aux", "PRN", "com1", "LPT9", "con.app", "NUL.x.y"})
    @DisplayName("Windows device names are refused on a Windows file system and are plain names elsewhere")
    void windowsDeviceNames(String scenario) throws IOException {
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dirOn(Configuration.windows())).open()) {
            AppendResult r = store.append(List.of(event(scenario, "ready", 0)));

            assertEquals(0, r.stored());
            assertEquals(List.of(new EventError(0, "scenario '" + scenario + "' is a device name on Windows and"
                    + " cannot name a file there; choose another name")), r.rejected());
        }
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dirOn(Configuration.unix())).open()) {
            assertEquals(1, store.append(List.of(event(scenario, "ready", 0))).stored());
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"console", "com", "com10", "lpt", "nul_", "auxiliary", "connect.app"})
    @DisplayName("names that merely start like a device name are ordinary names on Windows")
    void notDeviceNames(String scenario) throws IOException {
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dirOn(Configuration.windows())).open()) {
            assertEquals(1, store.append(List.of(event(scenario, "ready", 0))).stored());
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"../outside", "..", ".", "a/b", "a\\b", "/etc/passwd", "C:\\x", "app\u0000",
        "\u212Apicker", "p\u0131cker", "\u0130", "\uFF41pp", "caf\u00E9", "app\u200B", " app", "app ",
        "\uD83D\uDE00", ".hidden", "-dash", ""})
    @DisplayName("hostile and Unicode names never become a path: lookups answer nothing and touch no file")
    void hostileNames(String scenario) throws IOException {
        Path dir = dirOn(Configuration.unix());
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            store.append(List.of(event("app", "ready", 0)));

            assertTrue(store.summary(scenario).isEmpty());
            assertThrows(IllegalArgumentException.class, () -> ScenarioDirectory.fileOf(dir, scenario));
            try (JsonlTelemetryStore reader = JsonlTelemetryStore.builder(dir).readOnly(true).open()) {
                assertTrue(reader.summary(scenario).isEmpty());
            }
            try (Stream<Path> all = Files.walk(dir.getRoot())) {
                assertEquals(List.of("/", "/telemetry", "/telemetry/.telemetry.lock", "/telemetry/app.jsonl"),
                        all.map(Path::toString).filter(p -> !p.equals("/work") && !p.startsWith("/telemetry/.journal"))
                                .sorted().toList(),
                        "nothing but the store's own files (\"/work\" is jimfs's working directory)");
            }
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"../x.jsonl", "a/b.jsonl", "..", ".", "/abs.jsonl", "x/../y.jsonl"})
    @DisplayName("a name that does not resolve to a direct child of the directory is refused")
    void insideTheDirectoryOnly(String name) {
        Path dir = dirOn(Configuration.unix());
        assertThrows(IllegalArgumentException.class, () -> ScenarioDirectory.inside(dir, name));
        assertEquals(dir.resolve("ok.jsonl.2.gz"), ScenarioDirectory.inside(dir, "ok.jsonl.2.gz"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {".", "", "telemetry", "./telemetry", "a/../telemetry"})
    @DisplayName("a store on a relative directory works, and its paths stay inside it")
    void relativeDirectory(String relative) throws IOException {
        Path dir = Jimfs.newFileSystem(Configuration.unix()).getPath(relative);
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            store.append(List.of(event("app", "ready", 0)));
            assertEquals(1, store.query(EventQuery.builder("app").build()).events().size());
            assertThrows(IllegalArgumentException.class, () -> ScenarioDirectory.inside(dir, "../app.jsonl"));
        }
        assertEquals(1, assertWholeValidLines(dir.toAbsolutePath().normalize().resolve("app.jsonl"), "app").size());
    }

    @Test
    @DisplayName("a scenario file that is a symbolic link out of the directory is never read or written")
    void symbolicLinkOut() throws IOException {
        Path dir = dirOn(Configuration.unix());
        Path outside = dir.getFileSystem().getPath("/secret.jsonl");
        String secret = "{\"ts\":\"2025-01-15T12:00:00Z\",\"scenario\":\"evil\",\"event\":\"crash\"}\n";
        Files.writeString(outside, secret, StandardCharsets.UTF_8);
        Files.createDirectories(dir);
        Files.createSymbolicLink(dir.resolve("evil.jsonl"), outside);

        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            assertTrue(store.summary("evil").isEmpty());
            assertTrue(store.query(EventQuery.builder("evil").build()).events().isEmpty());

            AppendResult r = store.append(List.of(event("evil", "ready", 1), event("fine", "ready", 2)));

            assertEquals(Map.of("fine", 1), r.storedByScenario());
            assertEquals(List.of(new EventError(0, "scenario 'evil' cannot be stored: its path in the telemetry"
                    + " directory is not a regular file")), r.rejected());
            assertTrue(store.health().writable(), "one refused name is not a store failure");
            try (JsonlTelemetryStore reader = JsonlTelemetryStore.builder(dir).readOnly(true).open()) {
                assertTrue(reader.summary("evil").isEmpty());
                assertTrue(reader.query(EventQuery.builder("evil").build()).events().isEmpty());
            }
        }
        assertEquals(secret, Files.readString(outside, StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("a symbolic link put in place of a scenario's file while the store was down is not written through")
    void symbolicLinkSwappedIn() throws IOException {
        Path dir = dirOn(Configuration.unix());
        Path outside = dir.getFileSystem().getPath("/target.jsonl");
        Files.writeString(outside, "", StandardCharsets.UTF_8);
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            store.append(List.of(event("app", "ready", 0)));
        }
        Files.delete(dir.resolve("app.jsonl"));
        Files.createSymbolicLink(dir.resolve("app.jsonl"), outside);

        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            AppendResult r = store.append(List.of(event("app", "ready", 1)));
            assertEquals(0, r.stored());
            assertEquals(1, r.rejected().size());
        }
        assertEquals(0, Files.size(outside));
        assertFalse(Files.isRegularFile(dir.resolve("app.jsonl"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    @DisplayName("a file system that is read-only for Java (ReadOnlyFileSystemException) is a 503-style failure")
    void readOnlyFileSystem() throws IOException {
        Path dir = dirOn(Configuration.unix());
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).channelOpener(file -> {
            throw new java.nio.file.ReadOnlyFileSystemException();
        }).open()) {
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                    () -> store.append(List.of(event("app", "ready", 0))));
            assertEquals("cannot append to scenario 'app': read-only file system", e.getMessage());
            assertFalse(store.health().writable());
        }
    }
}
