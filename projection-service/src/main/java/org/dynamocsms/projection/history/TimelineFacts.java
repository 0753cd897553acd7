package org.dynamocsms.projection.history;

import java.time.Instant;
import java.util.List;

import org.dynamocsms.schemas.analytics.TimelinePoint;

/** One charger's stored timeline facts, in {@link TimelinePoints#ORDER}. */
interface TimelineFacts {

    /** The facts after {@code after} (null: from the first) up to and including {@code upTo} (null: to the last). */
    List<TimelinePoint> between(Instant after, Instant upTo);

    /** The facts at the instant {@code at} (facts' times are whole milliseconds: timestamp-millis). */
    default List<TimelinePoint> at(Instant at) {
        return between(at.minusMillis(1), at);
    }

    void put(TimelinePoint point);

    /** Removes the facts up to and including {@code at}. */
    void removeUpTo(Instant at);
}
