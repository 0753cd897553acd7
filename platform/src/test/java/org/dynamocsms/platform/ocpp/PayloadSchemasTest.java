package org.dynamocsms.platform.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayloadSchemasTest {

    private static final PayloadSchemas SCHEMAS = new PayloadSchemas();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METER_VALUE = "[{'timestamp': '2024-06-01T12:00:00Z', 'sampledValue': "
            + "[{'value': '7.4', 'measurand': 'Power.Active.Import', 'unit': 'kW', 'phase': 'L1', "
            + "'context': 'Sample.Periodic', 'location': 'Outlet', 'format': 'Raw'}]}]";

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

    private static ObjectNode json(String singleQuoted) {
        try {
            return (ObjectNode) JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(singleQuoted, e);
        }
    }
}
