package org.dynamocsms.query;

import java.util.ArrayList;
import java.util.List;

import org.dynamocsms.platform.problem.Problem;

/** The {@code limit} and {@code offset} of a list request, checked before anything is read. */
public record PageRequest(int limit, int offset) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /** Parses the raw query values (null when absent); 400 naming every bad one. */
    public static PageRequest parse(String limit, String offset) {
        List<Problem.FieldError> errors = new ArrayList<>();
        PageRequest page = parse(limit, offset, errors);
        QueryParameters.check(errors);
        return page;
    }

    /** Parses the raw query values (null when absent), adding an error naming each bad one to the others. */
    public static PageRequest parse(String limit, String offset, List<Problem.FieldError> errors) {
        int parsedLimit = limit(limit, errors);
        Integer parsedOffset = parse(offset, 0, 0, Integer.MAX_VALUE);
        if (parsedOffset == null) {
            errors.add(new Problem.FieldError("offset", "must be an integer of 0 or more"));
            return new PageRequest(parsedLimit, 0);
        }
        return new PageRequest(parsedLimit, parsedOffset);
    }

    /** The raw {@code limit} (null when absent): its default if absent; an error naming it if bad (0 then). */
    public static int limit(String limit, List<Problem.FieldError> errors) {
        Integer parsed = parse(limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        if (parsed == null) {
            errors.add(new Problem.FieldError("limit", "must be an integer from 1 to " + MAX_LIMIT));
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
