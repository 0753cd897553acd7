package org.dynamocsms.projection.history;

import java.time.Instant;

import org.dynamocsms.projection.Records;
import org.dynamocsms.schemas.charger.ChargerEvent;
import org.dynamocsms.schemas.charger.ChargerLiveState;

/** Times and inputs of the charger history tests, for charger {@link #CP}. */
final class Facts {

    static final String CP = "CP-1";

    private Facts() {
    }

    /** {@code 2024-<monthDayTime>:00Z}, e.g. {@code 06-30T22:31}. */
    static Instant t(String monthDayTime) {
        return Instant.parse("2024-" + monthDayTime + ":00Z");
    }

    static ChargerEvent registration(String at) {
        return ChargerEvent.newBuilder(Records.registered(CP)).setOccurredAt(t(at)).build();
    }

    static ChargerLiveState liveState(boolean connected, Instant lastSeenAt, long version) {
        return ChargerLiveState.newBuilder().setChargePointId(CP).setOrganisationId(Records.ORG)
                .setConnected(connected).setLastSeenAt(lastSeenAt).setVersion(version).build();
    }
}
