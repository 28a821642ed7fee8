package com.vrooli.telemetry.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The curl examples of the root README, read from README.md itself: every {@code ```bash} block
 * that runs {@code curl}, split into commands, each with the answer lines shown under it
 * ({@code # ...}). A command piped to {@code jq} with no answer lines is answered by the next
 * {@code ```json} block of its section.
 */
final class ReadmeExamples {

    /** One shell command of a block and what the README says it answers. */
    record Command(String heading, int line, String shell, List<String> answers, String jsonBlock) {

        @Override
        public String toString() {
            return "README.md line " + line + " (" + heading + "): " + shell.lines().findFirst().orElse("");
        }
    }

    private ReadmeExamples() {
    }

    /** README.md of the repository: found from the working directory up. */
    static Path readme() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("README.md");
            if (Files.exists(candidate) && Files.exists(dir.resolve("telemetry-core"))) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no README.md above " + Path.of("").toAbsolutePath());
    }

    static List<Command> read(Path readme) {
        List<String> lines;
        try {
            lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Command> out = new ArrayList<>();
        String heading = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#") && !line.startsWith("#!")) {
                heading = line;
            } else if (line.equals("```bash")) {
                int end = closing(lines, i);
                List<String> block = lines.subList(i + 1, end);
                if (block.stream().anyMatch(l -> l.contains("curl "))) {
                    commands(heading, i + 2, block, nextJsonBlock(lines, end), out);
                }
                i = end;
            }
        }
        return out;
    }

    private static int closing(List<String> lines, int open) {
        for (int j = open + 1; j < lines.size(); j++) {
            if (lines.get(j).equals("```")) {
                return j;
            }
        }
        throw new IllegalStateException("README.md: the block at line " + (open + 1) + " is not closed");
    }

    /** The text of the {@code ```json} block after {@code from}, before the next bash block or heading. */
    private static String nextJsonBlock(List<String> lines, int from) {
        for (int j = from + 1; j < lines.size(); j++) {
            String l = lines.get(j);
            if (l.startsWith("#") || l.equals("```bash")) {
                return null;
            }
            if (l.equals("```json")) {
                return String.join("\n", lines.subList(j + 1, closing(lines, j)));
            }
        }
        return null;
    }

    /**
     * Splits a block into commands: a command runs until a line that does not continue it (a
     * trailing backslash, an open quote, or a next line starting with {@code |} continue it); the
     * {@code #} lines right after it are its answers.
     */
    private static void commands(String heading, int firstLine, List<String> block, String jsonBlock,
                                 List<Command> out) {
        int i = 0;
        while (i < block.size()) {
            String line = block.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                i++;
                continue;
            }
            int start = i;
            StringBuilder shell = new StringBuilder(line);
            while (continues(shell, block, i)) {
                i++;
                shell.append('\n').append(block.get(i));
            }
            i++;
            List<String> answers = new ArrayList<>();
            while (i < block.size() && block.get(i).startsWith("#")) {
                answers.add(block.get(i).startsWith("# ") ? block.get(i).substring(2) : block.get(i).substring(1));
                i++;
            }
            out.add(new Command(heading, firstLine + start, shell.toString(), answers,
                    answers.isEmpty() ? jsonBlock : null));
        }
    }

    private static boolean continues(CharSequence shell, List<String> block, int i) {
        if (i + 1 >= block.size()) {
            return false;
        }
        String last = block.get(i);
        return last.endsWith("\\") || ShellWords.openQuote(shell) || block.get(i + 1).stripLeading().startsWith("|");
    }
}
