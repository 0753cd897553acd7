package org.dynamocsms.projection.history;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

import org.dynamocsms.schemas.analytics.TimelinePoint;
import org.dynamocsms.schemas.analytics.TimelinePointKind;
import org.dynamocsms.schemas.serde.AvroSerde;

/** One charger's facts held in memory, in timeline order, counting the bytes a store would be written. */
final class MemoryFacts implements TimelineFacts {

    private static final AvroSerde<TimelinePoint> SERDE = AvroSerde.of(TimelinePoint.class);

    private final NavigableSet<TimelinePoint> facts = new TreeSet<>(TimelinePoints.ORDER);
    private long bytesWritten;
    private long factsRead;
    private long scans;

    @Override
    public List<TimelinePoint> between(Instant after, Instant upTo) {
        NavigableSet<TimelinePoint> from = after == null ? facts : facts.tailSet(first(after.plusMillis(1)), true);
        List<TimelinePoint> read = new ArrayList<>(upTo == null ? from : from.headSet(first(upTo.plusMillis(1)), false));
        factsRead += read.size();
        scans++;
        return read;
    }

    @Override
    public List<TimelinePoint> betweenAndNext(Instant after, Instant upTo) {
        List<TimelinePoint> read = new ArrayList<>();
        for (TimelinePoint fact : after == null ? facts : facts.tailSet(first(after.plusMillis(1)), true)) {
            read.add(fact);
            if (TimelineFacts.isNext(fact, upTo)) {
                break;
            }
        }
        factsRead += read.size();
        scans++;
        return read;
    }

    @Override
    public void put(TimelinePoint point) {
        facts.add(point);
        bytesWritten += key(point) + SERDE.serialize("facts", point).length;
    }

    @Override
    public void removeUpTo(Instant at) {
        NavigableSet<TimelinePoint> gone = facts.headSet(first(at.plusMillis(1)), false);
        gone.forEach(point -> bytesWritten += key(point));
        gone.clear();
        scans++;
    }

    int size() {
        return facts.size();
    }

    /** Bytes of keys and values put, and of keys deleted. */
    long bytesWritten() {
        return bytesWritten;
    }

    /** Facts returned by {@link #between} and {@link #betweenAndNext}. */
    long factsRead() {
        return factsRead;
    }

    /** Ranges read (each a store iterator in {@link StoredFacts}). */
    long scans() {
        return scans;
    }

    void resetCounts() {
        bytesWritten = 0;
        factsRead = 0;
        scans = 0;
    }

    /** Sorts before every fact at {@code at}. */
    private static TimelinePoint first(Instant at) {
        return TimelinePoint.newBuilder().setAt(at).setKind(TimelinePointKind.registered).setEventId("").build();
    }

    private static long key(TimelinePoint point) {
        return StoredFacts.key(Facts.CP, point).getBytes(StandardCharsets.UTF_8).length;
    }
}
