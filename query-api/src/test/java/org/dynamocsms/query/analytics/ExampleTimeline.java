package org.dynamocsms.query.analytics;

import java.time.Instant;
import java.util.List;

/**
 * A charger's timeline a person can check on paper, across the hour, day, ISO week and month boundary of Monday
 * 2024-07-01 00:00 UTC (totals before each interval in minutes):
 * <pre>
 *   interval                     connected up  charging  up/online/charging before
 * I1 06-30 22:00 - 22:30          yes       yes  no        0 /   0 /  0   (first_at 06-30 22:00)
 * I2 06-30 22:30 - 23:15          yes       yes  yes      30 /  30 /  0
 * I3 06-30 23:15 - 23:45          yes       no   no       75 /  75 / 45   (faulted)
 * I4 06-30 23:45 - 07-01 00:20    no        no   no       75 / 105 / 45   (disconnected)
 * I5 07-01 00:20 - 01:10          yes       yes  yes      75 / 105 / 45
 * I6 07-01 01:10 - (open)         yes       yes  no      125 / 155 / 95
 * </pre>
 * and now is 07-01 02:00.
 */
final class ExampleTimeline {

    static final Instant FIRST_AT = at("06-30T22:00");
    static final Instant NOW = at("07-01T02:00");
    static final StatusInterval I1 = interval("06-30T22:00", "06-30T22:30", true, true, false, 0, 0, 0);
    static final StatusInterval I2 = interval("06-30T22:30", "06-30T23:15", true, true, true, 30, 30, 0);
    static final StatusInterval I3 = interval("06-30T23:15", "06-30T23:45", true, false, false, 75, 75, 45);
    static final StatusInterval I4 = interval("06-30T23:45", "07-01T00:20", false, false, false, 75, 105, 45);
    static final StatusInterval I5 = interval("07-01T00:20", "07-01T01:10", true, true, true, 75, 105, 45);
    static final StatusInterval I6 = interval("07-01T01:10", null, true, true, false, 125, 155, 95);
    static final List<StatusInterval> ALL = List.of(I1, I2, I3, I4, I5, I6);

    private ExampleTimeline() {
    }

    static CumulativeTimeline timeline() {
        return CumulativeTimeline.of(ALL, NOW);
    }

    /** 2024-{@code monthDayTime}:00Z */
    static Instant at(String monthDayTime) {
        return Instant.parse("2024-" + monthDayTime + ":00Z");
    }

    static Span span(String from, String to) {
        return new Span(at(from), at(to));
    }

    static long minutes(long count) {
        return count * 60_000;
    }

    private static StatusInterval interval(String start, String end, boolean connected, boolean up,
                                           boolean charging, long upBefore, long onlineBefore, long chargingBefore) {
        return new StatusInterval(at(start), end == null ? null : at(end), connected, up, charging, FIRST_AT,
                minutes(upBefore), minutes(onlineBefore), minutes(chargingBefore));
    }
}
