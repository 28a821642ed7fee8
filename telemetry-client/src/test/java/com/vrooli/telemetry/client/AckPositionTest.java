package com.vrooli.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AckPositionTest {

    private final FileSystem fs = SpoolFiles.jimfs();
    private final SpoolPaths paths = SpoolPaths.of(fs.getPath("/data/spool.jsonl"));

    @AfterEach
    void closeFs() throws IOException {
        fs.close();
    }

    @Test
    void aStoredPositionReadsBackTheSameAndLeavesNoTemporaryFile() throws IOException {
        paths.createDirectories();
        AckPosition p = new AckPosition(1234, 99, 87, 0xCAFEBABEL, "(dev=1,ino=2)");

        p.store(paths.position(), paths.positionTemp(), true);

        assertEquals(p, AckPosition.load(paths.position()));
        assertFalse(Files.exists(paths.positionTemp()));
    }

    @Test
    void storingAgainReplacesThePosition() throws IOException {
        paths.createDirectories();
        new AckPosition(10, 0, 5, 1, null).store(paths.position(), paths.positionTemp(), false);
        new AckPosition(20, 0, 6, 2, null).store(paths.position(), paths.positionTemp(), false);

        assertEquals(new AckPosition(20, 0, 6, 2, null), AckPosition.load(paths.position()));
    }

    @Test
    void aMissingPositionFileMeansNothingWasAcknowledged() {
        assertEquals(AckPosition.START, AckPosition.load(paths.position()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "version=2\noffset=1\n", "version=1\noffset=x\n",
        "version=1\noffset=-5\nremoved=0\nanchor_length=0\nanchor_crc32c=0\n", "version=1\noffset=5\n"})
    void anUnreadablePositionFileMeansSendingTheFileAgain(String content) throws IOException {
        paths.createDirectories();
        Files.write(paths.position(), content.getBytes(StandardCharsets.UTF_8));

        assertEquals(AckPosition.START, AckPosition.load(paths.position()));
    }

    @Test
    void restartingKeepsTheRemovedCountButForgetsTheAnchor() {
        assertEquals(new AckPosition(0, 7, 0, 0, null), new AckPosition(100, 7, 10, 3, "k").restart());
    }
}
