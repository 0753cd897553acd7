package org.dynamocsms.query.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * A charger's up, online and charging time from its first_at, read off the intervals: {@code cum(t)} is the
 * interval holding t's total before it plus the part of it up to t. Built from any of the charger's intervals; a
 * total at t is right as long as the interval holding t is among them. Time after {@code now} (an open interval,
 * a charger clock ahead) and before first_at counts nothing.
 */
public final class CumulativeTimeline {

    private final NavigableMap<Instant, StatusInterval> byStart = new TreeMap<>();
    private final Instant firstAt;
    private final Instant now;

    private CumulativeTimeline(Collection<StatusInterval> intervals, Instant now) {
        Instant first = null;
        for (StatusInterval interval : intervals) {
            byStart.put(interval.startAt(), interval);
            first = first == null ? interval.firstAt() : Span.earlier(first, interval.firstAt());
        }
        this.firstAt = first;
        this.now = now;
    }

    public static CumulativeTimeline of(Collection<StatusInterval> intervals, Instant now) {
        return new CumulativeTimeline(intervals, now);
    }

    /** When the charger's history starts; null without intervals (nothing to count). */
    public Instant firstAt() {
        return firstAt;
    }

    public long upMillis(Span span) {
        return total(span, StatusInterval::upBeforeMs, StatusInterval::up);
    }

    public long onlineMillis(Span span) {
        return total(span, StatusInterval::onlineBeforeMs, StatusInterval::connected);
    }

    public long chargingMillis(Span span) {
        return total(span, StatusInterval::chargingBeforeMs, StatusInterval::charging);
    }

    /**
     * The charger's first return to up after {@code after} and before {@code before}: the start of the first up
     * interval that follows a time at or after {@code after} when it was not up (before its history it was not);
     * null if none. Right as long as every interval holding a time in [after, before) is among them.
     */
    public Instant upAgain(Instant after, Instant before) {
        Map.Entry<Instant, StatusInterval> holding = byStart.floorEntry(after);
        boolean down = holding == null || !holding.getValue().up();
        for (StatusInterval interval : byStart.subMap(after, false, before, false).values()) {
            if (!interval.up()) {
                down = true;
            } else if (down) {
                return interval.startAt();
            }
        }
        return null;
    }

    /** The total over the span: cum(end) - cum(start); 0 when empty. */
    private long total(Span span, ToLongFunction<StatusInterval> before, Predicate<StatusInterval> counts) {
        if (span.isEmpty()) {
            return 0;
        }
        return cumulative(span.end(), before, counts) - cumulative(span.start(), before, counts);
    }

    private long cumulative(Instant at, ToLongFunction<StatusInterval> before, Predicate<StatusInterval> counts) {
        Instant t = Span.earlier(at, now);
        if (firstAt == null || !t.isAfter(firstAt)) {
            return 0;
        }
        Map.Entry<Instant, StatusInterval> holding = byStart.floorEntry(t);
        if (holding == null) {
            return 0;
        }
        StatusInterval interval = holding.getValue();
        if (!counts.test(interval)) {
            return before.applyAsLong(interval);
        }
        // a gap after a closed interval (a row not ingested yet) counts nothing
        Instant until = interval.endAt() == null ? t : Span.earlier(t, interval.endAt());
        return before.applyAsLong(interval) + Duration.between(interval.startAt(), until).toMillis();
    }
}
