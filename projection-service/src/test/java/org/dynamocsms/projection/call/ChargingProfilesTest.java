package org.dynamocsms.projection.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.projection.call.Calls.accepted;
import static org.dynamocsms.projection.call.Calls.answered;
import static org.dynamocsms.projection.call.Calls.clearProfiles;
import static org.dynamocsms.projection.call.Calls.setProfile;

import java.util.List;

import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.call.ChargerCallResult;
import org.dynamocsms.schemas.call.ChargerCallStatus;
import org.dynamocsms.schemas.call.ChargerChargingProfiles;
import org.dynamocsms.schemas.call.InstalledChargingProfile;
import org.junit.jupiter.api.Test;

class ChargingProfilesTest {

    private static final String MAX = "ChargePointMaxProfile";
    private static final String TX_DEFAULT = "TxDefaultProfile";
    private static final String TX = "TxProfile";

    @Test
    void anAcceptedSetChargingProfileInstallsItsProfileOnItsConnector() {
        ChargerCall call = Calls.call("call_1", "CP-001", "SetChargingProfile", """
                {"connectorId": 1, "csChargingProfiles": {"chargingProfileId": 7, "transactionId": 42,
                 "stackLevel": 2, "chargingProfilePurpose": "TxProfile", "chargingProfileKind": "Relative",
                 "chargingSchedule": {"chargingRateUnit": "W", "chargingSchedulePeriod": [
                  {"startPeriod": 0, "limit": 7400.0, "numberPhases": 3}]}}}""");
        ChargerCallResult result = accepted(call);

        ChargerChargingProfiles profiles = ChargingProfiles.apply(null, result);

        assertThat(profiles.getChargePointId()).isEqualTo("CP-001");
        assertThat(profiles.getOrganisationId()).isEqualTo("org_test");
        assertThat(profiles.getVersion()).isEqualTo(1);
        assertThat(profiles.getProfiles()).containsExactly(InstalledChargingProfile.newBuilder().setConnectorId(1)
                .setChargingProfileId(7).setStackLevel(2).setPurpose(TX).setKind("Relative").setTransactionId(42)
                .setProfile("{\"chargingProfileId\":7,\"transactionId\":42,\"stackLevel\":2,"
                        + "\"chargingProfilePurpose\":\"TxProfile\",\"chargingProfileKind\":\"Relative\","
                        + "\"chargingSchedule\":{\"chargingRateUnit\":\"W\",\"chargingSchedulePeriod\":["
                        + "{\"startPeriod\":0,\"limit\":7400.0,\"numberPhases\":3}]}}")
                .setCallId("call_1").setInstalledAt(result.getOccurredAt()).build());
    }

    @Test
    void aProfileOfTheSameIdIsReplacedWhereverItWas() {
        ChargerChargingProfiles profiles = fold(setProfile("call_1", 1, 10, 0, TX_DEFAULT, 16),
                setProfile("call_2", 2, 10, 1, TX_DEFAULT, 10));

        assertThat(profiles.getProfiles()).singleElement().satisfies(profile -> {
            assertThat(profile.getConnectorId()).isEqualTo(2);
            assertThat(profile.getCallId()).isEqualTo("call_2");
        });
        assertThat(profiles.getVersion()).isEqualTo(2);
    }

    @Test
    void aProfileOfTheSameStackLevelAndPurposeOnTheSameConnectorIsReplacedOnlyThere() {
        ChargerChargingProfiles profiles = fold(setProfile("call_1", 1, 10, 0, TX_DEFAULT, 16),
                setProfile("call_2", 2, 12, 0, TX_DEFAULT, 16),
                setProfile("call_3", 1, 13, 1, TX_DEFAULT, 16),
                setProfile("call_4", 1, 14, 0, TX, 16),
                setProfile("call_5", 1, 11, 0, TX_DEFAULT, 10));

        // by connector, purpose, stack level: 10 is gone, replaced by 11
        assertThat(profiles.getProfiles()).extracting(InstalledChargingProfile::getChargingProfileId)
                .containsExactly(11, 13, 14, 12);
    }

    @Test
    void aClearWithAnIdRemovesThatProfileWhateverElseItSays() {
        ChargerChargingProfiles profiles = fold(setProfile("call_1", 1, 10, 0, TX_DEFAULT, 16),
                setProfile("call_2", 1, 11, 1, TX_DEFAULT, 16),
                clearProfiles("call_3", "{\"id\": 10, \"connectorId\": 2, \"stackLevel\": 1}"));

        assertThat(ids(profiles)).containsExactly(11);
    }

    @Test
    void aClearWithCriteriaRemovesEveryProfileMatchingThemAll() {
        ChargerCall[] installs = {setProfile("call_1", 0, 1, 0, MAX, 32), setProfile("call_2", 1, 10, 0, TX_DEFAULT, 16),
                setProfile("call_3", 1, 11, 1, TX_DEFAULT, 16), setProfile("call_4", 2, 12, 0, TX_DEFAULT, 16),
                setProfile("call_5", 1, 13, 0, TX, 16)};

        assertThat(ids(fold(installs, clearProfiles("call_6",
                "{\"connectorId\": 1, \"chargingProfilePurpose\": \"TxDefaultProfile\"}")))).containsExactly(1, 13, 12);
        assertThat(ids(fold(installs, clearProfiles("call_6",
                "{\"chargingProfilePurpose\": \"TxDefaultProfile\", \"stackLevel\": 0}")))).containsExactly(1, 11, 13);
        assertThat(ids(fold(installs, clearProfiles("call_6", "{\"connectorId\": 0}")))).containsExactly(10, 11, 13, 12);
    }

    @Test
    void aClearWithNothingRemovesEveryProfile() {
        ChargerChargingProfiles profiles = fold(setProfile("call_1", 0, 1, 0, MAX, 32),
                setProfile("call_2", 1, 10, 0, TX_DEFAULT, 16), clearProfiles("call_3", "{}"));

        assertThat(profiles.getProfiles()).isEmpty();
        assertThat(profiles.getVersion()).isEqualTo(3);
    }

    @Test
    void aCallNotAcceptedAnotherActionOrAClearOfNothingChangesNothing() {
        ChargerChargingProfiles installed = fold(setProfile("call_1", 1, 10, 0, TX_DEFAULT, 16));
        ChargerCall set = setProfile("call_2", 1, 11, 0, TX_DEFAULT, 10);

        for (ChargerCallResult result : List.of(answered(set, "{\"status\":\"Rejected\"}"),
                answered(set, "{\"status\":\"NotSupported\"}"),
                ChargerCallResult.newBuilder(accepted(set)).setStatus(ChargerCallStatus.TIMED_OUT).setAnswer(null)
                        .build(),
                ChargerCallResult.newBuilder(accepted(set)).setStatus(ChargerCallStatus.CALL_ERROR)
                        .setErrorCode("InternalError").build(),
                answered(clearProfiles("call_3", "{}"), "{\"status\":\"Unknown\"}"),
                accepted(clearProfiles("call_3", "{\"id\": 99}")),
                accepted(Calls.reset("call_4", "CP-001")),
                accepted(Calls.call("call_5", "CP-001", "SetChargingProfile", "not json")))) {
            assertThat(ChargingProfiles.apply(installed, result)).as(result.getCall().getCallId() + " "
                    + result.getStatus() + " " + result.getAnswer()).isSameAs(installed);
        }
        // a charger that never held a profile has none to publish
        assertThat(ChargingProfiles.apply(null, accepted(clearProfiles("call_3", "{}")))).isNull();
        // the same result again (redelivered) changes nothing either
        assertThat(ChargingProfiles.apply(installed, accepted(setProfile("call_1", 1, 10, 0, TX_DEFAULT, 16))))
                .isSameAs(installed);
    }

    private static ChargerChargingProfiles fold(ChargerCall[] calls, ChargerCall last) {
        return ChargingProfiles.apply(fold(calls), accepted(last));
    }

    private static ChargerChargingProfiles fold(ChargerCall... calls) {
        ChargerChargingProfiles profiles = null;
        for (ChargerCall call : calls) {
            profiles = ChargingProfiles.apply(profiles, accepted(call));
        }
        return profiles;
    }

    private static List<Integer> ids(ChargerChargingProfiles profiles) {
        return profiles.getProfiles().stream().map(InstalledChargingProfile::getChargingProfileId).toList();
    }
}
