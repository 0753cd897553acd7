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
                "StatusNotification", "Authorize", "FirmwareStatusNotification", "LogStatusNotification",
                "TransactionEvent", "MeterValues", "NotifyEvent", "SecurityEventNotification", "NotifyReport");
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
            "TransactionEvent  | {'eventType': 'Started', 'timestamp': '2024-06-01T12:00:00Z', 'triggerReason': 'Authorized', 'seqNo': 0, 'transactionInfo': {'transactionId': 'tx-1', 'chargingState': 'EVConnected'}, 'evse': {'id': 1, 'connectorId': 1}, 'idToken': {'idToken': '04A2B3C4', 'type': 'ISO14443'}, 'meterValue': [{'timestamp': '2024-06-01T12:00:00Z', 'sampledValue': [{'value': 1234.5, 'context': 'Transaction.Begin', 'measurand': 'Energy.Active.Import.Register', 'unitOfMeasure': {'unit': 'kWh', 'multiplier': 0}}, {'value': 16, 'measurand': 'Current.Import', 'phase': 'L1', 'unitOfMeasure': {'unit': 'A'}}]}]}",
            "TransactionEvent  | {'eventType': 'Updated', 'timestamp': '2024-06-01T12:15:00Z', 'triggerReason': 'MeterValuePeriodic', 'seqNo': 1, 'transactionInfo': {'transactionId': 'tx-1', 'chargingState': 'Charging', 'timeSpentCharging': 900}}",
            "TransactionEvent  | {'eventType': 'Ended', 'timestamp': '2024-06-01T13:00:00Z', 'triggerReason': 'EVDeparted', 'seqNo': 2, 'offline': true, 'transactionInfo': {'transactionId': 'tx-1', 'stoppedReason': 'EVDisconnected'}}",
            "MeterValues       | {'evseId': 0, 'meterValue': [{'timestamp': '2024-06-01T12:00:00Z', 'sampledValue': [{'value': 230.1, 'measurand': 'Voltage', 'phase': 'L1-N', 'location': 'Inlet'}]}]}",
            "NotifyEvent       | {'generatedAt': '2024-06-01T12:00:00Z', 'seqNo': 0, 'eventData': [{'eventId': 1, 'timestamp': '2024-06-01T12:00:00Z', 'trigger': 'Delta', 'actualValue': 'true', 'eventNotificationType': 'HardWiredNotification', 'techCode': 'E42', 'component': {'name': 'Connector', 'evse': {'id': 1, 'connectorId': 1}}, 'variable': {'name': 'Problem'}}, {'eventId': 2, 'timestamp': '2024-06-01T12:00:01Z', 'trigger': 'Alerting', 'cause': 1, 'cleared': true, 'actualValue': '71', 'eventNotificationType': 'PreconfiguredMonitor', 'component': {'name': 'ChargingStation'}, 'variable': {'name': 'Temperature', 'instance': 'Internal'}}]}",
            "SecurityEventNotification | {'type': 'SettingSystemTime', 'timestamp': '2024-06-01T12:00:00Z', 'techInfo': 'clock set by NTP'}",
            "NotifyReport      | {'requestId': 5, 'generatedAt': '2024-06-01T12:00:00Z', 'tbc': true, 'seqNo': 0, 'reportData': [{'component': {'name': 'OCPPCommCtrlr'}, 'variable': {'name': 'HeartbeatInterval'}, 'variableAttribute': [{'type': 'Actual', 'value': '300', 'mutability': 'ReadWrite', 'persistent': true}], 'variableCharacteristics': {'unit': 's', 'dataType': 'integer', 'minLimit': 1, 'supportsMonitoring': false}}]}",
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
            "TransactionEvent  | {}",
            "TransactionEvent  | {'idTokenInfo': {'status': 'Accepted'}}",
            "TransactionEvent  | {'totalCost': 12.34, 'chargingPriority': 0, 'idTokenInfo': {'status': 'Blocked', 'evseId': [1]}, 'updatedPersonalMessage': {'format': 'UTF8', 'language': 'en', 'content': 'Card blocked'}}",
            "MeterValues       | {}",
            "NotifyEvent       | {}",
            "SecurityEventNotification | {}",
            "NotifyReport      | {}",
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
            "TransactionEvent  | {'eventType': 'Paused', 'timestamp': '2024-06-01T12:00:00Z', 'triggerReason': 'Authorized', 'seqNo': 0, 'transactionInfo': {'transactionId': 'tx-1'}} | PropertyConstraintViolation",
            "TransactionEvent  | {'eventType': 'Started', 'timestamp': '2024-06-01T12:00:00Z', 'triggerReason': 'Authorized', 'seqNo': 0}                                         | FormationViolation",
            "TransactionEvent  | {'eventType': 'Started', 'timestamp': '2024-06-01T12:00:00Z', 'triggerReason': 'Authorized', 'seqNo': 'one', 'transactionInfo': {'transactionId': 'tx-1'}} | TypeConstraintViolation",
            "TransactionEvent  | {'eventType': 'Started', 'timestamp': '2024-06-01T12:00:00Z', 'triggerReason': 'Authorized', 'seqNo': 0, 'transactionInfo': {'transactionId': 'a transaction id of 37 characters....'}} | PropertyConstraintViolation",
            "TransactionEvent  | {'eventType': 'Started', 'timestamp': '2024-06-01T12:00:00Z', 'triggerReason': 'Authorized', 'seqNo': 0, 'transactionInfo': {'transactionId': 'tx-1'}, 'evse': {'id': -1}} | PropertyConstraintViolation",
            "MeterValues       | {'evseId': 1, 'meterValue': []}                                                                | OccurenceConstraintViolation",
            "MeterValues       | {'evseId': 1, 'meterValue': [{'timestamp': '2024-06-01T12:00:00Z', 'sampledValue': [{'value': '12'}]}]} | TypeConstraintViolation",
            "MeterValues       | {'evseId': 1, 'meterValue': [{'timestamp': '2024-06-01T12:00:00Z', 'sampledValue': [{'value': 12, 'unitOfMeasure': {'multiplier': 2147483648}}]}]} | PropertyConstraintViolation",
            "NotifyEvent       | {'generatedAt': '2024-06-01T12:00:00Z', 'seqNo': 0, 'eventData': []}                          | OccurenceConstraintViolation",
            "NotifyEvent       | {'generatedAt': '2024-06-01T12:00:00Z', 'seqNo': 0, 'eventData': [{'eventId': 1, 'timestamp': '2024-06-01T12:00:00Z', 'trigger': 'Delta', 'actualValue': 'true', 'eventNotificationType': 'HardWiredNotification', 'component': {'name': 'Connector'}}]} | FormationViolation",
            "NotifyEvent       | {'generatedAt': '2024-06-01T12:00:00Z', 'seqNo': 0, 'eventData': [{'eventId': 1, 'timestamp': '2024-06-01T12:00:00Z', 'trigger': 'Sometimes', 'actualValue': 'true', 'eventNotificationType': 'HardWiredNotification', 'component': {'name': 'Connector'}, 'variable': {'name': 'Problem'}}]} | PropertyConstraintViolation",
            "SecurityEventNotification | {'type': 'A security event type that is fifty-one characters!', 'timestamp': '2024-06-01T12:00:00Z'} | PropertyConstraintViolation",
            "SecurityEventNotification | {'type': 'SettingSystemTime'}                                                         | FormationViolation",
            "NotifyReport      | {'requestId': 5, 'seqNo': 0}                                                                  | FormationViolation",
            "NotifyReport      | {'requestId': 5, 'generatedAt': '2024-06-01T12:00:00Z', 'seqNo': 0, 'reportData': [{'component': {'name': 'OCPPCommCtrlr'}, 'variable': {'name': 'HeartbeatInterval'}, 'variableAttribute': [{'mutability': 'Sometimes'}]}]} | PropertyConstraintViolation",
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
