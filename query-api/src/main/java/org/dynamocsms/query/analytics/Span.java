package org.dynamocsms.query.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A stretch of time [start, end): start included, end not. Empty when end is not after start. */
public record Span(Instant start, Instant end) {

    public Span {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    public boolean isEmpty() {
        return !start.isBefore(end);
    }

    /** Its length in milliseconds; 0 when empty. */
    public long millis() {
        return isEmpty() ? 0 : Duration.between(start, end).toMillis();
    }

    /** The part of it inside {@code bounds} (empty if none). */
    public Span clip(Span bounds) {
        return new Span(later(start, bounds.start), earlier(end, bounds.end));
    }

    public static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    public static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
