package org.dynamocsms.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time and memory at one moment, read from /proc: utime + stime in clock ticks, RSS and PSS in KiB.
 * PSS counts each page once: ZGC maps its heap three times, which RSS counts three times.
 */
record ProcessSample(long nanos, long cpuTicks, long rssKib, long pssKib) {

    private static final long CLOCK_TICKS_PER_SECOND = 100;

    /** Process {@code pid} now. */
    static ProcessSample of(long pid) throws IOException {
        long nanos = System.nanoTime();
        Path proc = Path.of("/proc", Long.toString(pid));
        String stat = Files.readString(proc.resolve("stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
        return new ProcessSample(nanos, ticks, kib(proc.resolve("status"), "VmRSS:"),
                kib(proc.resolve("smaps_rollup"), "Pss:"));
    }

    /** The CPU time used between {@code earlier} and this sample, in milliseconds. */
    double cpuMillisSince(ProcessSample earlier) {
        return (cpuTicks - earlier.cpuTicks) * 1000.0 / CLOCK_TICKS_PER_SECOND;
    }

    /** The CPU used between {@code earlier} and this sample, in % of one core. */
    double cpuPercentSince(ProcessSample earlier) {
        return cpuMillisSince(earlier) / ((nanos - earlier.nanos) / 1e6) * 100;
    }

    long rssMib() {
        return rssKib / 1024;
    }

    long pssMib() {
        return pssKib / 1024;
    }

    /** The KiB figure of the line starting with {@code field} in a /proc file, 0 if there is none. */
    private static long kib(Path file, String field) throws IOException {
        return Files.readAllLines(file).stream().filter(line -> line.startsWith(field))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(0);
    }
}
