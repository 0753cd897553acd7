package org.dynamocsms.projection.load;

import java.time.Instant;
import java.util.Objects;

/**
 * A session (an active transaction on a connector) at a site that load management may limit.
 *
 * @param minW        the least the session may be given if given anything (6 A × 3 phases × 230 V = 4,140 W, or
 *                    the charger's documented minimum); finite, not negative. A connector whose maximum is lower
 *                    has its maximum as its minimum.
 * @param maxW        the connector's maximum (its rated power); not negative, {@link Double#POSITIVE_INFINITY} if
 *                    unknown
 * @param reservation null while the charger follows its limits; else the power held back for it because it does not
 */
public record Session(String chargePointId, int connectorId, int transactionId, Instant startedAt,
                      double minW, double maxW, Reservation reservation) {

    public Session {
        Objects.requireNonNull(chargePointId, "chargePointId");
        Objects.requireNonNull(startedAt, "startedAt");
        if (!(minW >= 0) || minW == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("minW must be finite and not negative: " + minW);
        }
        if (!(maxW >= 0)) {
            throw new IllegalArgumentException("maxW must not be negative: " + maxW);
        }
    }

    public SessionKey key() {
        return new SessionKey(chargePointId, connectorId);
    }
}
