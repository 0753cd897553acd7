package org.dynamocsms.platform.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.call.ChargerCallStatus;
import org.dynamocsms.schemas.call.ChargerCallView;
import org.junit.jupiter.api.Test;

class ChargerCallJsonTest {

    private static final Instant REQUESTED_AT = Instant.parse("2024-06-01T10:00:00Z");
    private static final ChargerCall CALL = ChargerCall.newBuilder().setEventId("evt_1").setCallId("call_1")
            .setOrganisationId("org_A").setChargePointId("CP-001").setAction("Reset")
            .setPayload("{\"type\":\"Soft\"}").setOccurredAt(REQUESTED_AT).setRecordedAt(REQUESTED_AT)
            .setExpiresAt(REQUESTED_AT.plusSeconds(30)).build();
    /** expires_at and the grace: the last instant a pending call is still pending. */
    private static final Instant GRACE_OVER = Instant.parse("2024-06-01T10:00:40Z");

    @Test
    void aPendingCallIsExpiredOnlyAfterItsGrace() {
        ChargerCallJson pending = ChargerCallJson.of(CALL, null);

        assertThat(pending.status()).isEqualTo("pending");
        assertThat(pending.seenAt(GRACE_OVER)).isSameAs(pending);
        ChargerCallJson expired = pending.seenAt(GRACE_OVER.plusMillis(1));
        assertThat(expired.status()).isEqualTo(ChargerCallJson.EXPIRED);
        assertThat(expired.error()).isEqualTo(new ChargerCallJson.Error("NotConnected",
                "No gateway held a connection to the charger before the call expired."));
        assertThat(expired.ended()).isTrue();
        assertThat(expired).usingRecursiveComparison().ignoringFields("status", "error").isEqualTo(pending);
        assertThat(ChargerCallJson.of(CALL, GRACE_OVER.plusMillis(1))).isEqualTo(expired);
    }

    @Test
    void anEndedCallNeverExpires() {
        ChargerCallView view = ChargerCallView.newBuilder().setCall(CALL).setStatus(ChargerCallStatus.TIMED_OUT)
                .setErrorCode("Timeout").setSentAt(REQUESTED_AT).setEndedAt(REQUESTED_AT.plusSeconds(30))
                .setVersion(2).build();

        ChargerCallJson ended = ChargerCallJson.of(view, GRACE_OVER.plusSeconds(3600));

        assertThat(ended.status()).isEqualTo("timed_out");
        assertThat(ended.error()).isEqualTo(new ChargerCallJson.Error("Timeout", null));
        assertThat(ended.ended()).isTrue();
        assertThat(ended.seenAt(GRACE_OVER.plusSeconds(3600))).isSameAs(ended);
    }

    @Test
    void theApiNamesEachStatusInLowerCase() {
        assertThat(ChargerCallJson.shown(ChargerCallStatus.CONNECTION_LOST)).isEqualTo("connection_lost");
        assertThat(ChargerCallJson.of(CALL, REQUESTED_AT).ended()).isFalse();
    }
}
