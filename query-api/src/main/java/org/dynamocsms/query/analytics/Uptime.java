package org.dynamocsms.query.analytics;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * A charger's uptime over [from, to), as 23 CFR 680.116 (US NEVI) counts it: counted time is [max(from, first_at),
 * min(to, now)); downtime is the counted time not up, less the outage inside maintenance windows, which is excused
 * (time up inside a window still counts as up). {@code percent} = (counted - downtime) / counted (null when nothing
 * is counted); downtime and the excused maintenance outage in minutes.
 */
public record Uptime(Double percent, long downtimeMinutes, long maintenanceMinutes) {

    public static final Uptime NOTHING_COUNTED = new Uptime(null, 0, 0);

    /** [max(from, first_at), min(to, now)); null if empty or without history. */
    public static Span counted(Instant firstAt, Instant from, Instant to, Instant now) {
        if (firstAt == null) {
            return null;
        }
        Span counted = new Span(Span.later(from, firstAt), Span.earlier(to, now));
        return counted.isEmpty() ? null : counted;
    }

    /** The maintenance windows inside the counted span (none if nothing is counted). */
    public static List<Span> maintenance(CumulativeTimeline timeline, Collection<MaintenanceWindow> windows,
                                         Instant from, Instant to, Instant now) {
        Span counted = counted(timeline.firstAt(), from, to, now);
        return counted == null ? List.of() : MaintenanceWindow.within(windows, timeline, counted);
    }

    /**
     * The uptime from the charger's timeline, which must hold the intervals at from, min(to, now) and every
     * boundary of {@link #maintenance}, and those its open windows may end in ({@link MaintenanceWindow#openEnds}).
     */
    public static Uptime of(CumulativeTimeline timeline, Collection<MaintenanceWindow> windows, Instant from,
                            Instant to, Instant now) {
        Span counted = counted(timeline.firstAt(), from, to, now);
        if (counted == null) {
            return NOTHING_COUNTED;
        }
        long excused = 0;
        for (Span window : MaintenanceWindow.within(windows, timeline, counted)) {
            excused += window.millis() - timeline.upMillis(window);
        }
        long down = counted.millis() - timeline.upMillis(counted) - excused;
        return new Uptime(Percent.of(counted.millis() - down, counted.millis()), Percent.minutes(down),
                Percent.minutes(excused));
    }
}
