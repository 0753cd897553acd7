package org.dynamocsms.ocpp.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dynamocsms.ocpp.message.Frame;
import org.dynamocsms.ocpp.message.Frames;
import org.dynamocsms.ocpp.security.Charger;
import org.dynamocsms.ocpp.telemetry.FakeTelemetrySink;
import org.dynamocsms.platform.ocpp.PayloadSchemas;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;
import org.dynamocsms.schemas.telemetry.ChargerBooted;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.dynamocsms.schemas.telemetry.ConnectorStatusChanged;
import org.dynamocsms.schemas.telemetry.DiagnosticsStatusChanged;
import org.dynamocsms.schemas.telemetry.FirmwareStatusChanged;
import org.dynamocsms.schemas.telemetry.HeartbeatReceived;
import org.dynamocsms.schemas.telemetry.MeterSample;
import org.dynamocsms.schemas.telemetry.MeterValuesReported;
import org.dynamocsms.schemas.telemetry.TransactionStarted;
import org.dynamocsms.schemas.telemetry.TransactionStopped;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallHandlerTest {

    private static final PayloadSchemas SCHEMAS = new PayloadSchemas();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Charger CHARGER = new Charger("CP-1", "org_1");
    private static final Instant RECEIVED = Instant.parse("2024-06-01T12:00:05Z");
    private static final String AT = "2024-06-01T12:00:00Z";

    private final FakeTelemetrySink sink = new FakeTelemetrySink();
    private final CallHandler handler = new CallHandler(SCHEMAS,
            new ChargePointActions(Duration.ofSeconds(120), new TransactionIds()), sink);

    @Test
    void bootNotificationIsAcceptedWithTheHeartbeatIntervalAndRecordsTheCharger() {
        JsonNode answer = result(call("BootNotification", "{'chargePointVendor': 'Alfen', 'chargePointModel': 'Eve',"
                + " 'firmwareVersion': '6.1.0', 'chargeBoxSerialNumber': 'SN-1'}"));

        assertThat(answer.get("status").asText()).isEqualTo("Accepted");
        assertThat(answer.get("interval").asInt()).isEqualTo(120);
        assertThat(answer.get("currentTime").asText()).isEqualTo("2024-06-01T12:00:05Z");
        ChargerTelemetry recorded = sink.sent().get(0);
        assertThat(recorded.getPayload()).isEqualTo(ChargerBooted.newBuilder().setVendor("Alfen").setModel("Eve")
                .setFirmwareVersion("6.1.0").setSerialNumber("SN-1").setHeartbeatIntervalS(120).build());
        assertThat(Ids.EVENT.matches(recorded.getEventId())).isTrue();
        assertThat(recorded.getOrganisationId()).isEqualTo("org_1");
        assertThat(recorded.getChargePointId()).isEqualTo("CP-1");
        assertThat(recorded.getOccurredAt()).isEqualTo(RECEIVED);
        assertThat(recorded.getRecordedAt()).isEqualTo(RECEIVED);
    }

    @Test
    void heartbeatAnswersTheTime() {
        assertThat(result(call("Heartbeat", "{}")).get("currentTime").asText()).isEqualTo("2024-06-01T12:00:05Z");
        assertThat(sink.payloads()).containsExactly(new HeartbeatReceived());
    }

    @Test
    void statusNotificationRecordsTheConnectorAtTheChargersTime() {
        result(call("StatusNotification", "{'connectorId': 0, 'errorCode': 'GroundFailure', 'status': 'Faulted',"
                + " 'info': 'earth', 'vendorId': 'com.alfen', 'vendorErrorCode': 'E42', 'timestamp': '" + AT + "'}"));

        assertThat(sink.payloads()).containsExactly(ConnectorStatusChanged.newBuilder().setConnectorId(0)
                .setStatus(ConnectorStatus.Faulted).setErrorCode(ChargePointErrorCode.GroundFailure).setInfo("earth")
                .setVendorId("com.alfen").setVendorErrorCode("E42").build());
        assertThat(sink.sent().get(0).getOccurredAt()).isEqualTo(Instant.parse(AT));
        assertThat(sink.sent().get(0).getRecordedAt()).isEqualTo(RECEIVED);
    }

    @Test
    void statusNotificationWithoutTimestampHappenedWhenReceived() {
        result(call("StatusNotification", "{'connectorId': 1, 'errorCode': 'NoError', 'status': 'Available'}"));

        assertThat(sink.sent().get(0).getOccurredAt()).isEqualTo(RECEIVED);
    }

    @Test
    void meterValuesKeepEnergyAndPowerInWhAndW() {
        result(call("MeterValues", "{'connectorId': 2, 'transactionId': 9, 'meterValue': ["
                + "{'timestamp': '" + AT + "', 'sampledValue': ["
                + "  {'value': '7.4', 'measurand': 'Power.Active.Import', 'unit': 'kW'},"
                + "  {'value': '1.5', 'unit': 'kWh'},"
                + "  {'value': '230', 'measurand': 'Voltage', 'unit': 'V'}]},"
                + "{'timestamp': '2024-06-01T12:01:00Z', 'sampledValue': ["
                + "  {'value': '1000', 'measurand': 'Power.Active.Import', 'unit': 'W', 'phase': 'L1'},"
                + "  {'value': '1200', 'measurand': 'Power.Active.Import', 'unit': 'W', 'phase': 'L2'},"
                + "  {'value': '1600', 'measurand': 'Energy.Active.Import.Register'}]},"
                + "{'timestamp': '2024-06-01T12:02:00Z', 'sampledValue': [{'value': '12', 'measurand': 'SoC'}]}]}"));

        assertThat(sink.payloads()).containsExactly(MeterValuesReported.newBuilder().setConnectorId(2)
                .setTransactionId(9).setSamples(java.util.List.of(
                        MeterSample.newBuilder().setSampledAt(Instant.parse(AT)).setPowerW(7400.0)
                                .setEnergyWh(1500.0).build(),
                        MeterSample.newBuilder().setSampledAt(Instant.parse("2024-06-01T12:01:00Z")).setPowerW(2200.0)
                                .setEnergyWh(1600.0).build()))
                .build());
    }

    @Test
    void aMeterValueThatIsNotANumberIsAPropertyConstraintViolation() {
        String answer = answer(call("MeterValues", "{'connectorId': 1, 'meterValue': [{'timestamp': '" + AT + "',"
                + " 'sampledValue': [{'value': 'lots'}]}]}"));

        assertThat(errorCode(answer)).isEqualTo("PropertyConstraintViolation");
        assertThat(sink.sent()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{'value': '1e308', 'unit': 'kWh'}",
            "{'value': '1.7e308', 'measurand': 'Power.Active.Import', 'unit': 'kW'}",
            "{'value': '1e13'}",
            "{'value': '10000.001', 'measurand': 'Power.Active.Import', 'unit': 'kW'}",
            "{'value': '-10000001', 'measurand': 'Power.Active.Import', 'unit': 'W'}",
            "{'value': '6000', 'measurand': 'Power.Active.Import', 'unit': 'kW', 'phase': 'L1'}, "
                    + "{'value': '6000', 'measurand': 'Power.Active.Import', 'unit': 'kW', 'phase': 'L2'}",
            // a phase's value is checked even where the total makes it unused
            "{'value': '7', 'measurand': 'Power.Active.Import', 'unit': 'kW'}, "
                    + "{'value': '1e300', 'measurand': 'Power.Active.Import', 'unit': 'W', 'phase': 'L1'}"})
    void aMeterValueBeyondItsPhysicalBoundIsAPropertyConstraintViolation(String sampledValues) {
        String meterValue = "[{'timestamp': '" + AT + "', 'sampledValue': [" + sampledValues + "]}]";

        String meterValues = answer(call("MeterValues", "{'connectorId': 1, 'transactionId': 5, 'meterValue': "
                + meterValue + "}"));
        String stop = answer(call("StopTransaction", "{'transactionId': 5, 'meterStop': 10, 'timestamp': '" + AT
                + "', 'transactionData': " + meterValue + "}"));

        for (String answer : List.of(meterValues, stop)) {
            assertThat(errorCode(answer)).isEqualTo("PropertyConstraintViolation");
            assertThat(read(answer).get(3).asText()).startsWith("sampledValue.value: ");
        }
        assertThat(sink.sent()).isEmpty();
    }

    @Test
    void meterValuesAtTheirPhysicalBoundsAreTaken() {
        result(call("MeterValues", "{'connectorId': 1, 'meterValue': [{'timestamp': '" + AT + "', 'sampledValue': ["
                + "{'value': '1000000000', 'unit': 'kWh'}, "
                + "{'value': '10000', 'measurand': 'Power.Active.Import', 'unit': 'kW'}]}]}"));

        assertThat(sink.payloads()).containsExactly(MeterValuesReported.newBuilder().setConnectorId(1)
                .setSamples(List.of(MeterSample.newBuilder().setSampledAt(Instant.parse(AT)).setPowerW(10e6)
                        .setEnergyWh(1e12).build()))
                .build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000-12-31T23:59:59.999Z", "0001-01-01T00:30:00+01:00", "9999-12-31T23:59:59-01:00"})
    void aTimestampOutsideTheYears0001To9999IsAPropertyConstraintViolation(String timestamp) {
        String status = answer(call("StatusNotification", "{'connectorId': 1, 'errorCode': 'NoError', "
                + "'status': 'Available', 'timestamp': '" + timestamp + "'}"));
        String meter = answer(call("MeterValues", "{'connectorId': 1, 'meterValue': [{'timestamp': '" + timestamp
                + "', 'sampledValue': [{'value': '1'}]}]}"));
        // a meter value that gives no sample (only a voltage) is checked all the same
        String voltage = answer(call("MeterValues", "{'connectorId': 1, 'meterValue': [{'timestamp': '" + timestamp
                + "', 'sampledValue': [{'value': '230', 'measurand': 'Voltage', 'unit': 'V'}]}]}"));
        String start = answer(call("StartTransaction", "{'connectorId': 1, 'idTag': 'T', 'meterStart': 0, "
                + "'timestamp': '" + timestamp + "'}"));

        for (String answer : List.of(status, meter, voltage, start)) {
            assertThat(errorCode(answer)).isEqualTo("PropertyConstraintViolation");
            assertThat(read(answer).get(3).asText()).endsWith("must be in the years 0001 to 9999: " + timestamp);
        }
        assertThat(sink.sent()).isEmpty();
    }

    @Test
    void aBootNotificationWithTextNoReaderCanHoldIsRefusedAndRecordsNothing() {
        String nul = answer(call("BootNotification", "{'chargePointVendor': 'A', 'chargePointModel': 'M', "
                + "'firmwareVersion': '1.0\\u0000'}"));
        String surrogate = answer(call("BootNotification", "{'chargePointVendor': 'A', 'chargePointModel': 'M', "
                + "'firmwareVersion': '\\ud800'}"));

        assertThat(errorCode(nul)).isEqualTo("PropertyConstraintViolation");
        assertThat(read(nul).get(3).asText()).isEqualTo("firmwareVersion: must not contain U+0000 (NUL)");
        assertThat(errorCode(surrogate)).isEqualTo("PropertyConstraintViolation");
        assertThat(sink.sent()).isEmpty();
    }

    @Test
    void startTransactionAssignsATransactionIdAndStopTransactionClosesIt() {
        JsonNode started = result(call("StartTransaction", "{'connectorId': 1, 'idTag': 'TAG1', 'meterStart': 1000,"
                + " 'reservationId': 4, 'timestamp': '" + AT + "'}"));
        int transactionId = started.get("transactionId").asInt();
        JsonNode stopped = result(call("StopTransaction", "{'transactionId': " + transactionId + ", 'meterStop': 9000,"
                + " 'idTag': 'TAG1', 'reason': 'EVDisconnected', 'timestamp': '2024-06-01T13:00:00Z',"
                + " 'transactionData': [{'timestamp': '2024-06-01T12:30:00Z', 'sampledValue': [{'value': '4.5',"
                + " 'measurand': 'Energy.Active.Import.Register', 'unit': 'kWh'}]}]}"));

        assertThat(started.get("idTagInfo").get("status").asText()).isEqualTo("Accepted");
        assertThat(stopped.get("idTagInfo").get("status").asText()).isEqualTo("Accepted");
        assertThat(sink.payloads()).containsExactly(
                TransactionStarted.newBuilder().setConnectorId(1).setTransactionId(transactionId).setIdTag("TAG1")
                        .setMeterStartWh(1000L).setReservationId(4).build(),
                TransactionStopped.newBuilder().setTransactionId(transactionId).setMeterStopWh(9000L).setIdTag("TAG1")
                        .setReason("EVDisconnected").setSamples(List.of(MeterSample.newBuilder()
                                .setSampledAt(Instant.parse("2024-06-01T12:30:00Z")).setEnergyWh(4500.0).build()))
                        .build());
        assertThat(sink.sent()).extracting(ChargerTelemetry::getOccurredAt)
                .containsExactly(Instant.parse(AT), Instant.parse("2024-06-01T13:00:00Z"));
    }

    @Test
    void messagesWithoutATelemetryEventAreAnsweredWithoutRecording() {
        assertThat(result(call("Authorize", "{'idTag': 'TAG1'}")).get("idTagInfo").get("status").asText())
                .isEqualTo("Accepted");
        assertThat(result(call("DataTransfer", "{'vendorId': 'com.example'}")).get("status").asText())
                .isEqualTo("UnknownVendorId");
        assertThat(sink.sent()).isEmpty();
    }

    @Test
    void firmwareAndDiagnosticsStatusesAreRecordedAndAnsweredEmpty() {
        assertThat(result(call("FirmwareStatusNotification", "{'status': 'Installed'}"))).isEmpty();
        assertThat(result(call("DiagnosticsStatusNotification", "{'status': 'UploadFailed'}"))).isEmpty();
        assertThat(errorCode(answer(call("FirmwareStatusNotification", "{'status': 'Exploded'}"))))
                .isEqualTo("PropertyConstraintViolation");

        assertThat(sink.payloads()).containsExactly(new FirmwareStatusChanged("Installed"),
                new DiagnosticsStatusChanged("UploadFailed"));
    }

    @Test
    void anUnknownActionIsNotImplemented() {
        assertThat(errorCode(answer(call("FlyToTheMoon", "{}")))).isEqualTo("NotImplemented");
    }

    @Test
    void anInvalidPayloadGetsTheSchemasCodeAndRecordsNothing() {
        assertThat(errorCode(answer(call("StatusNotification", "{'connectorId': 1, 'status': 'Available'}"))))
                .isEqualTo("FormationViolation");
        assertThat(sink.sent()).isEmpty();
    }

    /** What every reader can hold: years 0001 to 9999, in UTC, inclusive. */
    @Test
    void aTimestampAtTheEdgesOfTheYears0001To9999IsAccepted() {
        result(call("StatusNotification", "{'connectorId': 1, 'errorCode': 'NoError', 'status': 'Available', "
                + "'timestamp': '0001-01-01T00:00:00Z'}"));
        result(call("StatusNotification", "{'connectorId': 1, 'errorCode': 'NoError', 'status': 'Available', "
                + "'timestamp': '9999-12-31T23:59:59.999Z'}"));
        assertThat(sink.sent()).hasSize(2);
    }

    @Test
    void theResultWaitsForTheTelemetryToBeAcknowledged() {
        sink.holdAcknowledgements();

        CompletionStage<String> answer = handler.answer(call("Heartbeat", "{}"), CHARGER, RECEIVED);

        assertThat(answer.toCompletableFuture()).isNotDone();
        sink.pending().get(0).complete(null);
        assertThat(answer.toCompletableFuture().join()).startsWith("[3,\"1\",");
    }

    @Test
    void aFailedSendIsAnInternalError() {
        sink.failWith(new IllegalStateException("broker down"));

        String answer = answer(call("Heartbeat", "{}"));

        assertThat(errorCode(answer)).isEqualTo("InternalError");
        assertThat(answer).startsWith("[4,\"1\",");
    }

    private static Frame.Call call(String action, String singleQuotedPayload) {
        return (Frame.Call) Frames.parse("[2, \"1\", \"" + action + "\", " + singleQuotedPayload.replace('\'', '"') + "]");
    }

    private String answer(Frame.Call call) {
        return handler.answer(call, CHARGER, RECEIVED).toCompletableFuture().join();
    }

    private JsonNode result(Frame.Call call) {
        JsonNode frame = read(answer(call));
        assertThat(frame.get(0).asInt()).as("a CALLRESULT: %s", frame).isEqualTo(3);
        assertThat(frame.get(1).asText()).isEqualTo(call.id());
        return frame.get(2);
    }

    private static String errorCode(String answer) {
        JsonNode frame = read(answer);
        assertThat(frame.get(0).asInt()).as("a CALLERROR: %s", frame).isEqualTo(4);
        return frame.get(2).asText();
    }

    private static JsonNode read(String frame) {
        try {
            return JSON.readTree(frame);
        } catch (Exception e) {
            throw new IllegalArgumentException(frame, e);
        }
    }
}
