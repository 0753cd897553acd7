package org.dynamocsms.platform.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * OCPP 2.0.1's schemas of the calls a charging station makes that the gateway handles and of the gateway's answers,
 * and of the calls the central system makes to a station and of the station's answers.
 */
class Ocpp201PayloadSchemasTest {

    private static final PayloadSchemas SCHEMAS = new PayloadSchemas(OcppVersion.OCPP201);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A SetChargingProfile request's start, up to its first schedule period (then close four lists and objects). */
    private static final String TX_PROFILE = "{'evseId': 1, 'chargingProfile': {'id': 7, 'stackLevel': 1, "
            + "'chargingProfilePurpose': 'TxProfile', 'chargingProfileKind': 'Absolute', 'transactionId': 'tx-1', "
            + "'chargingSchedule': [{'id': 1, 'chargingRateUnit': 'W', 'chargingSchedulePeriod': [";
    private static final String END = "]}]}}";
    /** A daily default profile in amperes, 8.7 A from 08:00 to 20:00, else 16 A, with a sales tariff. */
    private static final String DAILY_PROFILE = "{'id': 100, 'stackLevel': 0, "
            + "'chargingProfilePurpose': 'TxDefaultProfile', 'chargingProfileKind': 'Recurring', "
            + "'recurrencyKind': 'Daily', 'validFrom': '2024-06-01T00:00:00Z', 'validTo': '2025-06-01T00:00:00Z', "
            + "'chargingSchedule': [{'id': 2, 'duration': 86400, 'startSchedule': '2024-06-01T00:00:00Z', "
            + "'chargingRateUnit': 'A', 'minChargingRate': 6.0, 'chargingSchedulePeriod': ["
            + "{'startPeriod': 0, 'limit': 16.0, 'numberPhases': 3}, {'startPeriod': 28800, 'limit': 8.7}, "
            + "{'startPeriod': 72000, 'limit': 16.0, 'numberPhases': 1, 'phaseToUse': 2}], "
            + "'salesTariff': {'id': 1, 'numEPriceLevels': 2, 'salesTariffEntry': ["
            + "{'relativeTimeInterval': {'start': 0, 'duration': 28800}, 'ePriceLevel': 0}, "
            + "{'relativeTimeInterval': {'start': 28800}, 'ePriceLevel': 1, 'consumptionCost': [{'startValue': 0, "
            + "'cost': [{'costKind': 'RelativePricePercentage', 'amount': 120, 'amountMultiplier': 0}]}]}]}}]}";
    private static final String CONNECTOR_TYPE = "'component': {'name': 'Connector', 'evse': {'id': 1, 'connectorId': 1}}, 'variable': {'name': 'ConnectorType'}";
    private static final String HEARTBEAT_INTERVAL = "'component': {'name': 'OCPPCommCtrlr'}, 'variable': {'name': 'HeartbeatInterval'}";

    @Test
    void theyAreOcpp201s() {
        assertThat(SCHEMAS.version()).isEqualTo(OcppVersion.OCPP201);
        assertThat(SCHEMAS.chargerActions()).containsExactlyInAnyOrder("BootNotification", "Heartbeat",
                "StatusNotification", "Authorize", "FirmwareStatusNotification", "LogStatusNotification",
                "TransactionEvent", "MeterValues", "NotifyEvent", "SecurityEventNotification", "NotifyReport");
    }

    @Test
    void theCentralSystemMakesElevenCalls() {
        assertThat(PayloadSchemas.CENTRAL_SYSTEM_ACTIONS_201).containsExactlyInAnyOrder("SetChargingProfile",
                "ClearChargingProfile", "GetCompositeSchedule", "RequestStartTransaction", "RequestStopTransaction",
                "ChangeAvailability", "Reset", "UnlockConnector", "TriggerMessage", "GetVariables", "SetVariables");
        assertThat(PayloadSchemas.CENTRAL_SYSTEM_ACTIONS_201).doesNotContainAnyElementsOf(SCHEMAS.chargerActions());
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

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "SetChargingProfile     | " + TX_PROFILE + "{'startPeriod': 0, 'limit': 7400.0, 'numberPhases': 3}" + END,
            "SetChargingProfile     | {'evseId': 0, 'chargingProfile': " + DAILY_PROFILE + "}",
            "SetChargingProfile     | " + TX_PROFILE + "{'startPeriod': 0, 'limit': 0}, {'startPeriod': 60, 'limit': 1000000}" + END,
            "ClearChargingProfile   | {'chargingProfileId': 7}",
            "ClearChargingProfile   | {'chargingProfileCriteria': {'evseId': 1, 'chargingProfilePurpose': 'TxProfile', 'stackLevel': 1}}",
            "GetCompositeSchedule   | {'duration': 3600, 'chargingRateUnit': 'W', 'evseId': 1}",
            "RequestStartTransaction| {'idToken': {'idToken': 'TAG', 'type': 'Central'}, 'remoteStartId': 7, 'evseId': 1}",
            "RequestStartTransaction| {'idToken': {'idToken': 'TAG', 'type': 'Central'}, 'remoteStartId': 8, 'groupIdToken': {'idToken': 'GROUP', 'type': 'Central'}, 'chargingProfile': {'id': 9, 'stackLevel': 0, 'chargingProfilePurpose': 'TxProfile', 'chargingProfileKind': 'Relative', 'chargingSchedule': [{'id': 1, 'chargingRateUnit': 'A', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 16}]}]}}",
            "RequestStopTransaction | {'transactionId': 'tx-1'}",
            "ChangeAvailability     | {'operationalStatus': 'Inoperative', 'evse': {'id': 1}}",
            "ChangeAvailability     | {'operationalStatus': 'Operative'}",
            "Reset                  | {'type': 'Immediate'}",
            "Reset                  | {'type': 'OnIdle', 'evseId': 1}",
            "UnlockConnector        | {'evseId': 1, 'connectorId': 1}",
            "TriggerMessage         | {'requestedMessage': 'StatusNotification', 'evse': {'id': 1, 'connectorId': 1}}",
            "TriggerMessage         | {'requestedMessage': 'BootNotification'}",
            "GetVariables           | {'getVariableData': [{" + CONNECTOR_TYPE + "}, {'attributeType': 'Actual', " + HEARTBEAT_INTERVAL + "}]}",
            "SetVariables           | {'setVariableData': [{'attributeValue': '300', " + HEARTBEAT_INTERVAL + "}]}",
    })
    void theCentralSystemsCallsPass(String action, String payload) {
        assertThat(SCHEMAS.check(action, json(payload))).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "SetChargingProfile     | {'status': 'Accepted'}",
            "SetChargingProfile     | {'status': 'Rejected', 'statusInfo': {'reasonCode': 'TxNotFound', 'additionalInfo': 'no transaction tx-1'}}",
            "ClearChargingProfile   | {'status': 'Unknown'}",
            "GetCompositeSchedule   | {'status': 'Accepted', 'schedule': {'evseId': 1, 'duration': 3600, 'scheduleStart': '2024-06-01T12:00:00Z', 'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 7400.0, 'numberPhases': 3}, {'startPeriod': 1800, 'limit': 3700.0}]}}",
            "GetCompositeSchedule   | {'status': 'Rejected'}",
            "RequestStartTransaction| {'status': 'Accepted', 'transactionId': 'tx-1'}",
            "RequestStopTransaction | {'status': 'Rejected'}",
            "ChangeAvailability     | {'status': 'Scheduled'}",
            "Reset                  | {'status': 'Scheduled'}",
            "UnlockConnector        | {'status': 'Unlocked'}",
            "TriggerMessage         | {'status': 'NotImplemented'}",
            "GetVariables           | {'getVariableResult': [{'attributeStatus': 'Accepted', 'attributeType': 'Actual', 'attributeValue': 'cType2', " + CONNECTOR_TYPE + "}, {'attributeStatus': 'UnknownVariable', 'attributeStatusInfo': {'reasonCode': 'NotFound'}, " + HEARTBEAT_INTERVAL + "}]}",
            "SetVariables           | {'setVariableResult': [{'attributeStatus': 'RebootRequired', " + HEARTBEAT_INTERVAL + "}]}",
    })
    void theStationsAnswersPass(String action, String payload) {
        assertThat(SCHEMAS.checkConfirmation(action, json(payload))).isEmpty();
    }

    @ParameterizedTest(name = "{0} {2}")
    @CsvSource(delimiter = '|', value = {
            "SetChargingProfile     | " + TX_PROFILE + "{'startPeriod': 0, 'limit': -1}" + END + "                    | PropertyConstraintViolation",
            "SetChargingProfile     | " + TX_PROFILE + "{'startPeriod': 0, 'limit': 2000000}" + END + "               | PropertyConstraintViolation",
            "SetChargingProfile     | " + TX_PROFILE + "{'startPeriod': -1, 'limit': 16}" + END + "                   | PropertyConstraintViolation",
            "SetChargingProfile     | " + TX_PROFILE + "{'startPeriod': 0, 'limit': 16, 'numberPhases': 4}" + END + "  | PropertyConstraintViolation",
            "SetChargingProfile     | " + TX_PROFILE + "{'startPeriod': 0, 'limit': '16'}" + END + "                  | TypeConstraintViolation",
            "SetChargingProfile     | " + TX_PROFILE + END + "                                                        | OccurenceConstraintViolation",
            "SetChargingProfile     | {'evseId': 1, 'chargingProfile': {'id': 7, 'stackLevel': 1, 'chargingProfilePurpose': 'TxProfile', 'chargingProfileKind': 'Absolute', 'chargingSchedule': []}} | OccurenceConstraintViolation",
            "SetChargingProfile     | {'evseId': 1, 'chargingProfile': {'id': 7, 'stackLevel': 1, 'chargingProfilePurpose': 'TxProfile', 'chargingProfileKind': 'Absolute', 'chargingSchedule': [{'id': 1, 'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 1}]}, {'id': 2, 'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 1}]}, {'id': 3, 'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 1}]}, {'id': 4, 'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 1}]}]}} | OccurenceConstraintViolation",
            "SetChargingProfile     | {'evseId': 1, 'chargingProfile': {'id': 7, 'stackLevel': -1, 'chargingProfilePurpose': 'TxProfile', 'chargingProfileKind': 'Absolute', 'chargingSchedule': [{'id': 1, 'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 1}]}]}} | PropertyConstraintViolation",
            "SetChargingProfile     | {'evseId': 1, 'chargingProfile': {'id': 7, 'stackLevel': 1, 'chargingProfilePurpose': 'ChargePointMaxProfile', 'chargingProfileKind': 'Absolute', 'chargingSchedule': [{'id': 1, 'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 1}]}]}} | PropertyConstraintViolation",
            "SetChargingProfile     | {'evseId': 1, 'chargingProfile': {'id': 7, 'stackLevel': 1, 'chargingProfilePurpose': 'TxProfile', 'chargingProfileKind': 'Absolute', 'chargingSchedule': [{'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 1}]}]}} | FormationViolation",
            "SetChargingProfile     | {'connectorId': 1, 'chargingProfile': " + DAILY_PROFILE + "}                    | FormationViolation",
            "ClearChargingProfile   | {'chargingProfileCriteria': {'evseId': -1}}                                     | PropertyConstraintViolation",
            "GetCompositeSchedule   | {'duration': 3600}                                                              | FormationViolation",
            "GetCompositeSchedule   | {'duration': 3600, 'evseId': 1, 'chargingRateUnit': 'kW'}                       | PropertyConstraintViolation",
            "RequestStartTransaction| {'idToken': {'idToken': 'TAG', 'type': 'Central'}, 'evseId': 1}                | FormationViolation",
            "RequestStartTransaction| {'idToken': {'idToken': 'TAG', 'type': 'Central'}, 'remoteStartId': 7, 'evseId': 0} | PropertyConstraintViolation",
            "RequestStartTransaction| {'idTag': 'TAG', 'remoteStartId': 7}                                           | FormationViolation",
            "RequestStopTransaction | {}                                                                              | FormationViolation",
            "RequestStopTransaction | {'transactionId': 5}                                                            | TypeConstraintViolation",
            "ChangeAvailability     | {'operationalStatus': 'Inoperative', 'evse': {'id': 1, 'connectorId': -1}}      | PropertyConstraintViolation",
            "ChangeAvailability     | {'type': 'Inoperative'}                                                         | FormationViolation",
            "Reset                  | {'type': 'Hard'}                                                                | PropertyConstraintViolation",
            "Reset                  | {'type': 'Immediate', 'evseId': 2147483648}                                     | PropertyConstraintViolation",
            "UnlockConnector        | {'connectorId': 1}                                                              | FormationViolation",
            "TriggerMessage         | {'requestedMessage': 'DiagnosticsStatusNotification'}                           | PropertyConstraintViolation",
            "TriggerMessage         | {'requestedMessage': 'StatusNotification', 'evse': {'connectorId': 1}}           | FormationViolation",
            "GetVariables           | {'getVariableData': []}                                                         | OccurenceConstraintViolation",
            "GetVariables           | {'getVariableData': [{'component': {'name': 'Connector'}, 'variable': {'name': 'A variable name of fifty-one characters, too long!!'}}]} | PropertyConstraintViolation",
            "SetVariables           | {'setVariableData': [{" + HEARTBEAT_INTERVAL + "}]}                         | FormationViolation",
            "SetVariables           | {'setVariableData': [{'attributeValue': 300, " + HEARTBEAT_INTERVAL + "}]}  | TypeConstraintViolation",
    })
    void invalidCallsOfTheCentralSystemAreRefusedWithTheirCode(String action, String payload, ErrorCode code) {
        Optional<Violation> violation = SCHEMAS.check(action, json(payload));

        assertThat(violation).map(Violation::code).contains(code);
    }

    @ParameterizedTest(name = "{0} {2}")
    @CsvSource(delimiter = '|', value = {
            "SetChargingProfile     | {'status': 'Maybe'}                                                             | PropertyConstraintViolation",
            "ClearChargingProfile   | {}                                                                              | FormationViolation",
            "GetCompositeSchedule   | {'status': 'Accepted', 'schedule': {'evseId': 1, 'duration': 3600, 'scheduleStart': '2024-06-01T12:00:00Z', 'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 1000000.5}]}} | PropertyConstraintViolation",
            "GetCompositeSchedule   | {'status': 'Accepted', 'schedule': {'evseId': 1, 'duration': 3600, 'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 7400}]}} | FormationViolation",
            "RequestStartTransaction| {'status': 'Accepted', 'transactionId': 'a transaction id of 37 characters....'} | PropertyConstraintViolation",
            "RequestStopTransaction | {'status': true}                                                                | TypeConstraintViolation",
            "ChangeAvailability     | {'status': 'Maybe'}                                                             | PropertyConstraintViolation",
            "Reset                  | {'status': 'Accepted', 'statusInfo': {'additionalInfo': 'why'}}                 | FormationViolation",
            "UnlockConnector        | {'status': 'Accepted'}                                                          | PropertyConstraintViolation",
            "TriggerMessage         | {'status': 'Maybe'}                                                             | PropertyConstraintViolation",
            "GetVariables           | {'getVariableResult': []}                                                       | OccurenceConstraintViolation",
            "GetVariables           | {'getVariableResult': [{'attributeStatus': 'Accepted', 'component': {'name': 'Connector'}}]} | FormationViolation",
            "SetVariables           | {'setVariableResult': [{'attributeStatus': 'Maybe', " + HEARTBEAT_INTERVAL + "}]} | PropertyConstraintViolation",
    })
    void invalidAnswersOfTheStationAreRefusedWithTheirCode(String action, String payload, ErrorCode code) {
        Optional<Violation> violation = SCHEMAS.checkConfirmation(action, json(payload));

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
