package org.dynamocsms.projection.history;

import java.time.Instant;

import org.dynamocsms.projection.Records;
import org.dynamocsms.projection.charger.ChargerLiveStates;
import org.dynamocsms.schemas.charger.ChargerEvent;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;

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

    /**
     * What the live states' gateway check writes when gateway gw-1 is lost, holding connection {@code connectionId}
     * of {@link #CP}, which connected at {@code connectedAt} and was last seen at {@code lastSeenAt}.
     */
    static ChargerTelemetry gatewayLost(Instant connectedAt, Instant lastSeenAt, String connectionId) {
        ChargerLiveState state = ChargerLiveState.newBuilder().setChargePointId(CP).setOrganisationId(Records.ORG)
                .setConnected(true).setGatewayId("gw-1").setConnectionId(connectionId).setConnectedAt(connectedAt)
                .setLastSeenAt(lastSeenAt).build();
        return ChargerLiveStates.gatewayCheck(state, Records.liveness("gw-1", Instant.EPOCH, Instant.EPOCH),
                lastSeenAt.plusSeconds(60)).orElseThrow();
    }
}
