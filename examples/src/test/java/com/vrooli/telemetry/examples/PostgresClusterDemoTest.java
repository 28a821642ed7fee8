package com.vrooli.telemetry.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The demo scripts/pg-cluster runs: two nodes on one embedded PostgreSQL. */
class PostgresClusterDemoTest {

    @Test
    @DisplayName("the same events through both nodes are stored once and both answer the same summaries")
    void twoNodes() throws Exception {
        try (PostgresClusterDemo demo = PostgresClusterDemo.start(0, 0)) {
            List<String> summaries = demo.exercise();

            assertEquals(2, summaries.size());
            assertEquals(summaries.get(0), summaries.get(1));
            assertTrue(summaries.get(0).contains("\"total_events\":2"), summaries.get(0));
        }
    }
}
