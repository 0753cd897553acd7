package org.dynamocsms.projection.history;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.dynamocsms.schemas.analytics.ChargerError;
import org.dynamocsms.schemas.analytics.ChargerStatusInterval;
import org.dynamocsms.schemas.analytics.ChargerTimeline;

/**
 * What a charger's projection topics must learn when its timeline changes, by key: each interval and error worked
 * out anew that differs from before, and null (a tombstone) for each one that is gone.
 */
record HistoryChanges(Map<String, ChargerStatusInterval> intervals, Map<String, ChargerError> errors) {

    /** From {@code held} (null: no timeline yet) to {@code next}, one of its later versions. */
    static HistoryChanges between(ChargerTimeline held, ChargerTimeline next) {
        List<ChargerStatusInterval> intervals = List.of();
        List<ChargerError> errors = List.of();
        if (held != null) {
            // worked out at the new version, so that only what really changed compares unequal
            TimelineFold before = TimelineFold.over(held, next.getVersion());
            // what a new base made final was published as it is, and stays
            Instant baseAt = next.getBaseAt();
            intervals = before.intervals().stream().filter(i -> isOpen(i.getEndAt(), baseAt)).toList();
            errors = before.errors().stream().filter(e -> isOpen(e.getResolvedAt(), baseAt)).toList();
        }
        return of(intervals, errors, TimelineFold.over(next, next.getVersion()));
    }

    /**
     * From the intervals and errors of {@code before} to those of {@code after}, two finished folds from one state
     * at one version, {@code after} with newer facts: what those facts changed.
     */
    static HistoryChanges between(TimelineFold before, TimelineFold after) {
        return of(before.intervals(), before.errors(), after);
    }

    private static HistoryChanges of(List<ChargerStatusInterval> intervals, List<ChargerError> errors,
                                     TimelineFold after) {
        return new HistoryChanges(changes(intervals, after.intervals(), ChargerTimelines::key),
                changes(errors, after.errors(), ChargerError::getEventId));
    }

    private static boolean isOpen(Instant end, Instant baseAt) {
        return end == null || baseAt == null || end.isAfter(baseAt);
    }

    private static <V> Map<String, V> changes(List<V> before, List<V> after, Function<V, String> key) {
        Map<String, V> gone = new LinkedHashMap<>();
        before.forEach(value -> gone.put(key.apply(value), value));
        Map<String, V> changes = new LinkedHashMap<>();
        after.forEach(value -> {
            if (!value.equals(gone.remove(key.apply(value)))) {
                changes.put(key.apply(value), value);
            }
        });
        gone.keySet().forEach(vanished -> changes.put(vanished, null));
        return changes;
    }
}
