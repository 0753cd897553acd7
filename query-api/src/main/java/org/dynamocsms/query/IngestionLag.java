package org.dynamocsms.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How far one ingestor is behind its topic, in time: the read store has everything up to {@link #caughtUpTo}, which
 * is the moment of the last poll that left nothing to read, or else the newest record time applied. The lag is how
 * old that is now, so it also grows while the ingestor cannot write or has stopped polling. Until a poll tells, it
 * counts from the ingestor's start.
 */
final class IngestionLag {

    private final Clock clock;
    private final Instant started;
    private volatile Instant caughtUpTo;

    IngestionLag(Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
    }

    /**
     * After a poll was written: {@code newestApplied} is the newest record time it held (null if none), {@code caughtUp}
     * whether nothing was left to read on the ingestor's partitions.
     */
    void applied(Instant newestApplied, boolean caughtUp) {
        if (caughtUp) {
            caughtUpTo = clock.instant();
        } else if (newestApplied != null && (caughtUpTo == null || newestApplied.isAfter(caughtUpTo))) {
            // however old: a backlog found at the start is as old as its records
            caughtUpTo = newestApplied;
        }
    }

    Duration lag() {
        Instant known = caughtUpTo;
        Duration lag = Duration.between(known == null ? started : known, clock.instant());
        return lag.isNegative() ? Duration.ZERO : lag;
    }
}
