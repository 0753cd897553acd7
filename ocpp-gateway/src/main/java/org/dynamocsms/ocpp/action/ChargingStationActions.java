package org.dynamocsms.ocpp.action;

import static org.dynamocsms.ocpp.action.Payloads.integer;
import static org.dynamocsms.ocpp.action.Payloads.text;
import static org.dynamocsms.ocpp.action.Payloads.timestamp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dynamocsms.ocpp.message.ViolationException;
import org.dynamocsms.platform.ocpp.ErrorCode;
import org.dynamocsms.schemas.telemetry.ChargerBooted;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.dynamocsms.schemas.telemetry.ConnectorStatusChanged;
import org.dynamocsms.schemas.telemetry.DeviceEvent;
import org.dynamocsms.schemas.telemetry.DeviceEventsNotified;
import org.dynamocsms.schemas.telemetry.DeviceModelReported;
import org.dynamocsms.schemas.telemetry.DeviceModelVariable;
import org.dynamocsms.schemas.telemetry.DiagnosticsStatusChanged;
import org.dynamocsms.schemas.telemetry.FirmwareStatusChanged;
import org.dynamocsms.schemas.telemetry.MeterSample;
import org.dynamocsms.schemas.telemetry.MeterValuesReported;
import org.dynamocsms.schemas.telemetry.SecurityEventReported;
import org.dynamocsms.schemas.telemetry.TransactionStarted;
import org.dynamocsms.schemas.telemetry.TransactionStopped;

/**
 * What the gateway does with each CALL an OCPP 2.0.1 charging station may send, recorded as the same
 * version-neutral telemetry as OCPP 1.6's, so every figure downstream holds for both:
 * <ul>
 *   <li>BootNotification: Accepted, with the configured heartbeat interval; ChargerBooted (vendorName, model,
 *       firmwareVersion, serialNumber of its chargingStation).</li>
 *   <li>Heartbeat: the current time; HeartbeatReceived.</li>
 *   <li>StatusNotification: ConnectorStatusChanged of the EVSE ({@code evseId} as the connector id: an EVSE is what
 *       charges one vehicle, as a 1.6 connector does), error code NoError (2.0.1 reports faults apart). Available,
 *       Reserved, Unavailable and Faulted are 1.6's statuses; Occupied (a vehicle or cable is there, charging or
 *       not) is the status of the transaction running on the EVSE ({@link RunningTransactions}), else Preparing,
 *       1.6's "occupied, not charging yet": online, not charging.</li>
 *   <li>TransactionEvent: Started, Updated and Ended as TransactionStarted, MeterValuesReported and
 *       TransactionStopped, with the station's transaction id and seqNo and its meter values, and the connector
 *       status of its charging state ({@link #chargingStatus(String, String)}). 2.0.1 has no meterStart or meterStop: the
 *       register readings among the meter values count the energy. The station's timestamps order the events
 *       downstream, so offline-queued events sent late fold as if sent in time.</li>
 *   <li>MeterValues: MeterValuesReported of the EVSE (0: the station's main meter), no transaction.</li>
 *   <li>NotifyEvent, SecurityEventNotification, NotifyReport: empty answer; DeviceEventsNotified,
 *       SecurityEventReported, DeviceModelReported (each attribute of each variable reported), at the time the
 *       station gives.</li>
 *   <li>Authorize: Accepted, no event: id tokens are not managed yet, so every token may charge.</li>
 *   <li>FirmwareStatusNotification: empty answer; FirmwareStatusChanged with 2.0.1's status.</li>
 *   <li>LogStatusNotification: empty answer; DiagnosticsStatusChanged (1.6's name for a log upload's status) with
 *       2.0.1's status.</li>
 * </ul>
 */
public final class ChargingStationActions implements ChargerActions {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final int heartbeatIntervalSeconds;
    private final RunningTransactions running;

    public ChargingStationActions(Duration heartbeatInterval, RunningTransactions running) {
        this.heartbeatIntervalSeconds = Math.toIntExact(heartbeatInterval.toSeconds());
        this.running = running;
    }

    @Override
    public Outcome handle(String action, ObjectNode payload, String chargePointId, Instant receivedAt)
            throws ViolationException {
        return switch (action) {
            case "BootNotification" -> boot(payload, receivedAt);
            case "Heartbeat" -> Outcome.heartbeat(receivedAt);
            case "StatusNotification" -> status(payload, chargePointId);
            case "TransactionEvent" -> transaction(payload, chargePointId);
            case "MeterValues" -> Outcome.recorded(MeterValuesReported.newBuilder()
                    .setConnectorId(integer(payload, "evseId"))
                    .setSamples(MeterSamples.of(payload.get("meterValue")))
                    .build(), receivedAt);
            case "Authorize" -> {
                ObjectNode answer = JSON.objectNode();
                answer.putObject("idTokenInfo").put("status", "Accepted");
                yield Outcome.of(null, receivedAt, answer);
            }
            case "FirmwareStatusNotification" ->
                    Outcome.recorded(new FirmwareStatusChanged(text(payload, "status")), receivedAt);
            case "LogStatusNotification" ->
                    Outcome.recorded(new DiagnosticsStatusChanged(text(payload, "status")), receivedAt);
            case "NotifyEvent" -> Outcome.recorded(DeviceEventsNotified.newBuilder()
                    .setSeqNo(integer(payload, "seqNo")).setTbc(payload.path("tbc").asBoolean())
                    .setEvents(deviceEvents(payload.get("eventData"))).build(), timestamp(payload, "generatedAt"));
            case "SecurityEventNotification" -> Outcome.recorded(new SecurityEventReported(text(payload, "type"),
                    text(payload, "techInfo")), timestamp(payload, "timestamp"));
            case "NotifyReport" -> Outcome.recorded(DeviceModelReported.newBuilder()
                    .setRequestId(integer(payload, "requestId")).setSeqNo(integer(payload, "seqNo"))
                    .setTbc(payload.path("tbc").asBoolean())
                    .setVariables(deviceModel(payload.get("reportData"))).build(), timestamp(payload, "generatedAt"));
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

    private Outcome status(ObjectNode payload, String stationId) throws ViolationException {
        String status = text(payload, "connectorStatus");
        int evseId = integer(payload, "evseId");
        ConnectorStatusChanged changed = ConnectorStatusChanged.newBuilder()
                .setConnectorId(evseId)
                .setStatus(status.equals("Occupied")
                        ? running.statusOn(stationId, evseId).orElse(ConnectorStatus.Preparing)
                        : ConnectorStatus.valueOf(status))
                .build();
        return Outcome.recorded(changed, timestamp(payload, "timestamp"));
    }

    /**
     * A TransactionEvent: TransactionStarted, MeterValuesReported or TransactionStopped of its transaction (see
     * {@link TransactionIds#of}), with its meter values; then the connector status its charging state comes to, if
     * it gives one and the transaction's EVSE is known. Answered with the id token Accepted when it has one.
     */
    private Outcome transaction(ObjectNode payload, String stationId) throws ViolationException {
        JsonNode info = payload.get("transactionInfo");
        String ocppId = text(info, "transactionId");
        int transactionId = TransactionIds.of(ocppId);
        String eventType = text(payload, "eventType");
        Integer evseId = payload.has("evse") ? integer(payload.get("evse"), "id") : null;
        if (evseId == null && eventType.equals("Started")) {
            throw new ViolationException(ErrorCode.OccurenceConstraintViolation,
                    "evse: required in a transaction's Started event");
        }
        Integer seqNo = integer(payload, "seqNo");
        String idTag = payload.has("idToken") ? text(payload.get("idToken"), "idToken") : null;
        List<MeterSample> samples = MeterSamples.of(payload.get("meterValue"));
        Object event = switch (eventType) {
            case "Started" -> TransactionStarted.newBuilder().setConnectorId(evseId).setTransactionId(transactionId)
                    .setOcppTransactionId(ocppId).setIdTag(idTag).setReservationId(integer(payload, "reservationId"))
                    .setSeqNo(seqNo).setSamples(samples).build();
            case "Updated" -> MeterValuesReported.newBuilder().setConnectorId(evseId).setTransactionId(transactionId)
                    .setOcppTransactionId(ocppId).setSeqNo(seqNo).setSamples(samples).build();
            default -> TransactionStopped.newBuilder().setTransactionId(transactionId).setOcppTransactionId(ocppId)
                    .setIdTag(idTag).setReason(text(info, "stoppedReason")).setSeqNo(seqNo).setSamples(samples)
                    .build();
        };
        Optional<RunningTransactions.Running> held = running.of(stationId, ocppId);
        Integer evse = evseId != null ? evseId : held.map(RunningTransactions.Running::evseId).orElse(null);
        ConnectorStatus status = chargingStatus(eventType, text(info, "chargingState"));
        if (eventType.equals("Ended")) {
            running.ended(stationId, ocppId);
        } else {
            running.running(stationId, ocppId, new RunningTransactions.Running(evse, status != null ? status
                    : held.map(RunningTransactions.Running::status).orElse(ConnectorStatus.Preparing)));
        }
        List<Object> events = new ArrayList<>(List.of(event));
        if (status != null && evse != null) {
            events.add(ConnectorStatusChanged.newBuilder().setConnectorId(evse).setStatus(status).build());
        }
        ObjectNode answer = JSON.objectNode();
        if (idTag != null) {
            answer.putObject("idTokenInfo").put("status", "Accepted");
        }
        return new Outcome(events, timestamp(payload, "timestamp"), answer);
    }

    private static List<DeviceEvent> deviceEvents(JsonNode eventData) throws ViolationException {
        List<DeviceEvent> events = new ArrayList<>();
        for (JsonNode data : eventData) {
            JsonNode component = data.get("component");
            JsonNode evse = component.path("evse");
            events.add(DeviceEvent.newBuilder().setEventId(integer(data, "eventId"))
                    .setOccurredAt(timestamp(data, "timestamp")).setTrigger(text(data, "trigger"))
                    .setComponent(text(component, "name")).setComponentInstance(text(component, "instance"))
                    .setEvseId(integer(evse, "id")).setConnectorId(integer(evse, "connectorId"))
                    .setVariable(text(data.get("variable"), "name"))
                    .setVariableInstance(text(data.get("variable"), "instance"))
                    .setActualValue(text(data, "actualValue")).setCleared(data.has("cleared")
                            ? data.get("cleared").booleanValue() : null)
                    .setTechCode(text(data, "techCode")).setTechInfo(text(data, "techInfo"))
                    .setCause(integer(data, "cause")).setOcppTransactionId(text(data, "transactionId"))
                    .setNotificationType(text(data, "eventNotificationType")).build());
        }
        return events;
    }

    /** Each attribute of each variable reported, with the variable's characteristics. */
    private static List<DeviceModelVariable> deviceModel(JsonNode reportData) {
        List<DeviceModelVariable> variables = new ArrayList<>();
        for (JsonNode data : reportData == null ? List.<JsonNode>of() : reportData) {
            JsonNode component = data.get("component");
            JsonNode evse = component.path("evse");
            JsonNode characteristics = data.path("variableCharacteristics");
            for (JsonNode attribute : data.get("variableAttribute")) {
                variables.add(DeviceModelVariable.newBuilder()
                        .setComponent(text(component, "name")).setComponentInstance(text(component, "instance"))
                        .setEvseId(integer(evse, "id")).setConnectorId(integer(evse, "connectorId"))
                        .setVariable(text(data.get("variable"), "name"))
                        .setVariableInstance(text(data.get("variable"), "instance"))
                        .setAttributeType(attribute.has("type") ? text(attribute, "type") : "Actual")
                        .setValue(text(attribute, "value")).setMutability(text(attribute, "mutability"))
                        .setDataType(text(characteristics, "dataType")).setUnit(text(characteristics, "unit"))
                        .build());
            }
        }
        return variables;
    }

    /**
     * The 1.6 connector status a transaction's charging state comes to: while it runs, Charging, SuspendedEV and
     * SuspendedEVSE as named, EVConnected and Idle (no energy offered yet) as Preparing; at its end Finishing while
     * an EV is still connected, nothing once none is (Idle: the station's StatusNotification says what follows).
     * Null when the event gives no charging state.
     */
    static ConnectorStatus chargingStatus(String eventType, String chargingState) {
        if (chargingState == null) {
            return null;
        }
        if (eventType.equals("Ended")) {
            return chargingState.equals("Idle") ? null : ConnectorStatus.Finishing;
        }
        return switch (chargingState) {
            case "Charging" -> ConnectorStatus.Charging;
            case "SuspendedEV" -> ConnectorStatus.SuspendedEV;
            case "SuspendedEVSE" -> ConnectorStatus.SuspendedEVSE;
            default -> ConnectorStatus.Preparing;
        };
    }
}
