package org.dynamocsms.query.analytics;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The UTC buckets of utilisation: hours, days, ISO weeks (from Monday 00:00) and calendar months. */
public enum Granularity {
    HOUR, DAY, WEEK, MONTH;

    public static final String ACCEPTED = Arrays.stream(values()).map(Granularity::value)
            .collect(Collectors.joining(", "));

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The granularity named {@code value} in any case, or null if there is none. */
    public static Granularity of(String value) {
        for (Granularity granularity : values()) {
            if (granularity.value().equalsIgnoreCase(value.trim())) {
                return granularity;
            }
        }
        return null;
    }

    /** The buckets covering [from, to), the first and last clipped to it; none if it is empty. */
    public List<Span> buckets(Instant from, Instant to) {
        List<Span> buckets = new ArrayList<>();
        for (Instant start = from; start.isBefore(to); ) {
            Instant end = Span.earlier(next(floor(start)), to);
            buckets.add(new Span(start, end));
            start = end;
        }
        return buckets;
    }

    /** How many buckets cover [from, to), counting no further than {@code max} + 1. */
    public long count(Instant from, Instant to, long max) {
        long count = 0;
        for (Instant start = from; start.isBefore(to) && count <= max; start = next(floor(start))) {
            count++;
        }
        return count;
    }

    /** The start of the bucket holding {@code at}. */
    Instant floor(Instant at) {
        return switch (this) {
            case HOUR -> at.truncatedTo(ChronoUnit.HOURS);
            case DAY -> at.truncatedTo(ChronoUnit.DAYS);
            case WEEK -> at.atZone(ZoneOffset.UTC).toLocalDate()
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(ZoneOffset.UTC).toInstant();
            case MONTH -> at.atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
        };
    }

    /** The start of the bucket after the one starting at {@code start}. */
    private Instant next(Instant start) {
        return switch (this) {
            case HOUR -> start.plus(Duration.ofHours(1));
            case DAY -> start.plus(Duration.ofDays(1));
            case WEEK -> start.plus(Duration.ofDays(7));
            case MONTH -> start.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
        };
    }
}
