package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tokens file and the environment variables: format, permissions, and messages without tokens. */
class TokenSourcesTest {

    private static final String UPLOADER = "up-0123456789abcdef";
    private static final String READER = "rd-0123456789abcdef";

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    @Test
    @DisplayName("a tokens file: upload lines with patterns, read lines, comments and blank lines")
    void fileFormat() throws Exception {
        Path file = privateFile(String.join("\n",
                "# telemetry tokens",
                "",
                "upload " + UPLOADER + "   picker-*, demo-?   # the desktop bundle",
                "upload up-everything-0123456789",
                "read   " + READER,
                "   # indented comment"));

        ApiTokens tokens = read(file);

        assertEquals("ApiTokens[2 upload, 1 read]", tokens.toString());
        TokenGrant up = tokens.authenticate("Bearer " + UPLOADER).orElseThrow();
        assertTrue(up.mayWrite("picker-wheel") && up.mayWrite("demo-1"));
        assertFalse(up.mayWrite("shared-auth"));
        assertTrue(tokens.authenticate("Bearer up-everything-0123456789").orElseThrow().mayWrite("shared-auth"));
        assertTrue(tokens.authenticate("Bearer " + READER).orElseThrow().read());
        assertEquals(List.of(), warnings);
    }

    @Test
    @DisplayName("a malformed line is refused with the file and line number, never the token")
    void malformedLines() throws Exception {
        for (String line : new String[] {"upload", "write " + UPLOADER, UPLOADER + " upload", "read " + READER + " picker-*",
                "upload short", "upload " + UPLOADER + " bad/pattern"}) {
            Path file = privateFile("# ok\n" + line + "\n");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(file), line);
            assertTrue(e.getMessage().startsWith("tokens file " + file + ", line 2: "), e.getMessage());
            assertFalse(e.getMessage().contains(UPLOADER) || e.getMessage().contains(READER), e.getMessage());
        }
    }

    @Test
    @DisplayName("a tokens file that other users may read is refused; one its group may read is a warning")
    void permissions() throws Exception {
        Path file = privateFile("read " + READER + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(file));
        assertEquals("tokens file " + file + " is readable by every user; make it private first (chmod 600 " + file
                + ")", e.getMessage());

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertEquals(1, read(file).size());
        assertEquals(List.of("tokens file " + file + " is readable by its group; chmod 600 keeps it private"),
                warnings);
    }

    @Test
    void missingFileIsAnIoError() {
        Path missing = dir.resolve("missing");
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> read(missing));
        assertTrue(e.getMessage().startsWith("cannot read tokens file " + missing), e.getMessage());
    }

    @Test
    @DisplayName("environment: upload tokens with optional :patterns, read tokens separated by spaces, commas or semicolons")
    void environment() {
        Map<String, String> env = Map.of(
                TokenSources.UPLOAD_VARIABLE, " " + UPLOADER + ":picker-*,demo-1 ; up-everything-0123456789 ",
                TokenSources.READ_VARIABLE, READER + ",rd-second-0123456789abc");
        ApiTokens.Builder b = ApiTokens.builder();

        TokenSources.readEnvironment(env::get, b);
        ApiTokens tokens = b.build();

        assertEquals("ApiTokens[2 upload, 2 read]", tokens.toString());
        TokenGrant up = tokens.authenticate("Bearer " + UPLOADER).orElseThrow();
        assertTrue(up.mayWrite("picker-x") && up.mayWrite("demo-1") && !up.mayWrite("demo-2"));
        assertTrue(tokens.authenticate("Bearer rd-second-0123456789abc").orElseThrow().read());
    }

    @Test
    void malformedEnvironmentEntryNamesTheVariableNotTheToken() {
        Map<String, String> env = Map.of(TokenSources.READ_VARIABLE, READER + " tooshort");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenSources.readEnvironment(env::get, ApiTokens.builder()));
        assertEquals("TELEMETRY_READ_TOKENS, entry 2: a token must have at least 16 characters, got 8", e.getMessage());
    }

    private ApiTokens read(Path file) {
        ApiTokens.Builder b = ApiTokens.builder();
        TokenSources.readFile(file, b, warnings::add);
        return b.build();
    }

    private Path privateFile(String content) throws Exception {
        Path file = Files.createTempFile(dir, "tokens", ".txt");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
