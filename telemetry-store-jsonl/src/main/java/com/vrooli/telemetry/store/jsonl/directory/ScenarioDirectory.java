package com.vrooli.telemetry.store.jsonl.directory;

import com.vrooli.telemetry.core.EventRules;
import com.vrooli.telemetry.store.jsonl.retention.SegmentName;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The layout of a telemetry directory: {@code {dir}/{scenario}.jsonl} per scenario (its live
 * file), beside its sealed segments (see {@link SegmentName}). Files whose name minus
 * {@code .jsonl} is not a valid scenario name, and anything that is not a regular file
 * (directories, symbolic links), are not scenario files and are ignored. Stateless.
 */
public final class ScenarioDirectory {

    public static final String SUFFIX = ".jsonl";

    private ScenarioDirectory() {
    }

    /**
     * The file of a scenario. Only a valid name becomes a path, and the path is checked to name a
     * file directly inside {@code dir}, whatever the file system's own rules of resolution.
     *
     * @throws IllegalArgumentException when {@code scenario} is not a valid scenario name
     */
    public static Path fileOf(Path dir, String scenario) {
        if (!EventRules.isValidScenario(scenario)) {
            throw new IllegalArgumentException("not a valid scenario name");
        }
        return inside(dir, scenario + SUFFIX);
    }

    /**
     * {@code dir.resolve(name)}, checked to be a direct child of {@code dir} named exactly
     * {@code name}.
     *
     * @throws IllegalArgumentException when it is not
     */
    public static Path inside(Path dir, String name) {
        Path file = dir.resolve(name);
        Path parent = file.toAbsolutePath().normalize().getParent();
        Path fileName = file.getFileName();
        if (parent == null || !parent.equals(dir.toAbsolutePath().normalize()) || fileName == null
                || !fileName.toString().equals(name)) {
            throw new IllegalArgumentException("'" + name + "' does not name a file inside the telemetry directory");
        }
        return file;
    }

    /** The scenario of a path when it is a scenario file, else null. */
    static String scenarioOf(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return null;
        }
        String text = name.toString();
        if (!text.endsWith(SUFFIX)) {
            return null;
        }
        String scenario = text.substring(0, text.length() - SUFFIX.length());
        return EventRules.isValidScenario(scenario) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                ? scenario : null;
    }
}
