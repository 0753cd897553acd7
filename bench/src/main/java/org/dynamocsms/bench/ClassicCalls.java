package org.dynamocsms.bench;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The classic mix, without state: half Heartbeat, 40 % MeterValues (a power reading on connector 1, no
 * transaction), 10 % StatusNotification reporting {@code status} for connector 1.
 */
final class ClassicCalls implements ChargerCalls {

    private final String status;

    ClassicCalls(String status) {
        this.status = status;
    }

    @Override
    public OcppCall next(Instant now) {
        int kind = ThreadLocalRandom.current().nextInt(10);
        return kind < 5 ? new OcppCall("Heartbeat", "{}")
                : kind < 9 ? new OcppCall("MeterValues", "{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"" + now
                        + "\",\"sampledValue\":[{\"value\":\"" + ThreadLocalRandom.current().nextInt(0, 22_000)
                        + "\",\"measurand\":\"Power.Active.Import\",\"unit\":\"W\"}]}]}")
                : new OcppCall("StatusNotification", OcppFleet.status(1, status, now));
    }

    @Override
    public void answered(JsonNode payload) {
        // nothing to remember
    }
}
