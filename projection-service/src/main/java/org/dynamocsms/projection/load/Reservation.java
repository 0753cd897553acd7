package org.dynamocsms.projection.load;

import java.util.Objects;

/**
 * Power held back for a session load management cannot control: its charger rejected its profile, went offline, or
 * keeps drawing above its limit. {@code drawW} is its last known draw, finite and not negative.
 */
public record Reservation(Reason reason, double drawW) {

    public enum Reason { PROFILE_REJECTED, OFFLINE, ABOVE_LIMIT }

    public Reservation {
        Objects.requireNonNull(reason, "reason");
        if (!(drawW >= 0) || drawW == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("drawW must be finite and not negative: " + drawW);
        }
    }
}
