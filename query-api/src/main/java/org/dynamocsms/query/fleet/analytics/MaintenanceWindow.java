package org.dynamocsms.query.fleet.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** A maintenance event's window: [scheduled_at, completed_at), until now while not completed. */
public record MaintenanceWindow(Instant scheduledAt, Instant completedAt) {

    public MaintenanceWindow {
        Objects.requireNonNull(scheduledAt, "scheduledAt");
    }

    public Span span(Instant now) {
        return new Span(scheduledAt, completedAt == null ? now : completedAt);
    }

    /** The windows' time inside {@code bounds}, overlapping and touching windows merged, in time order. */
    public static List<Span> within(Collection<MaintenanceWindow> windows, Instant now, Span bounds) {
        List<Span> clipped = new ArrayList<>();
        for (MaintenanceWindow window : windows) {
            Span span = window.span(now).clip(bounds);
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
