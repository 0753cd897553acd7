package org.dynamocsms.ocpp.action;

import static org.dynamocsms.ocpp.action.Payloads.integer;
import static org.dynamocsms.ocpp.action.Payloads.text;
import static org.dynamocsms.ocpp.action.Payloads.timestamp;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dynamocsms.ocpp.message.ViolationException;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;
import org.dynamocsms.schemas.telemetry.ChargerBooted;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.dynamocsms.schemas.telemetry.ConnectorStatusChanged;
import org.dynamocsms.schemas.telemetry.DiagnosticsStatusChanged;
import org.dynamocsms.schemas.telemetry.FirmwareStatusChanged;
import org.dynamocsms.schemas.telemetry.MeterValuesReported;
import org.dynamocsms.schemas.telemetry.TransactionStarted;
import org.dynamocsms.schemas.telemetry.TransactionStopped;

/**
 * What the gateway does with each CALL a charger may send (OCPP 1.6 section 4), once its payload passed the
 * action's schema: the telemetry event it records and the answer.
 * <ul>
 *   <li>BootNotification: Accepted, with the configured heartbeat interval; ChargerBooted.</li>
 *   <li>Heartbeat: the current time; HeartbeatReceived.</li>
 *   <li>StatusNotification: ConnectorStatusChanged (connector 0 is the charge point).</li>
 *   <li>MeterValues: MeterValuesReported (see {@link MeterSamples}).</li>
 *   <li>StartTransaction: a transaction id from {@link TransactionIds}, idTag Accepted; TransactionStarted.</li>
 *   <li>StopTransaction: idTag Accepted; TransactionStopped, with its transactionData as samples.</li>
 *   <li>Authorize: Accepted, no event: id tags are not managed yet, so every tag may charge.</li>
 *   <li>DataTransfer: UnknownVendorId (no vendor extension is supported), no event.</li>
 *   <li>FirmwareStatusNotification, DiagnosticsStatusNotification: empty answer; FirmwareStatusChanged,
 *       DiagnosticsStatusChanged.</li>
 * </ul>
 */
public final class ChargePointActions implements ChargerActions {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final int heartbeatIntervalSeconds;
    private final TransactionIds transactionIds;

    public ChargePointActions(Duration heartbeatInterval, TransactionIds transactionIds) {
        this.heartbeatIntervalSeconds = Math.toIntExact(heartbeatInterval.toSeconds());
        this.transactionIds = transactionIds;
    }

    /**
     * Handles {@code action} (one of {@code PayloadSchemas.CHARGE_POINT_ACTIONS}) received from {@code chargePointId}.
     */
    @Override
    public Outcome handle(String action, ObjectNode payload, String chargePointId, Instant receivedAt)
            throws ViolationException {
        return switch (action) {
            case "BootNotification" -> boot(payload, receivedAt);
            case "Heartbeat" -> Outcome.heartbeat(receivedAt);
            case "StatusNotification" -> status(payload, receivedAt);
            case "MeterValues" -> Outcome.recorded(MeterValuesReported.newBuilder()
                    .setConnectorId(integer(payload, "connectorId"))
                    .setTransactionId(integer(payload, "transactionId"))
                    .setSamples(MeterSamples.of(payload.get("meterValue")))
                    .build(), receivedAt);
            case "StartTransaction" -> start(payload, chargePointId, receivedAt);
            case "StopTransaction" -> Outcome.of(TransactionStopped.newBuilder()
                    .setTransactionId(integer(payload, "transactionId"))
                    .setMeterStopWh(payload.get("meterStop").longValue())
                    .setIdTag(text(payload, "idTag"))
                    .setReason(text(payload, "reason"))
                    .setSamples(MeterSamples.of(payload.get("transactionData")))
                    .build(), timestamp(payload, "timestamp"), accepted(JSON.objectNode()));
            case "Authorize" -> Outcome.of(null, receivedAt, accepted(JSON.objectNode()));
            case "DataTransfer" -> Outcome.of(null, receivedAt, JSON.objectNode().put("status", "UnknownVendorId"));
            case "FirmwareStatusNotification" ->
                    Outcome.recorded(new FirmwareStatusChanged(text(payload, "status")), receivedAt);
            case "DiagnosticsStatusNotification" ->
                    Outcome.recorded(new DiagnosticsStatusChanged(text(payload, "status")), receivedAt);
            default -> throw new IllegalArgumentException("No handling for " + action);
        };
    }

    private Outcome boot(ObjectNode payload, Instant receivedAt) {
        String serialNumber = text(payload, "chargePointSerialNumber");
        return Outcome.bootAccepted(ChargerBooted.newBuilder()
                .setVendor(text(payload, "chargePointVendor"))
                .setModel(text(payload, "chargePointModel"))
                .setFirmwareVersion(text(payload, "firmwareVersion"))
                // chargeBoxSerialNumber is the deprecated name of the same field
                .setSerialNumber(serialNumber != null ? serialNumber : text(payload, "chargeBoxSerialNumber")),
                heartbeatIntervalSeconds, receivedAt);
    }

    private static Outcome status(ObjectNode payload, Instant receivedAt) throws ViolationException {
        Instant at = timestamp(payload, "timestamp");
        ConnectorStatusChanged changed = ConnectorStatusChanged.newBuilder()
                .setConnectorId(integer(payload, "connectorId"))
                // the schema's enumerations spell these exactly as the Avro enums do
                .setStatus(ConnectorStatus.valueOf(text(payload, "status")))
                .setErrorCode(ChargePointErrorCode.valueOf(text(payload, "errorCode")))
                .setInfo(text(payload, "info"))
                .setVendorId(text(payload, "vendorId"))
                .setVendorErrorCode(text(payload, "vendorErrorCode"))
                .build();
        return Outcome.recorded(changed, at != null ? at : receivedAt);
    }

    private Outcome start(ObjectNode payload, String chargePointId, Instant receivedAt) throws ViolationException {
        int transactionId = transactionIds.next(chargePointId, receivedAt);
        TransactionStarted started = TransactionStarted.newBuilder()
                .setConnectorId(integer(payload, "connectorId"))
                .setTransactionId(transactionId)
                .setIdTag(text(payload, "idTag"))
                .setMeterStartWh(payload.get("meterStart").longValue())
                .setReservationId(integer(payload, "reservationId"))
                .build();
        return Outcome.of(started, timestamp(payload, "timestamp"),
                accepted(JSON.objectNode().put("transactionId", transactionId)));
    }

    /** {@code payload} with {@code idTagInfo: {status: Accepted}}. */
    private static ObjectNode accepted(ObjectNode payload) {
        payload.putObject("idTagInfo").put("status", "Accepted");
        return payload;
    }
}
