package org.dynamocsms.schemas.values;

import java.time.Instant;
import java.util.Optional;

/**
 * What the write side accepts, every reader can hold: text without U+0000 (PostgreSQL's text cannot hold it) and
 * without an unpaired surrogate (it has no UTF-8 form), instants in the years 0001 to 9999 UTC (PostgreSQL's
 * timestamps, Avro's epoch milliseconds and ISO 8601 without a sign all hold them), finite numbers within a
 * field's bounds. The REST API, the OCPP gateway and the query API refuse values by this one rule; each refusal is
 * a short reason ("must ...") that the caller puts after the field's name.
 */
public final class Storable {

    public static final String YEARS = "must be in the years 0001 to 9999";
    public static final String FINITE = "must be a finite number";
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private Storable() {
    }

    /** Why {@code text} cannot be stored: it holds U+0000 or a surrogate that is not half of a pair. */
    public static Optional<String> text(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return Optional.of("must not contain U+0000 (NUL)");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of(String.format("must not contain the unpaired surrogate U+%04X", (int) c));
            }
        }
        return Optional.empty();
    }

    /** Why {@code instant} cannot be stored: it lies outside the years 0001 to 9999 UTC. */
    public static Optional<String> instant(Instant instant) {
        return instant.isBefore(EARLIEST) || instant.isAfter(LATEST) ? Optional.of(YEARS) : Optional.empty();
    }

    /** Why {@code number} cannot be stored: it is not finite, or not between {@code min} and {@code max}. */
    public static Optional<String> number(double number, double min, double max) {
        if (!Double.isFinite(number)) {
            return Optional.of(FINITE);
        }
        if (number < min || number > max) {
            return Optional.of("must be between " + plain(min) + " and " + plain(max));
        }
        return Optional.empty();
    }

    /** {@code 1000000}, not {@code 1.0E6}: bounds as people write them. */
    public static String plain(double bound) {
        return bound == Math.rint(bound) && Math.abs(bound) < 1e15 ? Long.toString((long) bound)
                : Double.toString(bound);
    }
}
