package org.dynamocsms.query.fleet;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.dynamocsms.platform.problem.Problem;

/**
 * A charger's rolled-up status as the fleet endpoints filter and show it: filtered by the contract's lower-case
 * values, shown capitalised as the contract's example shows it ({@code "Faulted"}). {@code online} filters every
 * charger that is not offline; a charger shows {@code Online} only when connected and none of the others applies.
 */
public enum FleetStatus {
    ONLINE, OFFLINE, CHARGING, AVAILABLE, FAULTED;

    public static final String ACCEPTED = Arrays.stream(values()).map(FleetStatus::value)
            .collect(Collectors.joining(", "));

    /** The filter value, as the projection stores the rolled-up status: {@code faulted}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** As the fleet endpoints show it: {@code Faulted}. */
    public String rendered() {
        return name().charAt(0) + value().substring(1);
    }

    /** A stored rolled-up status. */
    static FleetStatus of(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }

    /** The {@code status} query parameter (any case); null if absent, or unknown (an error naming it added then). */
    public static FleetStatus parse(String status, List<Problem.FieldError> errors) {
        if (status == null) {
            return null;
        }
        try {
            return valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError("status", "must be one of " + ACCEPTED));
            return null;
        }
    }
}
