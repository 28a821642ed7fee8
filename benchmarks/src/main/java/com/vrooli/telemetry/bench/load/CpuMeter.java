package com.vrooli.telemetry.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy the machine and this process were over an interval: the machine's CPU from
 * {@code /proc/stat} (Linux; other helpers' builds show up here) and this JVM's own CPU time
 * (driver, server and GC together), both in cores. Not thread-safe; one interval at a time.
 */
final class CpuMeter {

    private static final Path PROC_STAT = Path.of("/proc/stat");

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long[] machineStart;
    private long processStart;
    private long wallStart;

    /** CPU used over an interval, in cores (2.0 = both cores of a 2-core machine busy). */
    record Usage(double processCores, double machineCores, int machineCpus) {
        String describe() {
            if (Double.isNaN(machineCores)) {
                return String.format("cpu: this JVM %.2f cores", processCores);
            }
            return String.format("cpu: this JVM %.2f, whole machine %.2f of %d cores", processCores, machineCores,
                    machineCpus);
        }
    }

    void start() {
        machineStart = readProcStat();
        processStart = os.getProcessCpuTime();
        wallStart = System.nanoTime();
    }

    Usage stop() {
        double wall = System.nanoTime() - wallStart;
        double process = (os.getProcessCpuTime() - processStart) / wall;
        long[] machineEnd = readProcStat();
        double machine = Double.NaN;
        if (machineStart != null && machineEnd != null) {
            long total = machineEnd[0] - machineStart[0];
            long idle = machineEnd[1] - machineStart[1];
            int cpus = Runtime.getRuntime().availableProcessors();
            machine = total == 0 ? 0 : (double) (total - idle) / total * cpus;
        }
        return new Usage(process, machine, Runtime.getRuntime().availableProcessors());
    }

    /** {total jiffies, idle + iowait jiffies} of all CPUs, or null when unreadable. */
    private static long[] readProcStat() {
        try {
            String first = Files.readAllLines(PROC_STAT).get(0);
            String[] f = first.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
