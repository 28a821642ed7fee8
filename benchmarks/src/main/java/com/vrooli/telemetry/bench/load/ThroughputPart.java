package com.vrooli.telemetry.bench.load;

import com.vrooli.telemetry.store.jsonl.FsyncPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Part (a): closed-loop maximum throughput of ours against the naive ceiling, same bodies, same
 * client, same connections. Both servers run side by side; each is warmed up (see {@link WarmUp}),
 * then measured rounds alternate between them, the first of each round
 * switching, so that a burst of load from elsewhere on the machine hits both. The medians give
 * the ratio.
 */
final class ThroughputPart {

    /**
     * The median rounds by events/s, and the median CPU per event of each server's rounds (which
     * holds better than events/s when other processes take the cores).
     */
    record Outcome(RunResult ours, RunResult naive, double oursCpuMicros, double naiveCpuMicros) {
        double ratio() {
            return ours.eventsPerSecond() / naive.eventsPerSecond();
        }

        /** How many times less CPU per event ours used than the naive server (above 1: ours is leaner). */
        double cpuRatio() {
            return naiveCpuMicros / oursCpuMicros;
        }
    }

    private ThroughputPart() {
    }

    /**
     * Our server alone, warmed up and measured as in {@link #run}: for a profile (JFR) that holds
     * no frames of the naive server. Returns the median round.
     */
    static RunResult runOursOnly(LoadOptions o, FsyncPolicy fsync) throws Exception {
        Path oursDir = TempDirs.create(o.baseDir, "load-ours-");
        try (StoreServer ours = StoreServer.jsonl(oursDir, fsync, o.dedupWindow)) {
            UploadWorkload oursLoad = new UploadWorkload(o.connections, o.batch, o.format, ours.address(),
                    o.scenarioPerConnection);
            System.out.printf("warm-up: %.0f s%n", o.warmup);
            List<RunResult> oursWarmup = WarmUp.run(ours, oursLoad, o.warmup);
            List<RunResult> oursRuns = new ArrayList<>();
            for (int r = 1; r <= o.rounds; r++) {
                RunResult u = ClosedLoop.run(ours, oursLoad, o.seconds, o.batches);
                report("  round " + r, u);
                oursRuns.add(u);
            }
            checkStored(ours, oursWarmup, oursRuns);
            RunResult median = median(oursRuns);
            System.out.printf("ours alone: median %,.0f events/s, %.2f us cpu/event (median of the rounds)%n",
                    median.eventsPerSecond(), medianCpu(oursRuns));
            return median;
        } finally {
            TempDirs.delete(oursDir);
        }
    }

    static Outcome run(LoadOptions o, FsyncPolicy fsync) throws Exception {
        Path oursDir = TempDirs.create(o.baseDir, "load-ours-");
        Path naiveDir = TempDirs.create(o.baseDir, "load-naive-");
        try (StoreServer ours = StoreServer.jsonl(oursDir, fsync, o.dedupWindow);
             NaiveIngestServer naive = NaiveIngestServer.start(naiveDir.resolve("events.jsonl"),
                     fsync != FsyncPolicy.NEVER)) {
            UploadWorkload oursLoad = new UploadWorkload(o.connections, o.batch, o.format, ours.address(),
                    o.scenarioPerConnection);
            UploadWorkload naiveLoad = new UploadWorkload(o.connections, o.batch, o.format, naive.address(),
                    o.scenarioPerConnection);
            System.out.printf("warm-up: %.0f s per server%n", o.warmup);
            WarmUp.run(naive, naiveLoad, o.warmup);
            List<RunResult> oursWarmup = WarmUp.run(ours, oursLoad, o.warmup);
            List<RunResult> oursRuns = new ArrayList<>();
            List<RunResult> naiveRuns = new ArrayList<>();
            for (int r = 1; r <= o.rounds; r++) {
                // Alternate which server goes first, so neither always follows the other's garbage.
                boolean naiveFirst = r % 2 == 1;
                for (int turn = 0; turn < 2; turn++) {
                    if ((turn == 0) == naiveFirst) {
                        RunResult n = ClosedLoop.run(naive, naiveLoad, o.seconds, o.batches);
                        report("  round " + r, n);
                        naiveRuns.add(n);
                    } else {
                        RunResult u = ClosedLoop.run(ours, oursLoad, o.seconds, o.batches);
                        report("  round " + r, u);
                        oursRuns.add(u);
                    }
                }
            }
            checkStored(ours, oursWarmup, oursRuns);
            return new Outcome(median(oursRuns), median(naiveRuns), medianCpu(oursRuns), medianCpu(naiveRuns));
        } finally {
            TempDirs.delete(oursDir);
            TempDirs.delete(naiveDir);
        }
    }

    static void report(String label, RunResult r) {
        System.out.println(label + "  " + r.line());
    }

    /** Every event sent must be stored (warm-up included), or the figures would flatter a lossy server. */
    static void checkStored(ServerUnderTest server, List<RunResult> warmup, List<RunResult> runs) {
        long sent = warmup.stream().mapToLong(RunResult::events).sum()
                + runs.stream().mapToLong(RunResult::events).sum();
        long errors = warmup.stream().mapToLong(RunResult::errors).sum()
                + runs.stream().mapToLong(RunResult::errors).sum();
        long stored = server.storedEvents();
        System.out.printf("check: %s accepted %,d events and holds %,d; %d failed requests%s%n", server.name(), sent,
                stored, errors, stored == sent && errors == 0 ? " (ok)" : "  <-- MISMATCH");
    }

    private static double medianCpu(List<RunResult> runs) {
        double[] cpu = runs.stream().mapToDouble(RunResult::cpuMicrosPerEvent).sorted().toArray();
        return cpu[cpu.length / 2];
    }

    static RunResult median(List<RunResult> runs) {
        List<RunResult> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(RunResult::eventsPerSecond));
        return sorted.get(sorted.size() / 2);
    }
}
