package org.dynamocsms.ocpp.action;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dynamocsms.ocpp.message.ViolationException;

/** What the gateway does with each CALL a charger of one OCPP version may send, once its payload passed its schema. */
public interface ChargerActions {

    /** The telemetry event and answer of {@code action} received from {@code chargePointId}. */
    Outcome handle(String action, ObjectNode payload, String chargePointId, Instant receivedAt)
            throws ViolationException;
}
