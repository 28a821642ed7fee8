package com.vrooli.telemetry.bench.load;

import java.util.List;

/**
 * Warms a server up before it is measured. On two cores a saturating load leaves the JIT compiler
 * thread a small share of the CPU, and the code keeps getting faster for a minute or more (seen as
 * the CPU per event falling round after round). So the first two thirds of the warm-up come from
 * 2 connections, which leaves the compiler a core, and the last third from the measured
 * connections, which brings the server to its steady state under that load.
 */
final class WarmUp {

    private static final int GENTLE_CONNECTIONS = 2;

    private WarmUp() {
    }

    /** Runs the warm-up and prints a line per phase; returns both phases' results. */
    static List<RunResult> run(ServerUnderTest server, UploadWorkload load, double seconds) throws Exception {
        RunResult gentle = ClosedLoop.run(server, load.first(GENTLE_CONNECTIONS), seconds * 2 / 3, 0);
        ThroughputPart.report("  warm-up", gentle);
        RunResult full = ClosedLoop.run(server, load, seconds / 3, 0);
        ThroughputPart.report("  warm-up", full);
        return List.of(gentle, full);
    }
}
