package org.dynamocsms.query.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** UTC buckets, the first and last clipped to the range. */
class GranularityTest {

    @Test
    void hoursAndDaysAreClippedAtBothEnds() {
        assertThat(Granularity.HOUR.buckets(at("2024-06-10T08:30"), at("2024-06-10T10:15"))).containsExactly(
                span("2024-06-10T08:30", "2024-06-10T09:00"), span("2024-06-10T09:00", "2024-06-10T10:00"),
                span("2024-06-10T10:00", "2024-06-10T10:15"));
        assertThat(Granularity.DAY.buckets(at("2024-06-30T22:00"), at("2024-07-02T00:00"))).containsExactly(
                span("2024-06-30T22:00", "2024-07-01T00:00"), span("2024-07-01T00:00", "2024-07-02T00:00"));
    }

    @Test
    void weeksAreIsoWeeksFromMonday() {
        // 2024-05-29 is a Wednesday; 06-03 and 06-10 are Mondays
        assertThat(Granularity.WEEK.buckets(at("2024-05-29T12:00"), at("2024-06-12T06:00"))).containsExactly(
                span("2024-05-29T12:00", "2024-06-03T00:00"), span("2024-06-03T00:00", "2024-06-10T00:00"),
                span("2024-06-10T00:00", "2024-06-12T06:00"));
        // ISO week 1 of 2025 begins on Monday 2024-12-30; Sunday 06-09 still belongs to the week of 06-03
        assertThat(Granularity.WEEK.floor(at("2025-01-01T10:00"))).isEqualTo(at("2024-12-30T00:00"));
        assertThat(Granularity.WEEK.floor(at("2024-06-09T23:59"))).isEqualTo(at("2024-06-03T00:00"));
        assertThat(Granularity.WEEK.floor(at("2024-06-10T00:00"))).isEqualTo(at("2024-06-10T00:00"));
    }

    @Test
    void monthsAreCalendarMonths() {
        // 2024 is a leap year: February has 29 days
        assertThat(Granularity.MONTH.buckets(at("2024-01-31T12:00"), at("2024-03-15T00:00"))).containsExactly(
                span("2024-01-31T12:00", "2024-02-01T00:00"), span("2024-02-01T00:00", "2024-03-01T00:00"),
                span("2024-03-01T00:00", "2024-03-15T00:00"));
        assertThat(Granularity.MONTH.buckets(at("2024-06-01T00:00"), at("2024-06-30T23:59")))
                .containsExactly(span("2024-06-01T00:00", "2024-06-30T23:59"));
    }

    @Test
    void countsBucketsWithoutGoingFurtherThanAskedAndParsesAnyCase() {
        // 08:30-09, 09-10, 10-10:15
        assertThat(Granularity.HOUR.count(at("2024-06-10T08:30"), at("2024-06-10T10:15"), 100)).isEqualTo(3);
        // a year of hours is 8,784 in 2024; counting stops at max + 1
        assertThat(Granularity.HOUR.count(at("2024-01-01T00:00"), at("2025-01-01T00:00"), 10)).isEqualTo(11);
        assertThat(Granularity.HOUR.count(at("2024-01-01T00:00"), at("2025-01-01T00:00"), 10_000))
                .isEqualTo(366 * 24);
        assertThat(Granularity.DAY.count(at("2024-06-10T00:00"), at("2024-06-10T00:00"), 10)).isZero();
        assertThat(Granularity.of(" Week")).isEqualTo(Granularity.WEEK);
        assertThat(Granularity.of("fortnight")).isNull();
        assertThat(Granularity.ACCEPTED).isEqualTo("hour, day, week, month");
    }

    private static Instant at(String dateTime) {
        return Instant.parse(dateTime + ":00Z");
    }

    private static Span span(String from, String to) {
        return new Span(at(from), at(to));
    }
}
