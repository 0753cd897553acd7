package org.dynamocsms.query.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A maintenance event's window, in which the charger's outage is excused: [scheduled_at, completed_at). While not
 * completed, it ends at the charger's first return to up after scheduled_at (the work is over once the charger can
 * charge again), and at the latest {@link #LONGEST_OPEN} after scheduled_at, so that an event nobody completes does
 * not excuse every later outage.
 */
public record MaintenanceWindow(Instant scheduledAt, Instant completedAt) {

    /**
     * How long a window without completed_at lasts at most: a visit takes hours, a repair waiting for parts a few
     * days; an event still open after a week is more likely forgotten than going on. Longer work is excused by
     * recording its completed_at.
     */
    public static final Duration LONGEST_OPEN = Duration.ofDays(7);

    public MaintenanceWindow {
        Objects.requireNonNull(scheduledAt, "scheduledAt");
    }

    /**
     * Where an open window may end: [scheduled_at, scheduled_at + {@link #LONGEST_OPEN}); null once completed. The
     * timeline given to {@link #span} must hold every interval of it up to the time asked about.
     */
    public Span openEnds() {
        return completedAt == null ? new Span(scheduledAt, scheduledAt.plus(LONGEST_OPEN)) : null;
    }

    /** The window in the charger's timeline. */
    public Span span(CumulativeTimeline timeline) {
        if (completedAt != null) {
            return new Span(scheduledAt, completedAt);
        }
        Instant latest = scheduledAt.plus(LONGEST_OPEN);
        Instant upAgain = timeline.upAgain(scheduledAt, latest);
        return new Span(scheduledAt, upAgain == null ? latest : upAgain);
    }

    /** The windows' time inside {@code bounds}, overlapping and touching windows merged, in time order. */
    public static List<Span> within(Collection<MaintenanceWindow> windows, CumulativeTimeline timeline,
                                    Span bounds) {
        List<Span> clipped = new ArrayList<>();
        for (MaintenanceWindow window : windows) {
            Span span = window.span(timeline).clip(bounds);
            if (!span.isEmpty()) {
                clipped.add(span);
            }
        }
        clipped.sort(Comparator.comparing(Span::start));
        List<Span> merged = new ArrayList<>();
        for (Span span : clipped) {
            int last = merged.size() - 1;
            if (last >= 0 && !span.start().isAfter(merged.get(last).end())) {
                Span previous = merged.get(last);
                merged.set(last, new Span(previous.start(), Span.later(previous.end(), span.end())));
            } else {
                merged.add(span);
            }
        }
        return merged;
    }
}
