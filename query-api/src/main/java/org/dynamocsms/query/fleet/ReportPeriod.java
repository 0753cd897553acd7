package org.dynamocsms.query.fleet;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.dynamocsms.platform.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The period [from, to) of an analytics request, to the second, as asked and answered. */
@JsonPropertyOrder({"from", "to"})
@Schema(name = "AnalyticsPeriod", description = "The period of the figures: from (included) to (excluded).")
public record ReportPeriod(
        @Schema(description = "Start of the period.", examples = "2024-06-01T00:00:00Z")
        Instant from,
        @Schema(description = "End of the period.", examples = "2024-06-30T23:59:59Z")
        Instant to) {

    public static final Duration DEFAULT_LENGTH = Duration.ofDays(30);
    static final String FORMAT = "must be an ISO 8601 date-time with offset, e.g. 2024-06-01T00:00:00Z";
    /** PostgreSQL's timestamps and the buckets' arithmetic stay well inside these years. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * The raw query values (null when absent): {@code to} defaults to now, {@code from} to 30 days before
     * {@code to}; fractions of a second are dropped. Adds an error naming each bad one to {@code errors} and
     * answers null then.
     */
    public static ReportPeriod parse(String from, String to, Instant now, List<Problem.FieldError> errors) {
        int before = errors.size();
        Instant start = from == null ? null : instant("from", from, errors);
        Instant end = to == null ? now.truncatedTo(ChronoUnit.SECONDS) : instant("to", to, errors);
        if (errors.size() > before) {
            return null;
        }
        if (start == null) {
            start = end.minus(DEFAULT_LENGTH);
        }
        if (!start.isBefore(end)) {
            errors.add(new Problem.FieldError("from", "must be before to"));
            return null;
        }
        return new ReportPeriod(start, end);
    }

    private static Instant instant(String field, String value, List<Problem.FieldError> errors) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.trim()).toInstant().truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, FORMAT));
            return null;
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            errors.add(new Problem.FieldError(field, "must be in the years 0001 to 9999"));
            return null;
        }
        return instant;
    }
}
