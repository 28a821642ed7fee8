package com.vrooli.telemetry.store.jsonl.append;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The word-at-a-time newline search agrees with a plain loop on every position and range. */
class NewlinesTest {

    @Test
    @DisplayName("first and last newline of random ranges, including bytes that look like a newline in a word")
    void agreesWithAPlainLoop() {
        SplittableRandom random = new SplittableRandom(5);
        byte[] tricky = {'\n', 0x0B, 0x09, (byte) 0x8A, 0x0A ^ 0x7F, (byte) 0xFF, 0, 'a', 0x01};
        for (int round = 0; round < 2000; round++) {
            byte[] b = new byte[random.nextInt(1, 80)];
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextInt(6) == 0 ? tricky[random.nextInt(tricky.length)] : (byte) random.nextInt(256);
            }
            int from = random.nextInt(b.length);
            int to = random.nextInt(from, b.length + 1);
            assertEquals(plainIndexOf(b, from, to), Newlines.indexOf(b, from, to));
            assertEquals(plainLastIndexOf(b, from, to), Newlines.lastIndexOf(b, from, to));
        }
    }

    private static int plainIndexOf(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int plainLastIndexOf(byte[] b, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
