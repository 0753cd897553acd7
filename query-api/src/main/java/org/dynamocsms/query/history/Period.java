package org.dynamocsms.query.history;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.platform.problem.ProblemException;

/**
 * The {@code [from, to)} of a history read, parsed from its {@code from} and {@code to} query parameters: an ISO 8601
 * date-time with {@code Z} or an offset ({@code 2024-06-01T00:00:00Z}, {@code 2024-06-01T02:00:00+02:00}) or a date
 * ({@code 2024-06-01}, midnight UTC). A bad value, or {@code from} not before {@code to}, is a 400 naming the
 * parameter. An open period ({@link #parseOpen}) may lack either end: null means unbounded on that side.
 */
public record Period(Instant from, Instant to) {

    /** The default length of a period that must be bounded (uptime, utilisation, connectivity). */
    public static final Duration LAST_30_DAYS = Duration.ofDays(30);
    /** How an unparseable value is answered. */
    public static final String FORMAT = "must be an ISO 8601 date-time with Z or an offset, e.g. "
            + "2024-06-01T00:00:00Z, or a date (midnight UTC), from year 1 to 9999";

    /**
     * A bounded period: {@code to} defaults to {@code now}, {@code from} to {@code to} minus {@code defaultLength}.
     * 400 naming {@code from} and/or {@code to} if unparseable, naming {@code from} if not before {@code to}.
     */
    public static Period parse(String from, String to, Instant now, Duration defaultLength) {
        Period given = parseBoth(from, to);
        Instant end = given.to() == null ? now : given.to();
        Instant start = given.from() == null ? end.minus(defaultLength) : given.from();
        if (!start.isBefore(end)) {
            throw ProblemException.invalid("from", to == null ? "must be before to (now when to is absent)"
                    : "must be before to");
        }
        return new Period(start, end);
    }

    /** A period open on each side whose parameter is absent (the whole history when both are). */
    public static Period parseOpen(String from, String to) {
        Period given = parseBoth(from, to);
        if (given.from() != null && given.to() != null && !given.from().isBefore(given.to())) {
            throw ProblemException.invalid("from", "must be before to");
        }
        return given;
    }

    /** One ISO 8601 query parameter {@code name}; null if absent; 400 naming it if unparseable. */
    public static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        Instant parsed = parseInstant(value);
        if (parsed == null) {
            throw ProblemException.invalid(name, FORMAT);
        }
        return parsed;
    }

    /** Both parameters as given (null if absent), 400 naming every one that cannot be parsed. */
    private static Period parseBoth(String from, String to) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Instant start = from == null ? null : parseInstant(from);
        if (from != null && start == null) {
            errors.add(new Problem.FieldError("from", FORMAT));
        }
        Instant end = to == null ? null : parseInstant(to);
        if (to != null && end == null) {
            errors.add(new Problem.FieldError("to", FORMAT));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new Period(start, end);
    }

    /** The instant, or null if the value is no ISO 8601 date-time with an offset or date within years 1-9999. */
    private static Instant parseInstant(String value) {
        String trimmed = value.trim();
        OffsetDateTime parsed;
        try {
            parsed = trimmed.contains("T") || trimmed.contains("t")
                    ? OffsetDateTime.parse(trimmed, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    : LocalDate.parse(trimmed, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay().atOffset(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
        // PostgreSQL's timestamptz cannot hold every Instant: keep to the years people mean
        int year = parsed.withOffsetSameInstant(ZoneOffset.UTC).getYear();
        return year >= 1 && year <= 9999 ? parsed.toInstant() : null;
    }
}
