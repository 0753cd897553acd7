package org.dynamocsms.query;

import java.util.ArrayList;
import java.util.List;

import org.dynamocsms.platform.problem.Problem;

/** The {@code limit} and {@code offset} of a list request, checked before anything is read. */
public record PageRequest(int limit, int offset) {

    public static final int MIN_LIMIT = 1;
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    /** The limits as the OpenAPI annotations take them (text, so constant expressions of the numbers above). */
    public static final String MIN_LIMIT_TEXT = "" + MIN_LIMIT;
    public static final String DEFAULT_LIMIT_TEXT = "" + DEFAULT_LIMIT;
    public static final String MAX_LIMIT_TEXT = "" + MAX_LIMIT;
    /** For a {@code limit} parameter's description. */
    public static final String LIMIT_RANGE = MIN_LIMIT + " to " + MAX_LIMIT + ", default " + DEFAULT_LIMIT;

    /** Parses the raw query values (null when absent); 400 naming every bad one. */
    public static PageRequest parse(String limit, String offset) {
        List<Problem.FieldError> errors = new ArrayList<>();
        PageRequest page = parse(limit, offset, errors);
        QueryParameters.check(errors);
        return page;
    }

    /** Parses the raw query values (null when absent), adding an error naming each bad one to {@code errors}. */
    public static PageRequest parse(String limit, String offset, List<Problem.FieldError> errors) {
        int parsedLimit = limit(limit, errors);
        Integer parsedOffset = parse(offset, 0, 0, Integer.MAX_VALUE);
        if (parsedOffset == null) {
            errors.add(new Problem.FieldError("offset", "must be an integer of 0 or more"));
            parsedOffset = 0;
        }
        return new PageRequest(parsedLimit, parsedOffset);
    }

    /** The raw {@code limit} (null when absent): its default if absent; an error naming it if bad (0 then). */
    public static int limit(String limit, List<Problem.FieldError> errors) {
        Integer parsed = parse(limit, DEFAULT_LIMIT, MIN_LIMIT, MAX_LIMIT);
        if (parsed == null) {
            errors.add(new Problem.FieldError("limit", "must be an integer from " + MIN_LIMIT + " to " + MAX_LIMIT));
            return 0;
        }
        return parsed;
    }

    /** The value, its default if absent, or null if it is not an integer in [min, max]. */
    private static Integer parse(String value, int absent, int min, int max) {
        if (value == null) {
            return absent;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            return parsed >= min && parsed <= max ? parsed : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
