package org.dynamocsms.query.call;

import java.time.Instant;

import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.call.ChargerCallStatus;
import org.dynamocsms.schemas.call.ChargerCallView;
import org.dynamocsms.schemas.call.ChargerCalls;

/** Calls to chargers for tests, as the calls' projection sends them (of organisation org_A unless said otherwise). */
public final class Calls {

    public static final String ORG = "org_A";

    private Calls() {
    }

    /** A Soft Reset of {@code chargePointId} requested by an operator at {@code requestedAt}, expiring 30 s later. */
    public static ChargerCallView requested(String callId, String chargePointId, String requestedAt) {
        Instant at = Instant.parse(requestedAt);
        return ChargerCallView.newBuilder().setCall(ChargerCall.newBuilder().setEventId("evt_" + callId)
                        .setCallId(callId).setOrganisationId(ORG).setChargePointId(chargePointId).setAction("Reset")
                        .setPayload("{\"type\":\"Soft\"}").setOccurredAt(at).setRecordedAt(at)
                        .setExpiresAt(at.plusSeconds(30)).build())
                .setStatus(ChargerCallStatus.PENDING).setVersion(ChargerCalls.REQUESTED).build();
    }

    /** {@code requested}, answered {"status":"Accepted"}: sent 50 ms after its request, answered 420 ms after. */
    public static ChargerCallView answered(ChargerCallView requested) {
        Instant at = requested.getCall().getOccurredAt();
        return ChargerCallView.newBuilder(requested).setStatus(ChargerCallStatus.ANSWERED)
                .setAnswer("{\"status\":\"Accepted\"}").setSentAt(at.plusMillis(50)).setEndedAt(at.plusMillis(420))
                .setVersion(ChargerCalls.ENDED).build();
    }

    /** {@code requested}, refused by the charger with a CALLERROR. */
    public static ChargerCallView callError(ChargerCallView requested, String code, String description) {
        Instant at = requested.getCall().getOccurredAt();
        return ChargerCallView.newBuilder(requested).setStatus(ChargerCallStatus.CALL_ERROR).setErrorCode(code)
                .setErrorDescription(description).setSentAt(at.plusMillis(50)).setEndedAt(at.plusMillis(300))
                .setVersion(ChargerCalls.ENDED).build();
    }

    /** {@code view} as another organisation's, or of another action. */
    public static ChargerCallView with(ChargerCallView view, String organisationId, String action, String payload) {
        return ChargerCallView.newBuilder(view).setCall(ChargerCall.newBuilder(view.getCall())
                .setOrganisationId(organisationId).setAction(action).setPayload(payload).build()).build();
    }
}
