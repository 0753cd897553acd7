package org.dynamocsms.query.replay;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * What this instance remembers of a replay between ticks: the records of the rebuilt generation's output topics,
 * the end offsets sampled at the previous tick and whether the application was at the head then, and recent
 * progress for the rate.
 */
final class ReplayTracking implements AutoCloseable {

    private static final long WINDOW_NANOS = 10_000_000_000L;
    private static final long MIN_SPAN_NANOS = 1_000_000_000L;

    private final SourceRecords outputs;
    private final Deque<long[]> samples = new ArrayDeque<>();
    private Map<TopicPartition, Long> previousEnds;
    private boolean appWasAtHead;

    ReplayTracking(SourceRecords outputs) {
        this.outputs = outputs;
    }

    SourceRecords outputs() {
        return outputs;
    }

    /** The end offsets sampled at the previous tick; null at the first. */
    Map<TopicPartition, Long> previousEnds() {
        return previousEnds;
    }

    /** Whether the Streams application was at the head at the previous tick. */
    boolean appWasAtHead() {
        return appWasAtHead;
    }

    /** Remembers this tick's end offsets, and whether the application was at the head. */
    void ends(Map<TopicPartition, Long> ends, boolean appAtHead) {
        previousEnds = ends;
        appWasAtHead = appAtHead;
    }

    /** Records {@code eventsRead} at {@code nanoTime}; the events per second over the last ~10 s, null if unknown. */
    Double rate(long nanoTime, long eventsRead) {
        samples.addLast(new long[] {nanoTime, eventsRead});
        while (samples.size() > 2 && nanoTime - samples.peekFirst()[0] > WINDOW_NANOS) {
            samples.removeFirst();
        }
        long[] oldest = samples.peekFirst();
        long span = nanoTime - oldest[0];
        return span < MIN_SPAN_NANOS ? null : (eventsRead - oldest[1]) * 1e9 / span;
    }

    @Override
    public void close() {
        outputs.close();
    }
}
