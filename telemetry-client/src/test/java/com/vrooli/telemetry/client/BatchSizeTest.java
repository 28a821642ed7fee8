package com.vrooli.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The upload batch size after 413s: halved, then doubled back after full batches go through. */
class BatchSizeTest {

    @Test
    void halvesOnTooLargeAndDoublesAfterEightFullBatchesUpToTheMaximum() {
        BatchSize size = new BatchSize(500);
        size.tooLarge(500);
        size.tooLarge(250);
        assertEquals(125, size.limit());
        for (int i = 0; i < BatchSize.SUCCESSES_BEFORE_GROWTH - 1; i++) {
            size.succeeded(125);
        }
        assertEquals(125, size.limit());
        size.succeeded(125);
        assertEquals(250, size.limit());
        for (int i = 0; i < 100; i++) {
            size.succeeded(size.limit());
        }
        assertEquals(500, size.limit());
    }

    @Test
    void shortBatchesSayNothingAboutTheLimitAndATooLargeAnswerStartsTheCountAgain() {
        BatchSize size = new BatchSize(8);
        size.tooLarge(8);
        for (int i = 0; i < 20; i++) {
            size.succeeded(1);
        }
        assertEquals(4, size.limit());
        for (int i = 0; i < BatchSize.SUCCESSES_BEFORE_GROWTH - 1; i++) {
            size.succeeded(4);
        }
        size.tooLarge(4);
        assertEquals(2, size.limit());
        size.succeeded(2);
        assertEquals(2, size.limit());
        size.tooLarge(1);
        assertEquals(1, size.limit(), "never below one event");
    }
}
