package org.dynamocsms.ocpp.telemetry;

import java.time.Instant;

import org.dynamocsms.ocpp.security.Charger;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;

/** Wraps a telemetry payload (ChargerBooted, ConnectorStatusChanged...) in its {@link ChargerTelemetry} record. */
public final class Telemetry {

    private Telemetry() {
    }

    /**
     * @param occurredAt the charger's timestamp where the message carries one, else {@code receivedAt}
     * @param receivedAt when the gateway received the message
     */
    public static ChargerTelemetry of(Charger charger, Object payload, Instant occurredAt, Instant receivedAt) {
        return ChargerTelemetry.newBuilder()
                .setEventId(Ids.EVENT.next())
                .setOrganisationId(charger.organisationId())
                .setChargePointId(charger.chargePointId())
                .setOccurredAt(occurredAt)
                .setRecordedAt(receivedAt)
                .setPayload(payload)
                .build();
    }
}
