package org.dynamocsms.query;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.schemas.values.Storable;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The {@code [from, to)} of a read, to the second, parsed from its {@code from} and {@code to} query parameters:
 * an ISO 8601 date-time with {@code Z} or an offset ({@code 2024-06-01T02:00:00+02:00}) or a date (its midnight
 * UTC), fractions of a second dropped. Each bad parameter is added as an error naming it, so that a request's
 * other bad parameters can be named in the same 400. Also the {@code period} of the analytics answers.
 */
@JsonPropertyOrder({"from", "to"})
@Schema(name = "AnalyticsPeriod", description = "The period of the figures: from (included) to (excluded).")
public record Period(
        @Schema(description = "Start of the period.", examples = "2024-06-01T00:00:00Z")
        Instant from,
        @Schema(description = "End of the period.", examples = "2024-06-30T23:59:59Z")
        Instant to) {

    /** The length of a bounded period without {@code from}: uptime, utilisation, connectivity, diagnostics. */
    public static final Duration DEFAULT_LENGTH = Duration.ofDays(30);
    public static final String FORMAT = "must be an ISO 8601 date-time with Z or an offset, e.g. "
            + "2024-06-01T00:00:00Z, or a date (its midnight UTC)";
    public static final String NOT_BEFORE_TO = "must be before to";
    public static final String NOT_BEFORE_NOW = "must be before to (now when to is absent)";

    /**
     * A bounded period from the raw query values (null when absent): {@code to} defaults to now, {@code from} to
     * {@link #DEFAULT_LENGTH} before {@code to}. Adds an error naming each bad parameter and answers null then.
     */
    public static Period parse(String from, String to, Instant now, List<Problem.FieldError> errors) {
        int before = errors.size();
        Instant start = instant("from", from, errors);
        Instant end = to == null ? now.truncatedTo(ChronoUnit.SECONDS) : instant("to", to, errors);
        if (errors.size() > before) {
            return null;
        }
        if (start == null) {
            start = end.minus(DEFAULT_LENGTH);
        }
        if (!start.isBefore(end)) {
            errors.add(new Problem.FieldError("from", to == null ? NOT_BEFORE_NOW : NOT_BEFORE_TO));
            return null;
        }
        return new Period(start, end);
    }

    /**
     * A period open on each side whose parameter is absent (null there; the whole history when both are). Adds an
     * error naming each bad parameter and answers null then.
     */
    public static Period parseOpen(String from, String to, List<Problem.FieldError> errors) {
        int before = errors.size();
        Instant start = instant("from", from, errors);
        Instant end = instant("to", to, errors);
        if (errors.size() > before) {
            return null;
        }
        if (start != null && end != null && !start.isBefore(end)) {
            errors.add(new Problem.FieldError("from", NOT_BEFORE_TO));
            return null;
        }
        return new Period(start, end);
    }

    /** The parameter {@code name}'s instant to the second; null if absent, or bad (an error added then). */
    private static Instant instant(String name, String value, List<Problem.FieldError> errors) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        OffsetDateTime parsed;
        try {
            parsed = trimmed.contains("T") || trimmed.contains("t")
                    ? OffsetDateTime.parse(trimmed, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    : LocalDate.parse(trimmed, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay()
                            .atOffset(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            errors.add(new Problem.FieldError(name, FORMAT));
            return null;
        }
        // PostgreSQL's timestamps and the buckets' arithmetic stay well inside the years people mean
        Instant instant = parsed.toInstant();
        Optional<String> unstorable = Storable.instant(instant);
        if (unstorable.isPresent()) {
            errors.add(new Problem.FieldError(name, unstorable.get()));
            return null;
        }
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
