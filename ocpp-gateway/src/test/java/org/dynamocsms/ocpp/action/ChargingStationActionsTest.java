package org.dynamocsms.ocpp.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dynamocsms.ocpp.message.Frame;
import org.dynamocsms.ocpp.message.Frames;
import org.dynamocsms.ocpp.security.Charger;
import org.dynamocsms.ocpp.telemetry.FakeTelemetrySink;
import org.dynamocsms.platform.ocpp.OcppVersion;
import org.dynamocsms.platform.ocpp.PayloadSchemas;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;
import org.dynamocsms.schemas.telemetry.ChargerBooted;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.dynamocsms.schemas.telemetry.ConnectorStatusChanged;
import org.dynamocsms.schemas.telemetry.DeviceEvent;
import org.dynamocsms.schemas.telemetry.DeviceEventsNotified;
import org.dynamocsms.schemas.telemetry.DeviceModelReported;
import org.dynamocsms.schemas.telemetry.DeviceModelVariable;
import org.dynamocsms.schemas.telemetry.DiagnosticsStatusChanged;
import org.dynamocsms.schemas.telemetry.FirmwareStatusChanged;
import org.dynamocsms.schemas.telemetry.HeartbeatReceived;
import org.dynamocsms.schemas.telemetry.MeterSample;
import org.dynamocsms.schemas.telemetry.MeterValuesReported;
import org.dynamocsms.schemas.telemetry.SecurityEventReported;
import org.dynamocsms.schemas.telemetry.TransactionStarted;
import org.dynamocsms.schemas.telemetry.TransactionStopped;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An OCPP 2.0.1 charging station's calls through the gateway's 2.0.1 call handler. */
class ChargingStationActionsTest {

    private static final PayloadSchemas SCHEMAS = new PayloadSchemas(OcppVersion.OCPP201);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Charger CHARGER = new Charger("CS-1", "org_1");
    private static final Instant RECEIVED = Instant.parse("2024-06-01T12:00:05Z");
    private static final String AT = "2024-06-01T12:00:00Z";

    private final FakeTelemetrySink sink = new FakeTelemetrySink();
    private final CallHandler handler = new CallHandler(SCHEMAS,
            new ChargingStationActions(Duration.ofSeconds(120), new RunningTransactions()), sink);

    @Test
    void bootNotificationIsAcceptedAndRecordsTheStation() {
        JsonNode answer = result("BootNotification", "{'reason': 'PowerUp', 'chargingStation': {'model': 'Eve', "
                + "'vendorName': 'Alfen', 'serialNumber': 'SN-1', 'firmwareVersion': '7.0.1'}}");

        assertThat(answer.get("status").asText()).isEqualTo("Accepted");
        assertThat(answer.get("interval").asInt()).isEqualTo(120);
        assertThat(answer.get("currentTime").asText()).isEqualTo("2024-06-01T12:00:05Z");
        assertThat(sink.payloads()).containsExactly(ChargerBooted.newBuilder().setVendor("Alfen").setModel("Eve")
                .setFirmwareVersion("7.0.1").setSerialNumber("SN-1").setHeartbeatIntervalS(120).build());
        assertThat(sink.sent().get(0).getOccurredAt()).isEqualTo(RECEIVED);
    }

    @Test
    void heartbeatAnswersTheTime() {
        assertThat(result("Heartbeat", "{}").get("currentTime").asText()).isEqualTo("2024-06-01T12:00:05Z");
        assertThat(sink.payloads()).containsExactly(new HeartbeatReceived());
    }

    @ParameterizedTest(name = "{0} is recorded as {1}")
    @CsvSource({"Available, Available", "Occupied, Preparing", "Reserved, Reserved", "Unavailable, Unavailable",
            "Faulted, Faulted"})
    void statusNotificationRecordsTheEvseAtTheStationsTime(String reported, ConnectorStatus recorded) {
        result("StatusNotification", "{'timestamp': '" + AT + "', 'connectorStatus': '" + reported + "', "
                + "'evseId': 2, 'connectorId': 1}");

        assertThat(sink.payloads()).containsExactly(ConnectorStatusChanged.newBuilder().setConnectorId(2)
                .setStatus(recorded).setErrorCode(ChargePointErrorCode.NoError).build());
        assertThat(sink.sent().get(0).getOccurredAt()).isEqualTo(Instant.parse(AT));
    }

    @Test
    void authorizeAcceptsEveryTokenAndRecordsNothing() {
        assertThat(result("Authorize", "{'idToken': {'idToken': '04A2B3C4', 'type': 'ISO14443'}}")
                .get("idTokenInfo").get("status").asText()).isEqualTo("Accepted");
        assertThat(sink.sent()).isEmpty();
    }

    @Test
    void firmwareAndLogUploadStatusesAreRecorded() {
        assertThat(result("FirmwareStatusNotification", "{'status': 'InstallRebooting', 'requestId': 7}")).isEmpty();
        assertThat(result("LogStatusNotification", "{'status': 'Uploading', 'requestId': 8}")).isEmpty();

        assertThat(sink.payloads()).containsExactly(new FirmwareStatusChanged("InstallRebooting"),
                new DiagnosticsStatusChanged("Uploading"));
    }

    @Test
    void aTransactionsEventsAreRecordedAsTheSameTelemetryAs16s() {
        int id = TransactionIds.of("tx-0001");
        assertThat(result("TransactionEvent", "{'eventType': 'Started', 'timestamp': '2024-06-01T12:00:00Z', "
                + "'triggerReason': 'CablePluggedIn', 'seqNo': 0, 'transactionInfo': {'transactionId': 'tx-0001', "
                + "'chargingState': 'EVConnected'}, 'evse': {'id': 2, 'connectorId': 1}, "
                + "'idToken': {'idToken': '04A2B3C4', 'type': 'ISO14443'}, 'meterValue': [{'timestamp': "
                + "'2024-06-01T12:00:00Z', 'sampledValue': [{'value': 1.5, 'context': 'Transaction.Begin', "
                + "'unitOfMeasure': {'unit': 'kWh'}}]}]}").get("idTokenInfo").get("status").asText())
                .isEqualTo("Accepted");
        // no evse: the transaction's, from its Started event
        assertThat(result("TransactionEvent", "{'eventType': 'Updated', 'timestamp': '2024-06-01T12:01:00Z', "
                + "'triggerReason': 'ChargingStateChanged', 'seqNo': 1, 'transactionInfo': {'transactionId': "
                + "'tx-0001', 'chargingState': 'Charging'}, 'meterValue': [{'timestamp': '2024-06-01T12:01:00Z', "
                + "'sampledValue': [{'value': 11, 'measurand': 'Power.Active.Import', 'unitOfMeasure': {'unit': 'kW'}}, "
                + "{'value': 16, 'measurand': 'Energy.Active.Import.Register', 'unitOfMeasure': {'unit': 'Wh', "
                + "'multiplier': 2}}]}]}")).isEmpty();
        assertThat(result("TransactionEvent", "{'eventType': 'Ended', 'timestamp': '2024-06-01T13:00:00Z', "
                + "'triggerReason': 'EVCommunicationLost', 'seqNo': 2, 'offline': true, 'transactionInfo': "
                + "{'transactionId': 'tx-0001', 'stoppedReason': 'EVDisconnected', 'chargingState': 'EVConnected'}, "
                + "'meterValue': [{'timestamp': '2024-06-01T13:00:00Z', 'sampledValue': [{'value': 12500}]}]}"))
                .isEmpty();

        Instant start = Instant.parse("2024-06-01T12:00:00Z");
        Instant update = Instant.parse("2024-06-01T12:01:00Z");
        Instant end = Instant.parse("2024-06-01T13:00:00Z");
        assertThat(sink.payloads()).containsExactly(
                TransactionStarted.newBuilder().setConnectorId(2).setTransactionId(id).setOcppTransactionId("tx-0001")
                        .setIdTag("04A2B3C4").setSeqNo(0).setSamples(List.of(new MeterSample(start, null, 1500.0)))
                        .build(),
                status(2, ConnectorStatus.Preparing),
                MeterValuesReported.newBuilder().setTransactionId(id).setOcppTransactionId("tx-0001").setSeqNo(1)
                        .setSamples(List.of(new MeterSample(update, 11_000.0, 1600.0))).build(),
                status(2, ConnectorStatus.Charging),
                TransactionStopped.newBuilder().setTransactionId(id).setOcppTransactionId("tx-0001")
                        .setReason("EVDisconnected").setSeqNo(2)
                        .setSamples(List.of(new MeterSample(end, null, 12_500.0))).build(),
                status(2, ConnectorStatus.Finishing));
        assertThat(sink.sent()).extracting(ChargerTelemetry::getOccurredAt)
                .containsExactly(start, start, update, update, end, end);
    }

    @ParameterizedTest(name = "{1} in a {0} event is {2}")
    @CsvSource({"Started, Charging, Charging", "Updated, SuspendedEV, SuspendedEV",
            "Updated, SuspendedEVSE, SuspendedEVSE", "Updated, EVConnected, Preparing", "Started, Idle, Preparing",
            "Ended, EVConnected, Finishing", "Ended, SuspendedEV, Finishing"})
    void aChargingStateIsThe16ConnectorStatusThatSaysTheSame(String eventType, String chargingState,
                                                            ConnectorStatus status) {
        assertThat(ChargingStationActions.chargingStatus(eventType, chargingState)).isEqualTo(status);
    }

    @Test
    void noChargingStateOrNoVehicleLeftAtTheEndIsNoStatus() {
        assertThat(ChargingStationActions.chargingStatus("Updated", null)).isNull();
        assertThat(ChargingStationActions.chargingStatus("Ended", "Idle")).isNull();
    }

    @Test
    void occupiedIsTheStatusOfTheTransactionRunningOnTheEvse() {
        result("TransactionEvent", "{'eventType': 'Started', 'timestamp': '" + AT + "', 'triggerReason': "
                + "'Authorized', 'seqNo': 0, 'transactionInfo': {'transactionId': 'tx-9', 'chargingState': "
                + "'SuspendedEV'}, 'evse': {'id': 1}}");
        result("StatusNotification", "{'timestamp': '" + AT + "', 'connectorStatus': 'Occupied', 'evseId': 1, "
                + "'connectorId': 1}");
        result("StatusNotification", "{'timestamp': '" + AT + "', 'connectorStatus': 'Occupied', 'evseId': 2, "
                + "'connectorId': 1}");
        result("TransactionEvent", "{'eventType': 'Ended', 'timestamp': '" + AT + "', 'triggerReason': "
                + "'StopAuthorized', 'seqNo': 1, 'transactionInfo': {'transactionId': 'tx-9'}}");
        result("StatusNotification", "{'timestamp': '" + AT + "', 'connectorStatus': 'Occupied', 'evseId': 1, "
                + "'connectorId': 1}");

        assertThat(sink.payloads()).filteredOn(ConnectorStatusChanged.class::isInstance).containsExactly(
                status(1, ConnectorStatus.SuspendedEV), status(1, ConnectorStatus.SuspendedEV),
                status(2, ConnectorStatus.Preparing), status(1, ConnectorStatus.Preparing));
    }

    @Test
    void aStartedEventMustNameItsEvseAndIsRefusedWholeOtherwise() {
        assertThat(answer("TransactionEvent", "{'eventType': 'Started', 'timestamp': '" + AT + "', "
                + "'triggerReason': 'Authorized', 'seqNo': 0, 'transactionInfo': {'transactionId': 'tx-1'}}"))
                .isEqualTo("[4,\"1\",\"OccurrenceConstraintViolation\","
                        + "\"evse: required in a transaction's Started event\",{}]");
        assertThat(answer("TransactionEvent", "{'eventType': 'Updated', 'timestamp': '" + AT + "', "
                + "'triggerReason': 'MeterValuePeriodic', 'seqNo': 1, 'transactionInfo': {'transactionId': 'tx-1'}, "
                + "'meterValue': [{'timestamp': '" + AT + "', 'sampledValue': [{'value': 1, "
                + "'unitOfMeasure': {'unit': 'kWh', 'multiplier': 12}}]}]}"))
                .startsWith("[4,\"1\",\"PropertyConstraintViolation\",\"sampledValue.value: "
                        + "Energy.Active.Import.Register in Wh");
        assertThat(sink.sent()).isEmpty();
    }

    @Test
    void meterValuesAreTheEvsesWithNoTransaction() {
        assertThat(result("MeterValues", "{'evseId': 0, 'meterValue': [{'timestamp': '" + AT + "', "
                + "'sampledValue': [{'value': 230.5, 'measurand': 'Voltage', 'unitOfMeasure': {'unit': 'V'}}, "
                + "{'value': 7.4, 'measurand': 'Power.Active.Import', 'unitOfMeasure': {'unit': 'kW'}}]}]}"))
                .isEmpty();

        assertThat(sink.payloads()).containsExactly(MeterValuesReported.newBuilder().setConnectorId(0)
                .setSamples(List.of(new MeterSample(Instant.parse(AT), 7400.0, null))).build());
        assertThat(sink.sent().get(0).getOccurredAt()).isEqualTo(RECEIVED);
    }

    @Test
    void deviceEventsSecurityEventsAndReportsAreRecordedAtTheStationsTime() {
        assertThat(result("NotifyEvent", "{'generatedAt': '" + AT + "', 'seqNo': 0, 'tbc': false, 'eventData': "
                + "[{'eventId': 7, 'timestamp': '2024-06-01T11:59:58Z', 'trigger': 'Delta', 'actualValue': 'true', "
                + "'techCode': 'E42', 'techInfo': 'ground fault', 'eventNotificationType': 'HardWiredNotification', "
                + "'component': {'name': 'Connector', 'evse': {'id': 1, 'connectorId': 1}}, "
                + "'variable': {'name': 'Problem'}}]}")).isEmpty();
        assertThat(result("SecurityEventNotification", "{'type': 'TamperDetectionActivated', 'timestamp': '"
                + AT + "', 'techInfo': 'lid open'}")).isEmpty();
        assertThat(result("NotifyReport", "{'requestId': 3, 'generatedAt': '" + AT + "', 'seqNo': 0, "
                + "'reportData': [{'component': {'name': 'Connector', 'evse': {'id': 1, 'connectorId': 1}}, "
                + "'variable': {'name': 'ConnectorType'}, 'variableAttribute': [{'value': 'cType2', "
                + "'mutability': 'ReadOnly'}], 'variableCharacteristics': {'dataType': 'string', "
                + "'supportsMonitoring': false}}]}")).isEmpty();

        assertThat(sink.payloads()).containsExactly(
                DeviceEventsNotified.newBuilder().setSeqNo(0).setTbc(false).setEvents(List.of(DeviceEvent.newBuilder()
                        .setEventId(7).setOccurredAt(Instant.parse("2024-06-01T11:59:58Z")).setTrigger("Delta")
                        .setComponent("Connector").setEvseId(1).setConnectorId(1).setVariable("Problem")
                        .setActualValue("true").setTechCode("E42").setTechInfo("ground fault")
                        .setNotificationType("HardWiredNotification").build())).build(),
                new SecurityEventReported("TamperDetectionActivated", "lid open"),
                DeviceModelReported.newBuilder().setRequestId(3).setSeqNo(0).setTbc(false).setVariables(List.of(
                        DeviceModelVariable.newBuilder().setComponent("Connector").setEvseId(1).setConnectorId(1)
                                .setVariable("ConnectorType").setValue("cType2").setMutability("ReadOnly")
                                .setDataType("string").build())).build());
        assertThat(sink.sent()).extracting(ChargerTelemetry::getOccurredAt).containsOnly(Instant.parse(AT));
    }

    @Test
    void a16OnlyCallIsNotImplemented() {
        assertThat(answer("StartTransaction", "{'connectorId': 1}"))
                .startsWith("[4,\"1\",\"NotImplemented\",\"unknown action StartTransaction\"");
        assertThat(sink.sent()).isEmpty();
    }

    @Test
    void anInvalidCallIsRefusedInOcpp201sWordsAndRecordsNothing() {
        assertThat(answer("BootNotification", "{'chargingStation': {'model': 'Eve', 'vendorName': 'Alfen'}}"))
                .startsWith("[4,\"1\",\"FormatViolation\",");
        assertThat(answer("StatusNotification", "{'timestamp': '" + AT + "', 'connectorStatus': 'Charging', "
                + "'evseId': 1, 'connectorId': 1}")).startsWith("[4,\"1\",\"PropertyConstraintViolation\",");
        assertThat(sink.sent()).isEmpty();
    }

    private static ConnectorStatusChanged status(int evseId, ConnectorStatus status) {
        return ConnectorStatusChanged.newBuilder().setConnectorId(evseId).setStatus(status).build();
    }

    /** The CALLRESULT's payload, which must pass OCPP 2.0.1's schema of the action's response. */
    private JsonNode result(String action, String singleQuotedPayload) {
        JsonNode frame = read(answer(action, singleQuotedPayload));
        assertThat(frame.get(0).asInt()).as("a CALLRESULT: %s", frame).isEqualTo(3);
        assertThat(SCHEMAS.checkConfirmation(action, frame.get(2))).as("the answer to %s", action).isEmpty();
        return frame.get(2);
    }

    private String answer(String action, String singleQuotedPayload) {
        Frame.Call call = (Frame.Call) Frames.parse("[2, \"1\", \"" + action + "\", "
                + singleQuotedPayload.replace('\'', '"') + "]");
        return handler.answer(call, CHARGER, RECEIVED).toCompletableFuture().join();
    }

    private static JsonNode read(String frame) {
        try {
            return JSON.readTree(frame);
        } catch (Exception e) {
            throw new IllegalArgumentException(frame, e);
        }
    }
}
