package org.dynamocsms.bench;

import java.util.Arrays;

/** Every latency sample of one kind of request (thread-safe); percentiles by nearest rank, no binning. */
final class Latencies {

    private long[] nanos = new long[1024];
    private int count;

    synchronized void record(long sampleNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = sampleNanos;
    }

    synchronized int count() {
        return count;
    }

    /** The {@code p}-th percentile (0 < p <= 100) in milliseconds, NaN without samples. */
    synchronized double percentileMillis(double p) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return percentile(sorted, p) / 1e6;
    }

    /** Nearest rank: the smallest sample such that at least p% of all samples are less than or equal to it. */
    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
    }
}
