package org.dynamocsms.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.schemas.values.Storable;
import org.junit.jupiter.api.Test;

class PeriodTest {

    private static final Instant NOW = Instant.parse("2024-06-15T16:30:00Z");

    @Test
    void aBoundedPeriodDefaultsToTheThirtyDaysBeforeNow() {
        // 2024-06-15T16:30Z minus 30 days = 2024-05-16T16:30Z
        assertThat(bounded(null, null)).isEqualTo(new Period(Instant.parse("2024-05-16T16:30:00Z"), NOW));
        // to given: from is 30 days before it, 2024-06-10 - 30 days = 2024-05-11
        assertThat(bounded(null, "2024-06-10T00:00:00Z")).isEqualTo(
                new Period(Instant.parse("2024-05-11T00:00:00Z"), Instant.parse("2024-06-10T00:00:00Z")));
        // from given: to is now
        assertThat(bounded("2024-06-01T00:00:00Z", null)).isEqualTo(
                new Period(Instant.parse("2024-06-01T00:00:00Z"), NOW));
    }

    @Test
    void nowIsTakenToTheSecond() {
        // now 16:30:00.500 -> 16:30:00; from 30 days before that
        assertThat(Period.parse(null, null, NOW.plusMillis(500), new ArrayList<>())).isEqualTo(
                new Period(Instant.parse("2024-05-16T16:30:00Z"), NOW));
    }

    @Test
    void takesOffsetsAndDatesAsUtcAndDropsFractionsOfASecond() {
        // 02:00+02:00 = 00:00Z; 23:59:59.5 -> 23:59:59
        assertThat(bounded("2024-06-01T02:00:00+02:00", "2024-06-30T23:59:59.5Z")).isEqualTo(
                new Period(Instant.parse("2024-06-01T00:00:00Z"), Instant.parse("2024-06-30T23:59:59Z")));
        // 2024-06-10T00:00:00.900+02:00 = 2024-06-09T22:00:00.900Z -> 22:00:00
        assertThat(bounded("2024-06-10T00:00:00.900+02:00", null)).isEqualTo(
                new Period(Instant.parse("2024-06-09T22:00:00Z"), NOW));
        // a date is its midnight UTC; surrounding blanks, a lower-case t and z, and no seconds are forgiven
        assertThat(open("2024-06-01", " 2024-06-02t00:00z ")).isEqualTo(
                new Period(Instant.parse("2024-06-01T00:00:00Z"), Instant.parse("2024-06-02T00:00:00Z")));
        assertThat(bounded("2024-06-01", "2024-06-15")).isEqualTo(
                new Period(Instant.parse("2024-06-01T00:00:00Z"), Instant.parse("2024-06-15T00:00:00Z")));
        assertThat(open("2024-06-01T10:15Z", null)).isEqualTo(
                new Period(Instant.parse("2024-06-01T10:15:00Z"), null));
    }

    @Test
    void anOpenPeriodLacksTheEndsNotGiven() {
        assertThat(open(null, null)).isEqualTo(new Period(null, null));
        assertThat(open("2024-06-01T00:00:00Z", null)).isEqualTo(new Period(Instant.parse("2024-06-01T00:00:00Z"),
                null));
        assertThat(open(null, "2024-06-01T00:00:00Z")).isEqualTo(new Period(null,
                Instant.parse("2024-06-01T00:00:00Z")));
    }

    @Test
    void theYearsOneTo9999AreTaken() {
        assertThat(open("0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z")).isEqualTo(new Period(
                Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z")));
        // from defaults to 30 days before 0001-01-01, 0000-12-02 (1 BC): only the parameters are held to the years
        assertThat(bounded(null, "0001-01-01T00:00:00Z")).isEqualTo(new Period(
                Instant.parse("0000-12-02T00:00:00Z"), Instant.parse("0001-01-01T00:00:00Z")));
    }

    @Test
    void anUnparseableDateNamesTheParameter() {
        for (String bad : List.of("", "yesterday", "2024-06-01T00:00:00", "2024-13-01T00:00:00Z", "2024-06-31",
                "2024-06-01Z", "1718400000000", "2024-06-01T00:00:00 02:00", "2024-06-01T00:00:00+2")) {
            assertThat(openErrors(bad, null)).as(bad).containsExactly(new Problem.FieldError("from", Period.FORMAT));
            assertThat(openErrors(null, bad)).as(bad).containsExactly(new Problem.FieldError("to", Period.FORMAT));
            assertThat(boundedErrors(bad, null)).as(bad).containsExactly(
                    new Problem.FieldError("from", Period.FORMAT));
            assertThat(boundedErrors(null, bad)).as(bad).containsExactly(new Problem.FieldError("to", Period.FORMAT));
        }
    }

    @Test
    void bothBadParametersAreNamedAtOnce() {
        List<Problem.FieldError> errors = new ArrayList<>();
        errors.add(new Problem.FieldError("granularity", "earlier"));

        assertThat(Period.parse("x", "+10000-01-01T00:00:00Z", NOW, errors)).isNull();
        assertThat(errors).containsExactly(new Problem.FieldError("granularity", "earlier"),
                new Problem.FieldError("from", Period.FORMAT), new Problem.FieldError("to", Storable.YEARS));
        assertThat(openErrors("x", "y")).containsExactly(new Problem.FieldError("from", Period.FORMAT),
                new Problem.FieldError("to", Period.FORMAT));
    }

    @Test
    void aYearOutsideOneTo9999NamesTheParameter() {
        for (String bad : List.of("+10000-01-01T00:00:00Z", "0000-12-31T00:00:00Z", "-0001-01-01T00:00:00Z",
                "0000-12-31")) {
            assertThat(openErrors(bad, null)).as(bad).containsExactly(new Problem.FieldError("from", Storable.YEARS));
            assertThat(boundedErrors(null, bad)).as(bad).containsExactly(new Problem.FieldError("to", Storable.YEARS));
        }
        // 9999-12-31T23:00-02:00 is 10000-01-01T01:00Z; 0001-01-01T01:00+02:00 is 0000-12-31T23:00Z
        assertThat(boundedErrors("0001-01-01T01:00:00+02:00", "9999-12-31T23:00:00-02:00")).containsExactly(
                new Problem.FieldError("from", Storable.YEARS), new Problem.FieldError("to", Storable.YEARS));
    }

    @Test
    void fromNotBeforeToNamesFrom() {
        Problem.FieldError notBefore = new Problem.FieldError("from", "must be before to");

        assertThat(boundedErrors("2024-06-02T00:00:00Z", "2024-06-01T00:00:00Z")).containsExactly(notBefore);
        assertThat(openErrors("2024-06-02T00:00:00Z", "2024-06-01T00:00:00Z")).containsExactly(notBefore);
        // equal ends make an empty period: refused too (02:00+02:00 = 00:00Z)
        assertThat(openErrors("2024-06-01T00:00:00Z", "2024-06-01T02:00:00+02:00")).containsExactly(notBefore);
        // equal to the second: .999 is dropped
        assertThat(boundedErrors("2024-06-01T00:00:00Z", "2024-06-01T00:00:00.999Z")).containsExactly(notBefore);
        // to defaults to now, 2024-06-15T16:30Z
        assertThat(boundedErrors("2024-06-15T16:30:00Z", null)).containsExactly(
                new Problem.FieldError("from", "must be before to (now when to is absent)"));
    }

    private static Period bounded(String from, String to) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Period period = Period.parse(from, to, NOW, errors);
        assertThat(errors).isEmpty();
        return period;
    }

    private static Period open(String from, String to) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Period period = Period.parseOpen(from, to, errors);
        assertThat(errors).isEmpty();
        return period;
    }

    private static List<Problem.FieldError> boundedErrors(String from, String to) {
        List<Problem.FieldError> errors = new ArrayList<>();
        assertThat(Period.parse(from, to, NOW, errors)).isNull();
        return errors;
    }

    private static List<Problem.FieldError> openErrors(String from, String to) {
        List<Problem.FieldError> errors = new ArrayList<>();
        assertThat(Period.parseOpen(from, to, errors)).isNull();
        return errors;
    }
}
