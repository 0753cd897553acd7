package org.dynamocsms.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class PeriodTest {

    private static final Instant NOW = Instant.parse("2024-06-15T16:30:00Z");

    @Test
    void aBoundedPeriodDefaultsToTheLastThirtyDaysUntilNow() {
        // 2024-06-15T16:30Z minus 30 days = 2024-05-16T16:30Z
        assertThat(Period.parse(null, null, NOW, Period.LAST_30_DAYS)).isEqualTo(
                new Period(Instant.parse("2024-05-16T16:30:00Z"), NOW));
        // to given: from is 30 days before it
        assertThat(Period.parse(null, "2024-06-10T00:00:00Z", NOW, Period.LAST_30_DAYS)).isEqualTo(
                new Period(Instant.parse("2024-05-11T00:00:00Z"), Instant.parse("2024-06-10T00:00:00Z")));
        // from given: to is now
        assertThat(Period.parse("2024-06-01T00:00:00Z", null, NOW, Duration.ofDays(7))).isEqualTo(
                new Period(Instant.parse("2024-06-01T00:00:00Z"), NOW));
    }

    @Test
    void takesZOffsetsFractionsAndDatesAsUtc() {
        assertThat(Period.parse("2024-06-01T02:00:00+02:00", "2024-06-30T23:59:59.5Z", NOW, Period.LAST_30_DAYS))
                .isEqualTo(new Period(Instant.parse("2024-06-01T00:00:00Z"), Instant.parse("2024-06-30T23:59:59.5Z")));
        // a date is midnight UTC; surrounding blanks and a lower-case z are forgiven
        assertThat(Period.parseOpen("2024-06-01", " 2024-06-02t00:00z ")).isEqualTo(
                new Period(Instant.parse("2024-06-01T00:00:00Z"), Instant.parse("2024-06-02T00:00:00Z")));
        assertThat(Period.instant("at", "2024-06-01T10:15Z")).isEqualTo(Instant.parse("2024-06-01T10:15:00Z"));
        assertThat(Period.instant("at", null)).isNull();
    }

    @Test
    void anOpenPeriodLacksTheEndsNotGiven() {
        assertThat(Period.parseOpen(null, null)).isEqualTo(new Period(null, null));
        assertThat(Period.parseOpen("2024-06-01T00:00:00Z", null))
                .isEqualTo(new Period(Instant.parse("2024-06-01T00:00:00Z"), null));
        assertThat(Period.parseOpen(null, "2024-06-01T00:00:00Z"))
                .isEqualTo(new Period(null, Instant.parse("2024-06-01T00:00:00Z")));
    }

    @Test
    void anUnparseableDateIsA400NamingTheParameter() {
        for (String bad : List.of("", "yesterday", "2024-06-01T00:00:00", "2024-13-01T00:00:00Z", "2024-06-01Z",
                "1718400000000", "2024-06-01T00:00:00 02:00", "+10000-01-01T00:00:00Z", "0000-12-31T00:00:00Z")) {
            assertThat(errors(() -> Period.parseOpen(bad, null))).as(bad)
                    .containsExactly(new Problem.FieldError("from", Period.FORMAT));
            assertThat(errors(() -> Period.parse(null, bad, NOW, Period.LAST_30_DAYS))).as(bad)
                    .containsExactly(new Problem.FieldError("to", Period.FORMAT));
        }
        assertThat(errors(() -> Period.parse("x", "y", NOW, Period.LAST_30_DAYS))).containsExactly(
                new Problem.FieldError("from", Period.FORMAT), new Problem.FieldError("to", Period.FORMAT));
        assertThat(errors(() -> Period.instant("at", "x"))).containsExactly(new Problem.FieldError("at",
                Period.FORMAT));
    }

    @Test
    void fromNotBeforeToIsA400NamingFrom() {
        assertThat(errors(() -> Period.parse("2024-06-02T00:00:00Z", "2024-06-01T00:00:00Z", NOW,
                Period.LAST_30_DAYS))).containsExactly(new Problem.FieldError("from", "must be before to"));
        // equal ends make an empty period: refused too
        assertThat(errors(() -> Period.parseOpen("2024-06-01T00:00:00Z", "2024-06-01T02:00:00+02:00")))
                .containsExactly(new Problem.FieldError("from", "must be before to"));
        // to defaults to now, 2024-06-15T16:30Z
        assertThat(errors(() -> Period.parse("2024-06-15T16:30:00Z", null, NOW, Period.LAST_30_DAYS)))
                .containsExactly(new Problem.FieldError("from", "must be before to (now when to is absent)"));
    }

    private static List<Problem.FieldError> errors(Runnable parse) {
        try {
            parse.run();
        } catch (ProblemException e) {
            assertThat(e.status()).isEqualTo(400);
            return e.problem().errors();
        }
        throw new AssertionError("no 400");
    }
}
