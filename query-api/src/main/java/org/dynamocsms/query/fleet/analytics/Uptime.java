package org.dynamocsms.query.fleet.analytics;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * A charger's uptime over [from, to). Counted: [max(from, first_at), min(to, now)) minus maintenance; up: the up
 * time in that, without the up time inside maintenance. {@code percent} = up / counted (null when nothing is
 * counted); downtime = counted - up and maintenance, in minutes.
 */
public record Uptime(Double percent, long downtimeMinutes, long maintenanceMinutes) {

    public static final Uptime NOTHING_COUNTED = new Uptime(null, 0, 0);

    /** [max(from, first_at), min(to, now)) before maintenance is left out; null if empty or without history. */
    public static Span counted(Instant firstAt, Instant from, Instant to, Instant now) {
        if (firstAt == null) {
            return null;
        }
        Span counted = new Span(Span.later(from, firstAt), Span.earlier(to, now));
        return counted.isEmpty() ? null : counted;
    }

    /** The maintenance time left out: the windows inside the counted span (none if nothing is counted). */
    public static List<Span> maintenance(Instant firstAt, Collection<MaintenanceWindow> windows, Instant from,
                                         Instant to, Instant now) {
        Span counted = counted(firstAt, from, to, now);
        return counted == null ? List.of() : MaintenanceWindow.within(windows, now, counted);
    }

    /**
     * The uptime from the charger's timeline, which must hold the intervals at from, min(to, now) and every
     * boundary of {@link #maintenance}.
     */
    public static Uptime of(CumulativeTimeline timeline, Collection<MaintenanceWindow> windows, Instant from,
                            Instant to, Instant now) {
        Span counted = counted(timeline.firstAt(), from, to, now);
        if (counted == null) {
            return NOTHING_COUNTED;
        }
        long maintenance = 0;
        long upInMaintenance = 0;
        for (Span window : MaintenanceWindow.within(windows, now, counted)) {
            maintenance += window.millis();
            upInMaintenance += timeline.upMillis(window);
        }
        long eligible = counted.millis() - maintenance;
        long up = timeline.upMillis(counted) - upInMaintenance;
        return new Uptime(Percent.of(up, eligible), Percent.minutes(eligible - up), Percent.minutes(maintenance));
    }
}
