package org.dynamocsms.command.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.dynamocsms.command.RequestAssertions.assertInvalid;

import java.time.Instant;
import java.util.Arrays;

import org.dynamocsms.command.RequestFields;
import org.dynamocsms.platform.ocpp.CentralSystemCalls;
import org.dynamocsms.platform.ocpp.OcppVersion;
import org.dynamocsms.platform.ocpp.PayloadSchemas;
import org.dynamocsms.schemas.call.RequestChargerCall;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.junit.jupiter.api.Test;

class ChargerCallRequestsTest {

    static final Instant NOW = Instant.parse("2024-06-01T10:00:00Z");
    static final CentralSystemCalls CALLS = new CentralSystemCalls(new PayloadSchemas(),
            new PayloadSchemas(OcppVersion.OCPP201));

    @Test
    void readsTheCallWithItsPayloadAsSentAndItsExpiry() throws Exception {
        assertThat(request("""
                {"action": "SetChargingProfile", "timeout_seconds": 60, "payload": {"connectorId": 1,
                 "csChargingProfiles": {"chargingProfileId": 7, "stackLevel": 0,
                  "chargingProfilePurpose": "TxDefaultProfile", "chargingProfileKind": "Absolute",
                  "chargingSchedule": {"chargingRateUnit": "W",
                   "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 7300.5}]}}}}"""))
                .isEqualTo(new RequestChargerCall("call_1", "SetChargingProfile", "{\"connectorId\":1,"
                        + "\"csChargingProfiles\":{\"chargingProfileId\":7,\"stackLevel\":0,"
                        + "\"chargingProfilePurpose\":\"TxDefaultProfile\",\"chargingProfileKind\":\"Absolute\","
                        + "\"chargingSchedule\":{\"chargingRateUnit\":\"W\",\"chargingSchedulePeriod\":"
                        + "[{\"startPeriod\":0,\"limit\":7300.5}]}}}", NOW.plusSeconds(60)));
    }

    @Test
    void anOmittedPayloadIsEmptyAndTheTimeoutDefaultsToThirtySeconds() throws Exception {
        assertThat(request("{\"action\": \"GetConfiguration\"}"))
                .isEqualTo(new RequestChargerCall("call_1", "GetConfiguration", "{}", NOW.plusSeconds(30)));
    }

    @Test
    void refusesWhatNoChargerShouldGetNamingEachField() {
        assertInvalid(() -> request("{\"action\": \"Heartbeat\", \"payload\": [], \"timeout_seconds\": 301, "
                + "\"connector\": 1}"))
                .containsExactlyInAnyOrder(tuple("connector", "is not a known field"),
                        tuple("action", "must be one of " + String.join(", ", ChargerCallRequests.ACTIONS)),
                        tuple("payload", "must be a JSON object"),
                        tuple("timeout_seconds", "must be between 1 and 300"));
        assertInvalid(() -> request("{\"payload\": {}}")).containsExactly(tuple("action", "is required"));
    }

    @Test
    void refusesAPayloadThatBreaksTheActionsSchemaSayingWhere() {
        assertInvalid(() -> request("{\"action\": \"Reset\", \"payload\": {\"type\": \"Gentle\"}}"))
                .singleElement().satisfies(error -> {
                    assertThat(error.toList().get(0)).isEqualTo("payload");
                    assertThat((String) error.toList().get(1)).contains("$.type")
                            .endsWith("(PropertyConstraintViolation)");
                });
        assertInvalid(() -> request("{\"action\": \"Reset\"}")).singleElement()
                .satisfies(error -> assertThat((String) error.toList().get(1)).contains("type")
                        .endsWith("(FormationViolation)"));
    }

    @Test
    void theApiDocumentListsExactlyTheActionsTheRequestTakes() {
        RequestBody body = Arrays.stream(ChargerCallsResource.class.getMethods())
                .filter(method -> method.getName().equals("send")).findFirst().orElseThrow()
                .getAnnotation(RequestBody.class);
        String[] documented = Arrays.stream(body.content()[0].schema().properties())
                .filter(property -> property.name().equals("action")).findFirst().orElseThrow().enumeration();

        assertThat(documented).containsExactlyElementsOf(ChargerCallRequests.ACTIONS);
    }

    @Test
    void ocpp201sOwnCallsAreCheckedAgainstOcpp201sSchemasTheOthersAgainst16s() throws Exception {
        assertThat(request("""
                {"action": "GetVariables", "payload": {"getVariableData": [{"component": {"name": "OCPPCommCtrlr"},
                 "variable": {"name": "HeartbeatInterval"}}]}}""").getAction()).isEqualTo("GetVariables");
        assertThat(request("{\"action\": \"RequestStopTransaction\", \"payload\": {\"transactionId\": "
                + "\"6f1c2a0e-0d3b-4c59-9a57-0c1e2d3f4a5b\"}}").getAction()).isEqualTo("RequestStopTransaction");
        // 2.0.1 names a transaction by a string of at most 36 characters
        assertInvalid(() -> request("{\"action\": \"RequestStopTransaction\", \"payload\": {\"transactionId\": 7}}"))
                .singleElement().satisfies(error -> assertThat((String) error.toList().get(1))
                        .endsWith("(TypeConstraintViolation)"));
        assertInvalid(() -> request("{\"action\": \"RequestStopTransaction\", \"payload\": {\"transactionId\": \""
                + "x".repeat(37) + "\"}}")).singleElement()
                .satisfies(error -> assertThat((String) error.toList().get(1))
                        .endsWith("(PropertyConstraintViolation)"));
        // the rule every payload's text shares: what no reader can hold (here U+0000) is refused
        assertInvalid(() -> request("{\"action\": \"RequestStopTransaction\", \"payload\": {\"transactionId\": "
                + "\"tx\\u0000\"}}")).singleElement().satisfies(error -> assertThat(error.toList().get(0))
                        .isEqualTo("payload"));
        assertInvalid(() -> request("{\"action\": \"SetVariables\", \"payload\": {\"key\": \"HeartbeatInterval\", "
                + "\"value\": \"300\"}}")).singleElement()
                .satisfies(error -> assertThat((String) error.toList().get(1)).endsWith("(FormationViolation)"));
        // 1.6's words even for a call a 2.0.1 station will get: its Reset type is Immediate in 2.0.1
        assertInvalid(() -> request("{\"action\": \"Reset\", \"payload\": {\"type\": \"Immediate\"}}"))
                .singleElement().satisfies(error -> assertThat((String) error.toList().get(1))
                        .endsWith("(PropertyConstraintViolation)"));
    }

    private static RequestChargerCall request(String body) throws Exception {
        return ChargerCallRequests.request(RequestFields.parse(body.getBytes()), CALLS, "call_1", NOW);
    }
}
