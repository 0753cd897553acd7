package org.dynamocsms.projection.history;

import java.time.Instant;
import java.util.List;

import org.dynamocsms.schemas.analytics.TimelinePoint;
import org.dynamocsms.schemas.analytics.TimelinePointKind;

/** One charger's stored timeline facts, in {@link TimelinePoints#ORDER}. */
interface TimelineFacts {

    /** The facts after {@code after} (null: from the first) up to and including {@code upTo} (null: to the last). */
    List<TimelinePoint> between(Instant after, Instant upTo);

    /**
     * The facts {@link #between} {@code after} and {@code upTo}, then the later ones up to and including the first
     * that is not a registration (if any): in one read, so the reader knows when it must read again.
     */
    List<TimelinePoint> betweenAndNext(Instant after, Instant upTo);

    /** Whether {@code fact} is the last of a {@link #betweenAndNext} up to {@code upTo}. */
    static boolean isNext(TimelinePoint fact, Instant upTo) {
        return fact.getAt().isAfter(upTo) && fact.getKind() != TimelinePointKind.registered;
    }

    /** The facts at the instant {@code at} (facts' times are whole milliseconds: timestamp-millis). */
    default List<TimelinePoint> at(Instant at) {
        return between(at.minusMillis(1), at);
    }

    void put(TimelinePoint point);

    /** Removes the facts up to and including {@code at}. */
    void removeUpTo(Instant at);
}
