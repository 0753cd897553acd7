package org.dynamocsms.ocpp.action;

import static org.dynamocsms.ocpp.action.Payloads.integer;
import static org.dynamocsms.ocpp.action.Payloads.text;
import static org.dynamocsms.ocpp.action.Payloads.timestamp;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dynamocsms.ocpp.message.ViolationException;
import org.dynamocsms.schemas.telemetry.ChargerBooted;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.dynamocsms.schemas.telemetry.ConnectorStatusChanged;
import org.dynamocsms.schemas.telemetry.DiagnosticsStatusChanged;
import org.dynamocsms.schemas.telemetry.FirmwareStatusChanged;

/**
 * What the gateway does with each CALL an OCPP 2.0.1 charging station may send so far, recorded as the same
 * version-neutral telemetry as OCPP 1.6's, so every figure downstream holds for both:
 * <ul>
 *   <li>BootNotification: Accepted, with the configured heartbeat interval; ChargerBooted (vendorName, model,
 *       firmwareVersion, serialNumber of its chargingStation).</li>
 *   <li>Heartbeat: the current time; HeartbeatReceived.</li>
 *   <li>StatusNotification: ConnectorStatusChanged of the EVSE ({@code evseId} as the connector id: an EVSE is what
 *       charges one vehicle, as a 1.6 connector does), error code NoError (2.0.1 reports faults apart). Available,
 *       Reserved, Unavailable and Faulted are 1.6's statuses; Occupied (a vehicle or cable is there, charging or
 *       not) is recorded as Preparing, 1.6's "occupied, not charging yet": online, not charging.</li>
 *   <li>Authorize: Accepted, no event: id tokens are not managed yet, so every token may charge.</li>
 *   <li>FirmwareStatusNotification: empty answer; FirmwareStatusChanged with 2.0.1's status.</li>
 *   <li>LogStatusNotification: empty answer; DiagnosticsStatusChanged (1.6's name for a log upload's status) with
 *       2.0.1's status.</li>
 * </ul>
 */
public final class ChargingStationActions implements ChargerActions {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final int heartbeatIntervalSeconds;

    public ChargingStationActions(Duration heartbeatInterval) {
        this.heartbeatIntervalSeconds = Math.toIntExact(heartbeatInterval.toSeconds());
    }

    @Override
    public Outcome handle(String action, ObjectNode payload, String chargePointId, Instant receivedAt)
            throws ViolationException {
        return switch (action) {
            case "BootNotification" -> boot(payload, receivedAt);
            case "Heartbeat" -> Outcome.heartbeat(receivedAt);
            case "StatusNotification" -> status(payload, receivedAt);
            case "Authorize" -> {
                ObjectNode answer = JSON.objectNode();
                answer.putObject("idTokenInfo").put("status", "Accepted");
                yield new Outcome(null, receivedAt, answer);
            }
            case "FirmwareStatusNotification" ->
                    Outcome.recorded(new FirmwareStatusChanged(text(payload, "status")), receivedAt);
            case "LogStatusNotification" ->
                    Outcome.recorded(new DiagnosticsStatusChanged(text(payload, "status")), receivedAt);
            default -> throw new IllegalArgumentException("No handling for " + action);
        };
    }

    private Outcome boot(ObjectNode payload, Instant receivedAt) {
        JsonNode station = payload.get("chargingStation");
        return Outcome.bootAccepted(ChargerBooted.newBuilder()
                .setVendor(text(station, "vendorName"))
                .setModel(text(station, "model"))
                .setFirmwareVersion(text(station, "firmwareVersion"))
                .setSerialNumber(text(station, "serialNumber")), heartbeatIntervalSeconds, receivedAt);
    }

    private static Outcome status(ObjectNode payload, Instant receivedAt) throws ViolationException {
        String status = text(payload, "connectorStatus");
        ConnectorStatusChanged changed = ConnectorStatusChanged.newBuilder()
                .setConnectorId(integer(payload, "evseId"))
                .setStatus(status.equals("Occupied") ? ConnectorStatus.Preparing : ConnectorStatus.valueOf(status))
                .build();
        return Outcome.recorded(changed, timestamp(payload, "timestamp"));
    }
}
