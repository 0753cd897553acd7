package org.dynamocsms.projection.call;

import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.call.ChargerCallResult;
import org.dynamocsms.schemas.call.ChargerCallStatus;
import org.dynamocsms.schemas.call.ChargerCallView;
import org.dynamocsms.schemas.call.ChargerCalls;

/**
 * A call to a charger as it stands, from either of its two events alone: the request (pending) or the result (how it
 * ended, carrying the call). No state is needed: the result's view is a higher version, which the read store keeps
 * whichever of the two it receives last.
 */
public final class ChargerCallViews {

    private ChargerCallViews() {
    }

    /** The call just requested: pending, version {@link ChargerCalls#REQUESTED}. */
    public static ChargerCallView requested(ChargerCall call) {
        return ChargerCallView.newBuilder().setCall(call).setStatus(ChargerCallStatus.PENDING)
                .setVersion(ChargerCalls.REQUESTED).build();
    }

    /** The call as it ended, version {@link ChargerCalls#ENDED}; it ended when its result occurred. */
    public static ChargerCallView ended(ChargerCallResult result) {
        return ChargerCallView.newBuilder().setCall(result.getCall()).setStatus(result.getStatus())
                .setAnswer(result.getAnswer()).setErrorCode(result.getErrorCode())
                .setErrorDescription(result.getErrorDescription()).setSentAt(result.getSentAt())
                .setEndedAt(result.getOccurredAt()).setVersion(ChargerCalls.ENDED).build();
    }
}
