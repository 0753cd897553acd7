package org.dynamocsms.ocpp.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

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
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.dynamocsms.schemas.telemetry.ConnectorStatusChanged;
import org.dynamocsms.schemas.telemetry.DiagnosticsStatusChanged;
import org.dynamocsms.schemas.telemetry.FirmwareStatusChanged;
import org.dynamocsms.schemas.telemetry.HeartbeatReceived;
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
    private final CallHandler handler = new CallHandler(SCHEMAS, new ChargingStationActions(Duration.ofSeconds(120)),
            sink);

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
    void aCallNotHandledYetIsNotImplemented() {
        assertThat(answer("TransactionEvent", "{'eventType': 'Started'}"))
                .startsWith("[4,\"1\",\"NotImplemented\",\"unknown action TransactionEvent\"");
        assertThat(answer("StartTransaction", "{'connectorId': 1}")).startsWith("[4,\"1\",\"NotImplemented\"");
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
