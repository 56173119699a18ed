package io.beizeng.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What one contender's run measured, as it prints it on its last line ({@code RESULT …}) for the parent to read.
 *
 * @param seconds wall time of the whole run, start-up (Flink's mini cluster, SQL planning) included
 * @param readSeconds from the first record read to the last result committed: what the events per second
 *     are over
 * @param cpuSeconds CPU time of the process, start-up included
 * @param cpuSecondsAtFirstRead CPU time of the process when it read its first record (its start-up), or NaN from a
 *     build that did not measure it
 */
record Measured(String contender, long records, double seconds, double readSeconds, double cpuSeconds,
        long peakRssMb, double cpuSecondsAtFirstRead) {
    static final String PREFIX = "RESULT ";

    String line() {
        return PREFIX + contender + " " + records + " " + seconds + " " + readSeconds + " " + cpuSeconds + " "
                + peakRssMb + " " + cpuSecondsAtFirstRead;
    }

    /** Reads {@link #line()}, also of an earlier build (a baseline), which printed no start-up CPU. */
    static Measured parse(String line) {
        String[] f = line.substring(PREFIX.length()).trim().split(" ");
        return new Measured(f[0], Long.parseLong(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                Double.parseDouble(f[4]), Long.parseLong(f[5]), f.length > 6 ? Double.parseDouble(f[6]) : Double.NaN);
    }

    /** CPU µs per event from the first record read on: the process's CPU less its start-up's, per record. */
    double cpuMicrosPerEvent() {
        return (cpuSeconds - cpuSecondsAtFirstRead) / records * 1e6;
    }

    /** CPU µs per event of the whole process, start-up included. */
    double cpuMicrosPerEventWithStartup() {
        return cpuSeconds / records * 1e6;
    }

    /** Events per second from the first record read to the last result committed. */
    double perSecond() {
        return records / readSeconds;
    }

    /** Events per second over the whole run, start-up included (the figure of the runs before 2026-12-02). */
    double wallPerSecond() {
        return records / seconds;
    }

    double cpuSecondsPerMillion() {
        return cpuSeconds / (records / 1e6);
    }

    /** CPU time of this whole process (all threads), in seconds. */
    static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** The peak resident set size of this process (VmHWM), in MiB; -1 where /proc is missing. */
    static long currentPeakRssMb() {
        return peakRssMb("self");
    }

    /** The peak resident set size of a running process ({@code /proc/PID/status}, VmHWM), in MiB, or -1. */
    static long peakRssMb(String pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }
}
