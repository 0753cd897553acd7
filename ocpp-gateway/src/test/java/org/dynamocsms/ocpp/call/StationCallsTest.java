package org.dynamocsms.ocpp.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dynamocsms.ocpp.action.RunningTransactions;
import org.dynamocsms.ocpp.action.TransactionIds;
import org.dynamocsms.platform.ocpp.OcppVersion;
import org.dynamocsms.platform.ocpp.PayloadSchemas;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The central system's 1.6 calls in OCPP 2.0.1's words; each one a 2.0.1 station takes (its schema passes). */
class StationCallsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PayloadSchemas SCHEMAS_16 = new PayloadSchemas();
    private static final PayloadSchemas SCHEMAS_201 = new PayloadSchemas(OcppVersion.OCPP201);

    private final StationCalls calls = new StationCalls(new RunningTransactions());

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "Reset                  | {'type': 'Hard'}                                  | Reset                   | {'type': 'Immediate'}",
            "ChangeAvailability     | {'connectorId': 0, 'type': 'Inoperative'}         | ChangeAvailability      | {'operationalStatus': 'Inoperative'}",
            "ChangeAvailability     | {'connectorId': 2, 'type': 'Operative'}           | ChangeAvailability      | {'operationalStatus': 'Operative', 'evse': {'id': 2}}",
            "UnlockConnector        | {'connectorId': 2}                                | UnlockConnector         | {'evseId': 2, 'connectorId': 1}",
            "TriggerMessage         | {'requestedMessage': 'StatusNotification', 'connectorId': 2} | TriggerMessage | {'requestedMessage': 'StatusNotification', 'evse': {'id': 2, 'connectorId': 1}}",
            "TriggerMessage         | {'requestedMessage': 'DiagnosticsStatusNotification'} | TriggerMessage      | {'requestedMessage': 'LogStatusNotification'}",
            "GetCompositeSchedule   | {'connectorId': 1, 'duration': 3600, 'chargingRateUnit': 'W'} | GetCompositeSchedule | {'duration': 3600, 'chargingRateUnit': 'W', 'evseId': 1}",
            "ClearChargingProfile   | {'id': 7}                                         | ClearChargingProfile    | {'chargingProfileId': 7}",
            "ClearChargingProfile   | {'connectorId': 1, 'chargingProfilePurpose': 'ChargePointMaxProfile', 'stackLevel': 0} | ClearChargingProfile | {'chargingProfileCriteria': {'evseId': 1, 'chargingProfilePurpose': 'ChargingStationMaxProfile', 'stackLevel': 0}}",
            "RemoteStartTransaction | {'connectorId': 1, 'idTag': 'TAG-1'}              | RequestStartTransaction | {'evseId': 1, 'remoteStartId': 811641721, 'idToken': {'idToken': 'TAG-1', 'type': 'Central'}}",
    })
    void aCallIsSentInTheWords201HasForIt(String action, String payload, String sentAction, String sentPayload)
            throws Exception {
        assertThat(SCHEMAS_16.check(action, json(payload))).as("a valid 1.6 call").isEmpty();

        StationCalls.Call sent = calls.translate(action, json(payload), "CS-1", "call_01J0000000000000000000000");

        assertThat(sent.action()).isEqualTo(sentAction);
        assertThat(sent.payload()).isEqualTo(json(sentPayload));
        assertThat(SCHEMAS_201.check(sent.action(), sent.payload())).as("a valid 2.0.1 call").isEmpty();
    }

    @Test
    void aRemoteStartIdIsTheFirst31BitsOfTheCallIdsSha256() {
        // python: int.from_bytes(hashlib.sha256(b'call_01J0000000000000000000000').digest()[:4], 'big') >> 1
        assertThat(TransactionIds.of("call_01J0000000000000000000000")).isEqualTo(811_641_721);
    }

    @Test
    void aStartsChargingProfileIsATxProfileWithoutATransactionAndAChargePointMaxProfileIsTheStations()
            throws Exception {
        StationCalls.Call start = calls.translate("RemoteStartTransaction", json("{'idTag': 'T', 'chargingProfile': "
                + "{'chargingProfileId': 5, 'stackLevel': 0, 'chargingProfilePurpose': 'TxProfile', "
                + "'chargingProfileKind': 'Relative', 'chargingSchedule': {'chargingRateUnit': 'A', "
                + "'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 16, 'numberPhases': 3}]}}}"), "CS-1", "c1");
        StationCalls.Call max = calls.translate("SetChargingProfile", json("{'connectorId': 0, 'csChargingProfiles': "
                + "{'chargingProfileId': 1, 'stackLevel': 0, 'chargingProfilePurpose': 'ChargePointMaxProfile', "
                + "'chargingProfileKind': 'Recurring', 'recurrencyKind': 'Daily', 'chargingSchedule': {'duration': "
                + "86400, 'startSchedule': '2024-06-01T00:00:00Z', 'chargingRateUnit': 'W', 'minChargingRate': 1000, "
                + "'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 50000}]}}}"), "CS-1", "c2");

        assertThat(start.payload().get("chargingProfile")).isEqualTo(json("{'id': 5, 'stackLevel': 0, "
                + "'chargingProfilePurpose': 'TxProfile', 'chargingProfileKind': 'Relative', 'chargingSchedule': "
                + "[{'id': 5, 'chargingRateUnit': 'A', 'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 16, "
                + "'numberPhases': 3}]}]}"));
        assertThat(max.payload()).isEqualTo(json("{'evseId': 0, 'chargingProfile': {'id': 1, 'stackLevel': 0, "
                + "'chargingProfilePurpose': 'ChargingStationMaxProfile', 'chargingProfileKind': 'Recurring', "
                + "'recurrencyKind': 'Daily', 'chargingSchedule': [{'id': 1, 'startSchedule': '2024-06-01T00:00:00Z', "
                + "'duration': 86400, 'chargingRateUnit': 'W', 'chargingSchedulePeriod': [{'startPeriod': 0, "
                + "'limit': 50000}], 'minChargingRate': 1000}]}}"));
        assertThat(SCHEMAS_201.check(start.action(), start.payload())).isEmpty();
        assertThat(SCHEMAS_201.check(max.action(), max.payload())).isEmpty();
    }

    @Test
    void aTxProfileForAnEvseWithNoKnownTransactionCannotBeWritten() {
        assertThatThrownBy(() -> calls.translate("SetChargingProfile", json("{'connectorId': 1, "
                + "'csChargingProfiles': {'chargingProfileId': 101, 'stackLevel': 1, 'chargingProfilePurpose': "
                + "'TxProfile', 'chargingProfileKind': 'Relative', 'chargingSchedule': {'chargingRateUnit': 'W', "
                + "'chargingSchedulePeriod': [{'startPeriod': 0, 'limit': 7400}]}}}"), "CS-1", "c3"))
                .isInstanceOf(NotSent.class).hasMessage("no transaction is known to run on EVSE 1 of CS-1");
    }

    private static ObjectNode json(String singleQuoted) {
        try {
            return (ObjectNode) JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(singleQuoted, e);
        }
    }
}
