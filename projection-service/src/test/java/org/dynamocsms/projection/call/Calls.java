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
        return ChargerCall.newBuilder().setEventId("evt_" + callId).setCallId(callId).setOrganisationId("org_test")
                .setChargePointId(chargePointId).setAction("Reset").setPayload("{\"type\":\"Soft\"}")
                .setOccurredAt(REQUESTED_AT).setRecordedAt(REQUESTED_AT).setExpiresAt(REQUESTED_AT.plusSeconds(30))
                .build();
    }

    /** {@code call} answered {"status":"Accepted"}: sent 1 s after its request, answered 2 s after. */
    static ChargerCallResult accepted(ChargerCall call) {
        return ChargerCallResult.newBuilder().setEventId("evt_result_" + call.getCallId()).setCall(call)
                .setStatus(ChargerCallStatus.ANSWERED).setAnswer("{\"status\":\"Accepted\"}").setGatewayId("gw-1")
                .setConnectionId("con_1").setSentAt(REQUESTED_AT.plusSeconds(1))
                .setOccurredAt(REQUESTED_AT.plusSeconds(2)).setRecordedAt(REQUESTED_AT.plusSeconds(2)).build();
    }
}
