package org.dynamocsms.platform.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OCPP 2.0.1's schemas of the calls a charging station makes that the gateway handles, and of its answers. */
class Ocpp201PayloadSchemasTest {

    private static final PayloadSchemas SCHEMAS = new PayloadSchemas(OcppVersion.OCPP201);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theyAreOcpp201s() {
        assertThat(SCHEMAS.version()).isEqualTo(OcppVersion.OCPP201);
        assertThat(SCHEMAS.chargerActions()).containsExactlyInAnyOrder("BootNotification", "Heartbeat",
                "StatusNotification", "Authorize", "FirmwareStatusNotification", "LogStatusNotification");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "BootNotification  | {'reason': 'PowerUp', 'chargingStation': {'model': 'Eve', 'vendorName': 'Alfen', 'serialNumber': 'S1', 'firmwareVersion': '6.1', 'modem': {'iccid': 'i', 'imsi': 'm'}}}",
            "BootNotification  | {'reason': 'Watchdog', 'chargingStation': {'model': 'Eve', 'vendorName': 'A vendor name of fifty characters, no more at all!', 'customData': {'vendorId': 'x', 'any': 1}}}",
            "Heartbeat         | {}",
            "StatusNotification| {'timestamp': '2024-06-01T12:00:00.123Z', 'connectorStatus': 'Occupied', 'evseId': 1, 'connectorId': 1}",
            "Authorize         | {'idToken': {'idToken': '04A2B3C4', 'type': 'ISO14443'}}",
            "FirmwareStatusNotification | {'status': 'SignatureVerified', 'requestId': 3}",
            "LogStatusNotification      | {'status': 'AcceptedCanceled'}",
    })
    void validRequestsPass(String action, String payload) {
        assertThat(SCHEMAS.check(action, json(payload))).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "BootNotification  | {'currentTime': '2024-06-01T12:00:00Z', 'interval': 300, 'status': 'Accepted'}",
            "Heartbeat         | {'currentTime': '2024-06-01T12:00:00Z'}",
            "StatusNotification| {}",
            "Authorize         | {'idTokenInfo': {'status': 'Accepted'}}",
            "FirmwareStatusNotification | {}",
            "LogStatusNotification      | {}",
    })
    void theGatewaysAnswersPass(String action, String payload) {
        assertThat(SCHEMAS.checkConfirmation(action, json(payload))).isEmpty();
    }

    @ParameterizedTest(name = "{0} {2}")
    @CsvSource(delimiter = '|', value = {
            "BootNotification  | {'chargingStation': {'model': 'Eve', 'vendorName': 'Alfen'}}                                   | FormationViolation",
            "BootNotification  | {'reason': 'PowerUp', 'chargingStation': {'model': 'Eve'}}                                     | FormationViolation",
            "BootNotification  | {'reason': 'PowerUp', 'chargingStation': {'model': 'Eve', 'vendorName': 'Alfen', 'x': 1}}     | FormationViolation",
            "BootNotification  | {'reason': 'Sunrise', 'chargingStation': {'model': 'Eve', 'vendorName': 'Alfen'}}             | PropertyConstraintViolation",
            "BootNotification  | {'reason': 'PowerUp', 'chargingStation': {'model': 'A model name of 21 chr', 'vendorName': 'A'}} | PropertyConstraintViolation",
            "BootNotification  | {'reason': 'PowerUp', 'chargingStation': {'model': 7, 'vendorName': 'Alfen'}}                  | TypeConstraintViolation",
            "Heartbeat         | {'now': true}                                                                                  | FormationViolation",
            "StatusNotification| {'timestamp': '2024-06-01T12:00:00Z', 'connectorStatus': 'Charging', 'evseId': 1, 'connectorId': 1} | PropertyConstraintViolation",
            "StatusNotification| {'timestamp': 'yesterday', 'connectorStatus': 'Available', 'evseId': 1, 'connectorId': 1}   | PropertyConstraintViolation",
            "StatusNotification| {'timestamp': '2024-06-01T12:00:00Z', 'connectorStatus': 'Available', 'evseId': -1, 'connectorId': 1} | PropertyConstraintViolation",
            "StatusNotification| {'timestamp': '2024-06-01T12:00:00Z', 'connectorStatus': 'Available', 'evseId': 1}         | FormationViolation",
            "Authorize         | {'idToken': {'idToken': '04A2B3C4', 'type': 'Fingerprint'}}                                   | PropertyConstraintViolation",
            "Authorize         | {'idToken': {'idToken': '04A2B3C4', 'type': 'ISO14443'}, 'iso15118CertificateHashData': []}  | OccurenceConstraintViolation",
            "FirmwareStatusNotification | {'status': 'Installed', 'requestId': 'seven'}                                  | TypeConstraintViolation",
            "LogStatusNotification      | {'status': 'Uploaded', 'requestId': 3, 'bytes': 7}                             | FormationViolation",
    })
    void invalidRequestsAreRefusedWithTheirCode(String action, String payload, ErrorCode code) {
        Optional<Violation> violation = SCHEMAS.check(action, json(payload));

        assertThat(violation).map(Violation::code).contains(code);
    }

    @Test
    void whatNoReaderCouldHoldIsRefusedToo() {
        assertThat(SCHEMAS.check("BootNotification",
                json("{'reason': 'PowerUp', 'chargingStation': {'model': 'Eve', 'vendorName': 'Al\\u0000fen'}}")))
                .map(Violation::description).contains("chargingStation.vendorName: must not contain U+0000 (NUL)");
    }

    private static ObjectNode json(String singleQuoted) {
        try {
            return (ObjectNode) JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(singleQuoted, e);
        }
    }
}
