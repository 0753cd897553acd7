package org.dynamocsms.platform.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadSchemasTest {

    private static final PayloadSchemas SCHEMAS = new PayloadSchemas();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METER_VALUE = "[{'timestamp': '2024-06-01T12:00:00Z', 'sampledValue': "
            + "[{'value': '7.4', 'measurand': 'Power.Active.Import', 'unit': 'kW', 'phase': 'L1', "
            + "'context': 'Sample.Periodic', 'location': 'Outlet', 'format': 'Raw'}]}]";
    /** The profile the site allocator sends: this session may draw 11 kW from now on. */
    private static final String TX_PROFILE = "{'chargingProfileId': 7, 'transactionId': 123, 'stackLevel': 1, "
            + "'chargingProfilePurpose': 'TxProfile', 'chargingProfileKind': 'Absolute', 'chargingSchedule': "
            + "{'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 11000.0}]}}";
    /** OCPP 1.6 section 3.13.4's example: 11 kW by day, 6 kW from 08:00 to 20:00, every day, in amperes. */
    private static final String DAILY_PROFILE = "{'chargingProfileId': 100, 'stackLevel': 0, "
            + "'chargingProfilePurpose': 'TxDefaultProfile', 'chargingProfileKind': 'Recurring', "
            + "'recurrencyKind': 'Daily', 'validFrom': '2024-06-01T00:00:00Z', 'validTo': '2025-06-01T00:00:00Z', "
            + "'chargingSchedule': {'duration': 86400, 'startSchedule': '2024-06-01T00:00:00Z', "
            + "'chargingRateUnit': 'A', 'minChargingRate': 6.0, 'chargingSchedulePeriod': ["
            + "{'startPeriod': 0, 'limit': 16.0, 'numberPhases': 3}, {'startPeriod': 28800, 'limit': 8.7}, "
            + "{'startPeriod': 72000, 'limit': 16.0, 'numberPhases': 1}]}}";
    private static final String COMPOSITE_SCHEDULE = "{'duration': 3600, 'startSchedule': '2024-06-01T12:00:00Z', "
            + "'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 11000.0, "
            + "'numberPhases': 3}, {'startPeriod': 1800, 'limit': 7360.0}]}";
    /** A SetChargingProfile request's start, up to its schedule (then close three objects). */
    private static final String SET_PROFILE = "{'connectorId': 1, 'csChargingProfiles': {'chargingProfileId': 7, "
            + "'stackLevel': 1, 'chargingProfilePurpose': 'TxProfile', 'chargingProfileKind': 'Absolute', "
            + "'chargingSchedule': ";
    static final String[] CENTRAL_SYSTEM_ACTIONS = PayloadSchemas.CENTRAL_SYSTEM_ACTIONS.toArray(String[]::new);

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "BootNotification             | {'chargePointVendor': 'Alfen', 'chargePointModel': 'Eve', 'chargePointSerialNumber': 'S1', 'chargeBoxSerialNumber': 'B1', 'firmwareVersion': '6.1', 'iccid': 'i', 'imsi': 'm', 'meterType': 't', 'meterSerialNumber': 's'}",
            "Heartbeat                    | {}",
            "StatusNotification           | {'connectorId': 0, 'errorCode': 'NoError', 'status': 'Available', 'info': 'i', 'timestamp': '2024-06-01T12:00:00.123Z', 'vendorId': 'v', 'vendorErrorCode': 'e'}",
            "MeterValues                  | {'connectorId': 1, 'transactionId': 5, 'meterValue': " + METER_VALUE + "}",
            "StartTransaction             | {'connectorId': 1, 'idTag': 'TAG', 'meterStart': 0, 'reservationId': 3, 'timestamp': '2024-06-01T12:00:00+02:00'}",
            "StopTransaction              | {'transactionId': 5, 'meterStop': 10, 'timestamp': '2024-06-01T12:00:00Z', 'idTag': 'TAG', 'reason': 'EVDisconnected', 'transactionData': " + METER_VALUE + "}",
            "Authorize                    | {'idTag': 'TAG'}",
            "DataTransfer                 | {'vendorId': 'com.example', 'messageId': 'm', 'data': 'd'}",
            "FirmwareStatusNotification   | {'status': 'Installed'}",
            "DiagnosticsStatusNotification| {'status': 'Uploaded'}",
    })
    void theSpecificationsPayloadsPass(String action, String payload) {
        assertThat(SCHEMAS.check(action, json(payload))).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            // missing required field, unknown field: the PDU's structure
            "StatusNotification | {'connectorId': 1, 'status': 'Available'}                              | FormationViolation",
            "BootNotification   | {'chargePointVendor': 'A'}                                              | FormationViolation",
            "Heartbeat          | {'extra': 1}                                                            | FormationViolation",
            // wrong type
            "StatusNotification | {'connectorId': 'one', 'errorCode': 'NoError', 'status': 'Available'} | TypeConstraintViolation",
            "StartTransaction   | {'connectorId': 1, 'idTag': 'T', 'meterStart': 1.5, 'timestamp': '2024-06-01T12:00:00Z'} | TypeConstraintViolation",
            "Authorize          | {'idTag': 7}                                                            | TypeConstraintViolation",
            // out of range, too long, not in the enumeration, not a date-time
            "StatusNotification | {'connectorId': -1, 'errorCode': 'NoError', 'status': 'Available'}    | PropertyConstraintViolation",
            "StatusNotification | {'connectorId': 1, 'errorCode': 'NoError', 'status': 'Asleep'}        | PropertyConstraintViolation",
            "StartTransaction   | {'connectorId': 0, 'idTag': 'T', 'meterStart': 1, 'timestamp': '2024-06-01T12:00:00Z'} | PropertyConstraintViolation",
            "StopTransaction    | {'transactionId': 3000000000, 'meterStop': 1, 'timestamp': '2024-06-01T12:00:00Z'} | PropertyConstraintViolation",
            "Authorize          | {'idTag': '123456789012345678901'}                                      | PropertyConstraintViolation",
            "BootNotification   | {'chargePointVendor': 'VVVVVVVVVVVVVVVVVVVVV', 'chargePointModel': 'M'} | PropertyConstraintViolation",
            "StartTransaction   | {'connectorId': 1, 'idTag': 'T', 'meterStart': 1, 'timestamp': 'yesterday'} | PropertyConstraintViolation",
            "FirmwareStatusNotification | {'status': 'Exploded'}                                          | PropertyConstraintViolation",
            // a list with fewer elements than the PDU allows
            "MeterValues        | {'connectorId': 1, 'meterValue': []}                                    | OccurenceConstraintViolation",
            // several faults: the most structural wins
            "StatusNotification | {'connectorId': 'one', 'status': 'Asleep'}                             | FormationViolation",
    })
    void aPayloadThatBreaksTheSchemaGetsTheCodeOcppJNames(String action, String payload, ErrorCode code) {
        Optional<Violation> violation = SCHEMAS.check(action, json(payload));

        assertThat(violation).get().extracting(Violation::code).isEqualTo(code);
        assertThat(violation.get().description()).isNotBlank();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "BootNotification   | {'chargePointVendor': 'A', 'chargePointModel': 'M', 'firmwareVersion': '6.1\\u0000'} | firmwareVersion: must not contain U+0000 (NUL)",
            "BootNotification   | {'chargePointVendor': 'A', 'chargePointModel': 'M', 'firmwareVersion': '\\ud800'}    | firmwareVersion: must not contain the unpaired surrogate U+D800",
            "StatusNotification | {'connectorId': 1, 'errorCode': 'NoError', 'status': 'Available', 'info': 'a\\udc00b'} | info: must not contain the unpaired surrogate U+DC00",
            "Authorize          | {'idTag': '\\u0000'}                                                                   | idTag: must not contain U+0000 (NUL)",
            "DataTransfer       | {'vendorId': 'com.example', 'data': 'x\\u0000'}                                        | data: must not contain U+0000 (NUL)",
            "MeterValues        | {'connectorId': 1, 'meterValue': [{'timestamp': '2024-06-01T12:00:00Z', 'sampledValue': [{'value': '1'}, {'value': '7\\u0000'}]}]} | meterValue[0].sampledValue[1].value: must not contain U+0000 (NUL)",
    })
    void aStringNoReaderCanHoldIsAPropertyConstraintViolationNamingIt(String action, String payload,
                                                                        String description) {
        assertThat(SCHEMAS.check(action, json(payload)))
                .contains(new Violation(ErrorCode.PropertyConstraintViolation, description));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "BootNotification   | {'chargePointVendor': 'Acme \\ud83d\\udd0c', 'chargePointModel': 'M'}",
            "DataTransfer       | {'vendorId': 'com.example', 'data': 'tab\\t, newline\\n, \\u0001, \\uffff'}",
    })
    void emojiAndControlCharactersOtherThanNulPass(String action, String payload) {
        assertThat(SCHEMAS.check(action, json(payload))).isEmpty();
    }


    @Test
    void theCentralSystemMakesTheElevenCallsOfOcpp16() {
        assertThat(PayloadSchemas.CENTRAL_SYSTEM_ACTIONS).containsExactlyInAnyOrder("SetChargingProfile",
                "ClearChargingProfile", "GetCompositeSchedule", "RemoteStartTransaction", "RemoteStopTransaction",
                "ChangeAvailability", "Reset", "UnlockConnector", "TriggerMessage", "GetConfiguration",
                "ChangeConfiguration");
        assertThat(PayloadSchemas.CENTRAL_SYSTEM_ACTIONS)
                .doesNotContainAnyElementsOf(PayloadSchemas.CHARGE_POINT_ACTIONS);
    }

    @ParameterizedTest
    @FieldSource("CENTRAL_SYSTEM_ACTIONS")
    void everyCentralSystemActionHasItsRequestAndConfirmationSchemaLoaded(String action) throws IOException {
        assertThat(resource(action).get("title").textValue()).isEqualTo(action + "Request");
        assertThat(resource(action + "Response").get("title").textValue()).isEqualTo(action + "Response");
        // additionalProperties: false in both, so each answer comes from the action's own schema
        assertThat(SCHEMAS.check(action, json("{'unexpected': 1}")))
                .hasValueSatisfying(violation -> assertThat(violation)
                        .returns(ErrorCode.FormationViolation, Violation::code)
                        .extracting(Violation::description).asString().contains("unexpected"));
        assertThat(SCHEMAS.checkConfirmation(action, json("{'unexpected': 1}")))
                .hasValueSatisfying(violation -> assertThat(violation)
                        .returns(ErrorCode.FormationViolation, Violation::code)
                        .extracting(Violation::description).asString().contains("unexpected"));
    }

    @Test
    void anActionWithoutASchemaIsAProgrammingError() {
        assertThatThrownBy(() -> SCHEMAS.check("FlyToTheMoon", json("{}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FlyToTheMoon");
        // the central system answers a charge point's calls; it does not check confirmations of them
        assertThatThrownBy(() -> SCHEMAS.checkConfirmation("BootNotification", json("{}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BootNotification");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "SetChargingProfile     | {'connectorId': 1, 'csChargingProfiles': " + TX_PROFILE + "}",
            "SetChargingProfile     | {'connectorId': 1, 'csChargingProfiles': " + DAILY_PROFILE + "}",
            "SetChargingProfile     | {'connectorId': 0, 'csChargingProfiles': {'chargingProfileId': 1, 'stackLevel': 0, 'chargingProfilePurpose': 'ChargePointMaxProfile', 'chargingProfileKind': 'Relative', 'chargingSchedule': {'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 50000}]}}}",
            // one decimal, which no double holds exactly (the official schemas' multipleOf 0.1 fails 8.7 in a
            // floating-point validator such as ajv: 8.7 / 0.1 = 86.99999999999999), nothing, the bound
            "SetChargingProfile     | " + SET_PROFILE + "{'chargingRateUnit': 'A', 'minChargingRate': 7.3, 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 7.3}, {'startPeriod': 60, 'limit': 8.7}, {'startPeriod': 90, 'limit': 0.3}, {'startPeriod': 120, 'limit': 0}, {'startPeriod': 180, 'limit': 1000000}]}}}",
            "ClearChargingProfile   | {}",
            "ClearChargingProfile   | {'id': 7}",
            "ClearChargingProfile   | {'connectorId': 0, 'chargingProfilePurpose': 'TxDefaultProfile', 'stackLevel': 0}",
            "GetCompositeSchedule   | {'connectorId': 0, 'duration': 3600, 'chargingRateUnit': 'W'}",
            "GetCompositeSchedule   | {'connectorId': 1, 'duration': 0}",
            "RemoteStartTransaction | {'idTag': 'TAG'}",
            "RemoteStartTransaction | {'connectorId': 1, 'idTag': '12345678901234567890', 'chargingProfile': " + TX_PROFILE + "}",
            "RemoteStopTransaction  | {'transactionId': 123}",
            "ChangeAvailability     | {'connectorId': 0, 'type': 'Inoperative'}",
            "ChangeAvailability     | {'connectorId': 2, 'type': 'Operative'}",
            "Reset                  | {'type': 'Soft'}",
            "Reset                  | {'type': 'Hard'}",
            "UnlockConnector        | {'connectorId': 1}",
            "TriggerMessage         | {'requestedMessage': 'BootNotification'}",
            "TriggerMessage         | {'requestedMessage': 'MeterValues', 'connectorId': 1}",
            "GetConfiguration       | {}",
            "GetConfiguration       | {'key': ['HeartbeatInterval', 'MeterValueSampleInterval']}",
            "ChangeConfiguration    | {'key': 'HeartbeatInterval', 'value': '300'}",
    })
    void theCentralSystemsRequestsPass(String action, String payload) {
        assertThat(SCHEMAS.check(action, json(payload))).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "SetChargingProfile     | {'status': 'Accepted'}",
            "SetChargingProfile     | {'status': 'Rejected'}",
            "SetChargingProfile     | {'status': 'NotSupported'}",
            "ClearChargingProfile   | {'status': 'Accepted'}",
            "ClearChargingProfile   | {'status': 'Unknown'}",
            "GetCompositeSchedule   | {'status': 'Accepted', 'connectorId': 1, 'scheduleStart': '2024-06-01T12:00:00Z', 'chargingSchedule': " + COMPOSITE_SCHEDULE + "}",
            "GetCompositeSchedule   | {'status': 'Rejected'}",
            "RemoteStartTransaction | {'status': 'Accepted'}",
            "RemoteStopTransaction  | {'status': 'Rejected'}",
            "ChangeAvailability     | {'status': 'Scheduled'}",
            "Reset                  | {'status': 'Accepted'}",
            "UnlockConnector        | {'status': 'Unlocked'}",
            "UnlockConnector        | {'status': 'UnlockFailed'}",
            "TriggerMessage         | {'status': 'NotImplemented'}",
            "GetConfiguration       | {}",
            "GetConfiguration       | {'configurationKey': [{'key': 'HeartbeatInterval', 'readonly': false, 'value': '300'}, {'key': 'NumberOfConnectors', 'readonly': true}], 'unknownKey': ['SmartChargingEnabled']}",
            "ChangeConfiguration    | {'status': 'RebootRequired'}",
    })
    void theChargePointsConfirmationsPass(String action, String payload) {
        assertThat(SCHEMAS.checkConfirmation(action, json(payload))).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            // missing required field, unknown field: the PDU's structure
            "SetChargingProfile     | {'connectorId': 1}                                                     | FormationViolation",
            "SetChargingProfile     | " + SET_PROFILE + "{'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 11000.0}]}}} | FormationViolation",
            "SetChargingProfile     | " + SET_PROFILE + "{'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 11000.0, 'unit': 'W'}]}}} | FormationViolation",
            "RemoteStartTransaction | {'connectorId': 1}                                                     | FormationViolation",
            "GetCompositeSchedule   | {'connectorId': 1}                                                     | FormationViolation",
            "Reset                  | {'type': 'Hard', 'delay': 5}                                           | FormationViolation",
            // wrong type
            "SetChargingProfile     | " + SET_PROFILE + "{'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': '11000'}]}}} | TypeConstraintViolation",
            "SetChargingProfile     | " + SET_PROFILE + "{'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0.5, 'limit': 11000.0}]}}} | TypeConstraintViolation",
            "ClearChargingProfile   | {'id': 'seven'}                                                        | TypeConstraintViolation",
            "RemoteStopTransaction  | {'transactionId': 1.5}                                                 | TypeConstraintViolation",
            "GetConfiguration       | {'key': 'HeartbeatInterval'}                                           | TypeConstraintViolation",
            "ChangeConfiguration    | {'key': 'HeartbeatInterval', 'value': 300}                             | TypeConstraintViolation",
            // out of range, too long, not in the enumeration, not a date-time
            "SetChargingProfile     | {'connectorId': -1, 'csChargingProfiles': " + TX_PROFILE + "}          | PropertyConstraintViolation",
            "SetChargingProfile     | " + SET_PROFILE + "{'chargingRateUnit': 'kW', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 11.0}]}}} | PropertyConstraintViolation",
            "SetChargingProfile     | " + SET_PROFILE + "{'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': -0.1}]}}} | PropertyConstraintViolation",
            "SetChargingProfile     | " + SET_PROFILE + "{'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 1000000.1}]}}} | PropertyConstraintViolation",
            "SetChargingProfile     | " + SET_PROFILE + "{'chargingRateUnit': 'A', 'minChargingRate': -6, 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 16}]}}} | PropertyConstraintViolation",
            "SetChargingProfile     | " + SET_PROFILE + "{'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': -1, 'limit': 11000.0}]}}} | PropertyConstraintViolation",
            "SetChargingProfile     | " + SET_PROFILE + "{'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 11000.0, 'numberPhases': 4}]}}} | PropertyConstraintViolation",
            "SetChargingProfile     | " + SET_PROFILE + "{'duration': -1, 'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 11000.0}]}}} | PropertyConstraintViolation",
            "SetChargingProfile     | " + SET_PROFILE + "{'startSchedule': 'now', 'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 11000.0}]}}} | PropertyConstraintViolation",
            "SetChargingProfile     | {'connectorId': 1, 'csChargingProfiles': {'chargingProfileId': 7, 'stackLevel': -1, 'chargingProfilePurpose': 'TxProfile', 'chargingProfileKind': 'Absolute', 'chargingSchedule': {'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 11000.0}]}}} | PropertyConstraintViolation",
            "SetChargingProfile     | {'connectorId': 1, 'csChargingProfiles': {'chargingProfileId': 7, 'stackLevel': 1, 'chargingProfilePurpose': 'SiteProfile', 'chargingProfileKind': 'Absolute', 'chargingSchedule': {'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 11000.0}]}}} | PropertyConstraintViolation",
            "SetChargingProfile     | {'connectorId': 1, 'csChargingProfiles': {'chargingProfileId': 7, 'stackLevel': 1, 'chargingProfilePurpose': 'TxProfile', 'chargingProfileKind': 'Recurring', 'recurrencyKind': 'Monthly', 'chargingSchedule': {'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 11000.0}]}}} | PropertyConstraintViolation",
            "SetChargingProfile     | {'connectorId': 1, 'csChargingProfiles': {'chargingProfileId': 7, 'stackLevel': 1, 'chargingProfilePurpose': 'TxProfile', 'chargingProfileKind': 'Absolute', 'validTo': '2024-13-01T00:00:00Z', 'chargingSchedule': {'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 11000.0}]}}} | PropertyConstraintViolation",
            "ClearChargingProfile   | {'connectorId': -1}                                                    | PropertyConstraintViolation",
            "GetCompositeSchedule   | {'connectorId': 1, 'duration': -1}                                     | PropertyConstraintViolation",
            "GetCompositeSchedule   | {'connectorId': 1, 'duration': 3600, 'chargingRateUnit': 'kW'}         | PropertyConstraintViolation",
            "RemoteStartTransaction | {'connectorId': 0, 'idTag': 'TAG'}                                     | PropertyConstraintViolation",
            "RemoteStartTransaction | {'idTag': '123456789012345678901'}                                     | PropertyConstraintViolation",
            "RemoteStopTransaction  | {'transactionId': 3000000000}                                          | PropertyConstraintViolation",
            "ChangeAvailability     | {'connectorId': 1, 'type': 'Closed'}                                   | PropertyConstraintViolation",
            "ChangeAvailability     | {'connectorId': -1, 'type': 'Operative'}                               | PropertyConstraintViolation",
            "Reset                  | {'type': 'Warm'}                                                       | PropertyConstraintViolation",
            "UnlockConnector        | {'connectorId': 0}                                                     | PropertyConstraintViolation",
            "TriggerMessage         | {'requestedMessage': 'StartTransaction'}                               | PropertyConstraintViolation",
            "TriggerMessage         | {'requestedMessage': 'Heartbeat', 'connectorId': 0}                    | PropertyConstraintViolation",
            // a list with fewer elements than the PDU allows
            "SetChargingProfile     | " + SET_PROFILE + "{'chargingRateUnit': 'W', 'chargingSchedulePeriod': []}}} | OccurenceConstraintViolation",
            "RemoteStartTransaction | {'idTag': 'TAG', 'chargingProfile': {'chargingProfileId': 7, 'stackLevel': 1, 'chargingProfilePurpose': 'TxProfile', 'chargingProfileKind': 'Absolute', 'chargingSchedule': {'chargingRateUnit': 'W', 'chargingSchedulePeriod': []}}} | OccurenceConstraintViolation",
    })
    void aCentralSystemRequestThatBreaksTheSchemaGetsTheCodeOcppJNames(String action, String payload, ErrorCode code) {
        Optional<Violation> violation = SCHEMAS.check(action, json(payload));

        assertThat(violation).get().extracting(Violation::code).isEqualTo(code);
        assertThat(violation.get().description()).isNotBlank();
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "SetChargingProfile     | {}                                                                     | FormationViolation",
            "SetChargingProfile     | {'status': 'Accepted', 'reason': 'ok'}                                 | FormationViolation",
            "GetConfiguration       | {'configurationKey': [{'key': 'HeartbeatInterval', 'value': '300'}]}   | FormationViolation",
            "SetChargingProfile     | {'status': 1}                                                          | TypeConstraintViolation",
            "GetConfiguration       | {'configurationKey': [{'key': 'HeartbeatInterval', 'readonly': 'no'}]} | TypeConstraintViolation",
            "GetCompositeSchedule   | {'status': 'Accepted', 'chargingSchedule': {'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 'lots'}]}} | TypeConstraintViolation",
            "SetChargingProfile     | {'status': 'Maybe'}                                                    | PropertyConstraintViolation",
            "ClearChargingProfile   | {'status': 'Rejected'}                                                 | PropertyConstraintViolation",
            "GetCompositeSchedule   | {'status': 'Accepted', 'connectorId': -1}                              | PropertyConstraintViolation",
            "GetCompositeSchedule   | {'status': 'Accepted', 'scheduleStart': 'noon'}                        | PropertyConstraintViolation",
            "RemoteStartTransaction | {'status': 'NotSupported'}                                             | PropertyConstraintViolation",
            "RemoteStopTransaction  | {'status': 'Unknown'}                                                  | PropertyConstraintViolation",
            "ChangeAvailability     | {'status': 'NotSupported'}                                             | PropertyConstraintViolation",
            "Reset                  | {'status': 'Scheduled'}                                                | PropertyConstraintViolation",
            "UnlockConnector        | {'status': 'Locked'}                                                   | PropertyConstraintViolation",
            "TriggerMessage         | {'status': 'NotSupported'}                                             | PropertyConstraintViolation",
            "ChangeConfiguration    | {'status': 'Unknown'}                                                  | PropertyConstraintViolation",
            "GetCompositeSchedule   | {'status': 'Accepted', 'chargingSchedule': {'chargingRateUnit': 'W', 'chargingSchedulePeriod': []}} | OccurenceConstraintViolation",
    })
    void aConfirmationThatBreaksTheSchemaGetsTheCodeOcppJNames(String action, String payload, ErrorCode code) {
        Optional<Violation> violation = SCHEMAS.checkConfirmation(action, json(payload));

        assertThat(violation).get().extracting(Violation::code).isEqualTo(code);
        assertThat(violation.get().description()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "'Accepted'", "3", "null"})
    void aConfirmationThatIsNotAnObjectIsAFormationViolation(String payload) {
        assertThat(SCHEMAS.checkConfirmation("Reset", node(payload)))
                .contains(new Violation(ErrorCode.FormationViolation, "$: the payload is not a JSON object"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "Reset              | {'type': 'Warm'}           | $.type: does not have a value in the enumeration [\"Hard\", \"Soft\"]",
            "UnlockConnector    | {'connectorId': 0}         | $.connectorId: must have a minimum value of 1",
            "ChangeAvailability | {'connectorId': 1}         | $: required property 'type' not found",
            "SetChargingProfile | " + SET_PROFILE + "{'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 11000.0}, {'startPeriod': 60, 'limit': 1e7}]}}} | $.csChargingProfiles.chargingSchedule.chargingSchedulePeriod[1].limit: must have a maximum value of 1000000",
    })
    void theDescriptionNamesTheField(String action, String payload, String description) {
        assertThat(SCHEMAS.check(action, json(payload))).map(Violation::description).contains(description);
    }

    @Test
    void aChargingRateThatIsNotFiniteIsRefusedNamingIt() {
        for (double rate : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            ObjectNode payload = json(SET_PROFILE + "{'chargingRateUnit': 'W', 'chargingSchedulePeriod': "
                    + "[{'startPeriod': 0, 'limit': 11000.0}]}}}");
            ((ObjectNode) payload.at("/csChargingProfiles/chargingSchedule/chargingSchedulePeriod/0"))
                    .set("limit", DoubleNode.valueOf(rate));

            assertThat(SCHEMAS.check("SetChargingProfile", payload)).as("limit %s", rate)
                    .contains(new Violation(ErrorCode.PropertyConstraintViolation,
                            "csChargingProfiles.chargingSchedule.chargingSchedulePeriod[0].limit: must be a finite number"));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            // a number too large for a double reads as infinity
            "StatusNotification | {'connectorId': 1e400, 'errorCode': 'NoError', 'status': 'Available'} | connectorId: must be a finite number",
            "GetCompositeSchedule | {'status': 'Accepted', 'chargingSchedule': {'chargingRateUnit': 'W', 'minChargingRate': -1e400, 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 1}]}} | chargingSchedule.minChargingRate: must be a finite number",
    })
    void aNumberBeyondADoubleIsRefusedNamingIt(String action, String payload, String description) {
        ObjectNode node = json(payload);
        Optional<Violation> violation = PayloadSchemas.CHARGE_POINT_ACTIONS.contains(action)
                ? SCHEMAS.check(action, node) : SCHEMAS.checkConfirmation(action, node);

        assertThat(violation).contains(new Violation(ErrorCode.PropertyConstraintViolation, description));
    }

    @Test
    void aConfigurationKeyIsCiString50AndItsValueCiString500() {
        assertThat(SCHEMAS.check("ChangeConfiguration", changeConfiguration("k".repeat(50), "v".repeat(500))))
                .isEmpty();
        assertThat(SCHEMAS.check("ChangeConfiguration", changeConfiguration("k".repeat(51), "v")))
                .get().extracting(Violation::code).isEqualTo(ErrorCode.PropertyConstraintViolation);
        assertThat(SCHEMAS.check("ChangeConfiguration", changeConfiguration("k", "v".repeat(501))))
                .get().extracting(Violation::code).isEqualTo(ErrorCode.PropertyConstraintViolation);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "ChangeConfiguration    | {'key': 'HeartbeatInterval', 'value': '30\\u0000'} | value: must not contain U+0000 (NUL)",
            "RemoteStartTransaction | {'idTag': 'T\\u0000G'}                            | idTag: must not contain U+0000 (NUL)",
            "GetConfiguration       | {'key': ['HeartbeatInterval', '\\ud800']}          | key[1]: must not contain the unpaired surrogate U+D800",
    })
    void aCentralSystemRequestWithAStringNoReaderCanHoldIsRefusedNamingIt(String action, String payload,
                                                                          String description) {
        assertThat(SCHEMAS.check(action, json(payload)))
                .contains(new Violation(ErrorCode.PropertyConstraintViolation, description));
    }

    @Test
    void aConfirmationWithAStringNoReaderCanHoldIsRefusedNamingIt() {
        assertThat(SCHEMAS.checkConfirmation("GetConfiguration", json(
                "{'configurationKey': [{'key': 'HeartbeatInterval', 'readonly': false, 'value': '3\\u00000'}]}")))
                .contains(new Violation(ErrorCode.PropertyConstraintViolation,
                        "configurationKey[0].value: must not contain U+0000 (NUL)"));
    }

    private static ObjectNode changeConfiguration(String key, String value) {
        return JSON.createObjectNode().put("key", key).put("value", value);
    }

    private static JsonNode resource(String name) throws IOException {
        try (InputStream in = PayloadSchemas.class.getResourceAsStream("/ocpp16/" + name + ".json")) {
            assertThat(in).as(name).isNotNull();
            return JSON.readTree(in);
        }
    }

    private static ObjectNode json(String singleQuoted) {
        return (ObjectNode) node(singleQuoted);
    }

    private static JsonNode node(String singleQuoted) {
        try {
            return JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(singleQuoted, e);
        }
    }
}
