package org.dynamocsms.projection.load;

import java.util.Comparator;
import java.util.Objects;

/** A session's connector: a site has at most one session on it at a time. */
public record SessionKey(String chargePointId, int connectorId) implements Comparable<SessionKey> {

    private static final Comparator<SessionKey> ORDER =
            Comparator.comparing(SessionKey::chargePointId).thenComparingInt(SessionKey::connectorId);

    public SessionKey {
        Objects.requireNonNull(chargePointId, "chargePointId");
    }

    @Override
    public int compareTo(SessionKey other) {
        return ORDER.compare(this, other);
    }
}
