package org.dynamocsms.projection.call;

import java.time.Instant;

import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.call.ChargerCallResult;
import org.dynamocsms.schemas.call.ChargerCallStatus;

/** Calls to chargers and their results as command-service and the gateway write them, for the projection tests. */
final class Calls {

    static final Instant REQUESTED_AT = Instant.parse("2024-06-01T09:00:00Z");

    private Calls() {
    }

    /** A Reset of {@code chargePointId}, requested at {@link #REQUESTED_AT}, expiring 30 s later. */
    static ChargerCall reset(String callId, String chargePointId) {
        return call(callId, chargePointId, "Reset", "{\"type\":\"Soft\"}");
    }

    /** A call of {@code action} to {@code chargePointId}, requested at {@link #REQUESTED_AT}, expiring 30 s later. */
    static ChargerCall call(String callId, String chargePointId, String action, String payload) {
        return ChargerCall.newBuilder().setEventId("evt_" + callId).setCallId(callId).setOrganisationId("org_test")
                .setChargePointId(chargePointId).setAction(action).setPayload(payload)
                .setOccurredAt(REQUESTED_AT).setRecordedAt(REQUESTED_AT).setExpiresAt(REQUESTED_AT.plusSeconds(30))
                .build();
    }

    /** {@code call} answered {"status":"Accepted"}: sent 1 s after its request, answered 2 s after. */
    static ChargerCallResult accepted(ChargerCall call) {
        return answered(call, "{\"status\":\"Accepted\"}");
    }

    /** {@code call} answered {@code answer}: sent 1 s after its request, answered 2 s after. */
    static ChargerCallResult answered(ChargerCall call, String answer) {
        return ChargerCallResult.newBuilder().setEventId("evt_result_" + call.getCallId()).setCall(call)
                .setStatus(ChargerCallStatus.ANSWERED).setAnswer(answer).setGatewayId("gw-1")
                .setConnectionId("con_1").setSentAt(REQUESTED_AT.plusSeconds(1))
                .setOccurredAt(REQUESTED_AT.plusSeconds(2)).setRecordedAt(REQUESTED_AT.plusSeconds(2)).build();
    }

    /**
     * A SetChargingProfile of profile {@code id} on {@code connectorId}: an Absolute schedule limited to
     * {@code limit} A from 2024-06-01T00:00:00Z.
     */
    static ChargerCall setProfile(String callId, int connectorId, int id, int stackLevel, String purpose,
                                  double limit) {
        return call(callId, "CP-001", "SetChargingProfile", ("{\"connectorId\":%d,\"csChargingProfiles\":{"
                + "\"chargingProfileId\":%d,\"stackLevel\":%d,\"chargingProfilePurpose\":\"%s\","
                + "\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":{\"startSchedule\":"
                + "\"2024-06-01T00:00:00Z\",\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":["
                + "{\"startPeriod\":0,\"limit\":%s}]}}}").formatted(connectorId, id, stackLevel, purpose, limit));
    }

    /** A ClearChargingProfile of CP-001 with {@code payload}'s criteria. */
    static ChargerCall clearProfiles(String callId, String payload) {
        return call(callId, "CP-001", "ClearChargingProfile", payload);
    }
}
