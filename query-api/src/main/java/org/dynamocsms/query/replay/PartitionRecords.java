package org.dynamocsms.query.replay;

import java.util.Arrays;

/**
 * The records of one partition read so far, as runs of consecutive offsets: a run ends where offsets are skipped
 * (a transaction marker, an aborted record), so the records below any offset are counted exactly in little memory
 * (one run per transaction, not one entry per record).
 */
final class PartitionRecords {

    private long[] starts = new long[8];
    /** The records before each run. */
    private long[] before = new long[8];
    private int runs;
    private long records;
    private long next = -1;
    /** The consumer's position: every offset below it has been read (or skipped). */
    private long readTo;

    /** Counts the record at {@code offset}; records come in offset order. */
    synchronized void add(long offset) {
        if (offset < next) {
            throw new IllegalArgumentException("record at " + offset + " after one at " + (next - 1));
        }
        if (offset != next) {
            if (runs == starts.length) {
                starts = Arrays.copyOf(starts, runs * 2);
                before = Arrays.copyOf(before, runs * 2);
            }
            starts[runs] = offset;
            before[runs] = records;
            runs++;
        }
        records++;
        next = offset + 1;
    }

    /** The records read with an offset below {@code offset}. */
    synchronized long below(long offset) {
        int run = Arrays.binarySearch(starts, 0, runs, offset);
        // the last run starting below offset
        int last = run >= 0 ? run - 1 : -run - 2;
        if (last < 0) {
            return 0;
        }
        long length = (last + 1 < runs ? before[last + 1] : records) - before[last];
        return before[last] + Math.min(length, offset - starts[last]);
    }

    synchronized void readTo(long position) {
        readTo = Math.max(readTo, position);
    }

    /** Whether the offsets in [{@code from}, {@code to}) have been read and hold no record. */
    synchronized boolean noRecordsBetween(long from, long to) {
        return from >= to || (readTo >= to && below(to) == below(from));
    }

    synchronized long records() {
        return records;
    }
}
