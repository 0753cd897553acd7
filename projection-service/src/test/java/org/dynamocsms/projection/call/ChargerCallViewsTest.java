package org.dynamocsms.projection.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.call.ChargerCallResult;
import org.dynamocsms.schemas.call.ChargerCallStatus;
import org.dynamocsms.schemas.call.ChargerCallView;
import org.dynamocsms.schemas.call.ChargerCalls;
import org.junit.jupiter.api.Test;

class ChargerCallViewsTest {

    private static final ChargerCall CALL = Calls.reset("call_1", "CP-001");

    @Test
    void aRequestedCallIsPendingAtTheFirstVersion() {
        ChargerCallView view = ChargerCallViews.requested(CALL);

        assertThat(view.getCall()).isEqualTo(CALL);
        assertThat(view.getStatus()).isEqualTo(ChargerCallStatus.PENDING);
        assertThat(view.getVersion()).isEqualTo(ChargerCalls.REQUESTED);
        assertThat(view.getAnswer()).isNull();
        assertThat(view.getErrorCode()).isNull();
        assertThat(view.getSentAt()).isNull();
        assertThat(view.getEndedAt()).isNull();
    }

    @Test
    void anAnsweredCallEndsWhenItsResultOccurred() {
        ChargerCallResult result = Calls.accepted(CALL);

        ChargerCallView view = ChargerCallViews.ended(result);

        assertThat(view.getCall()).isEqualTo(CALL);
        assertThat(view.getStatus()).isEqualTo(ChargerCallStatus.ANSWERED);
        assertThat(view.getAnswer()).isEqualTo("{\"status\":\"Accepted\"}");
        assertThat(view.getSentAt()).isEqualTo(result.getSentAt());
        assertThat(view.getEndedAt()).isEqualTo(result.getOccurredAt());
        assertThat(view.getVersion()).isEqualTo(ChargerCalls.ENDED).isGreaterThan(ChargerCalls.REQUESTED);
    }

    @Test
    void aCallErrorKeepsTheChargersCodeAndDescription() {
        ChargerCallResult result = ChargerCallResult.newBuilder(Calls.accepted(CALL))
                .setStatus(ChargerCallStatus.CALL_ERROR).setAnswer(null).setErrorCode("NotSupported")
                .setErrorDescription("Reset type Hard is not supported").build();

        ChargerCallView view = ChargerCallViews.ended(result);

        assertThat(view.getStatus()).isEqualTo(ChargerCallStatus.CALL_ERROR);
        assertThat(view.getAnswer()).isNull();
        assertThat(view.getErrorCode()).isEqualTo("NotSupported");
        assertThat(view.getErrorDescription()).isEqualTo("Reset type Hard is not supported");
    }

    @Test
    void aCallNeverSentHasNoSentAt() {
        ChargerCallResult result = ChargerCallResult.newBuilder(Calls.accepted(CALL))
                .setStatus(ChargerCallStatus.NOT_SENT).setAnswer(null).setErrorCode("QueueFull").setSentAt(null)
                .build();

        ChargerCallView view = ChargerCallViews.ended(result);

        assertThat(view.getStatus()).isEqualTo(ChargerCallStatus.NOT_SENT);
        assertThat(view.getSentAt()).isNull();
        assertThat(view.getEndedAt()).isEqualTo(result.getOccurredAt());
    }
}
