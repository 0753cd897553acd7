package org.dynamocsms.query.fleet;

import java.time.Duration;
import java.time.Instant;

/**
 * When a live stream sends its figures: at once, then whenever they differ from those last sent, and at least every
 * {@link #KEEP_ALIVE} even unchanged (so a proxy does not close a quiet stream, and a client sees it is alive).
 * One per stream; not thread-safe (a stream's ticks come one at a time).
 */
public final class LiveFigures<T> {

    public static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private T sent;
    private Instant sentAt;

    /** Whether {@code figures}, read at {@code now}, are to be sent; if so they count as sent. */
    public boolean send(T figures, Instant now) {
        boolean due = sentAt == null || !figures.equals(sent) || !now.isBefore(sentAt.plus(KEEP_ALIVE));
        if (due) {
            sent = figures;
            sentAt = now;
        }
        return due;
    }
}
